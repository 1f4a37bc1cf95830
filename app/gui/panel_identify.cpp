// Identify: what is at the spot clicked with the Identify tool. A symbol there (a facility or an
// initiative) with its attributes; else the desa holding the spot with its kecamatan, kabupaten and
// zones, its attributes (the extra fields of its source too), and its figures for every service of
// the newest analysis. The desa is outlined on the map while the window is open.
#include <imgui.h>

#include <cmath>

#include "geo/doc/admin_names.h"
#include "geo/doc/identify.h"
#include "gui_canvas.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

void row(const char* key, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", key);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.c_str());
}

std::string value_text(const FieldValue& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return format_count(double(*i));
    if (auto* d = std::get_if<double>(&v)) return format_decimal(*d, std::abs(*d) >= 100 ? 0 : 3);
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "—";
}

bool begin_fields(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp);
}

void extras(const std::vector<ExtraField>& fields) {
    for (const auto& x : fields) row(x.name.c_str(), value_text(x.value));
}

void feature_fields(const Project& p, const FeatureRef& ref) {
    if (!begin_fields("feature")) return;
    if (ref.layer == DocLayer::Facilities) {
        const long i = find_facility(p, ref.id);
        if (i >= 0) {
            const Facility& f = p.facilities[std::size_t(i)];
            row(tr("Name"), f.name);
            row(tr("Type"), service_label(p, f.type));
            row(tr("Service radius (m)"), format_count(p.service_radius_m(f)));
            extras(f.extra);
        }
    } else if (ref.layer == DocLayer::Initiatives) {
        const long i = find_initiative(p, ref.id);
        if (i >= 0) {
            const Initiative& in = p.initiatives[std::size_t(i)];
            row(tr("Name"), in.name);
            row(tr("Pillar"), pillar_name(int(in.pillar)));
            row(tr("Element"), element_name(int(in.element)));
            row(tr("OPD"), in.opd);
            row(tr("Years"), std::to_string(in.start_year) + "–" + std::to_string(in.end_year));
            row(tr("Budget (Rp)"), format_count(double(in.budget_rp)));
            row(tr("Status"), status_name(int(in.status)));
            row(tr("Service provided"), in.service.empty() ? tr("none") : service_label(p, in.service));
            if (in.radius_m) row(tr("Service radius (m)"), format_count(*in.radius_m));
            if (!in.rpjmd_ref.empty()) row(tr("RPJMD reference"), in.rpjmd_ref);
        }
    }
    ImGui::EndTable();
}

void place_fields(const Project& p, const PlaceAt& at, const std::shared_ptr<const AnalysisResult>& a) {
    if (!at.desa && !at.kecamatan && at.zones.empty()) {
        ImGui::TextDisabled("%s", tr("Nothing of the district here"));
        return;
    }
    if (begin_fields("place")) {
        if (at.desa) {
            const AdminUnit& d = p.desa[*at.desa];
            row(tr("Desa"), AdminNames::shown(d.name, d.code) + " (" + d.code + ")");
            if (d.population) row(tr("Population"), format_count(*d.population));
        }
        if (at.kecamatan) row(tr("Kecamatan"), AdminNames::shown(p.kecamatan[*at.kecamatan].name, p.kecamatan[*at.kecamatan].code));
        if (at.kabupaten) row(tr("Kabupaten"), AdminNames::shown(p.kabupaten[*at.kabupaten].name, p.kabupaten[*at.kabupaten].code));
        for (std::size_t z : at.zones) row(tr("Zone"), p.zones[z].name + " (" + p.zones[z].kind + ")");
        if (at.desa) extras(p.desa[*at.desa].extra);
        ImGui::EndTable();
    }
    if (!at.desa || !a) return;
    // The desa's figures for every service.
    const std::string& code = p.desa[*at.desa].code;
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("Figures of this desa"));
    if (!ImGui::BeginTable("figures", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("Service"));
    ImGui::TableSetupColumn(tr("Covered"));
    ImGui::TableSetupColumn(tr("Uncovered"));
    ImGui::TableSetupColumn(tr("Distance"));
    ImGui::TableHeadersRow();
    for (const auto& s : a->services)
        for (const auto& u : s.desa)
            if (u.code == code) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(service_label(p, s.service).c_str());
                unit_figure_cells(u, false);
            }
    ImGui::EndTable();
}

}  // namespace

void draw_identify_panel(Document& doc, MapView& map, UiState& ui) {
    if (auto found = map.take_identified()) {
        ui.identified = std::move(found);
        ui.identify_open = true;
    }
    if (!ui.identify_open || !ui.identified) return;
    const Project& p = doc.project();
    // Found once per click and layer change, not every frame: a province has 8,494 desa to test.
    static struct {
        Coord lonlat{NAN, NAN};
        std::uint64_t document = 0, admin = 0, zones = 0;
        PlaceAt at;
    } cache;
    const std::uint64_t admin = doc.layer_revision(DocLayer::Admin), zones = doc.layer_revision(DocLayer::Zones);
    if (cache.lonlat.x != ui.identified->lonlat.x || cache.lonlat.y != ui.identified->lonlat.y || cache.document != doc.serial() ||
        cache.admin != admin || cache.zones != zones) {
        cache.at = place_at(p, ui.identified->lonlat);
        cache.lonlat = ui.identified->lonlat;
        cache.document = doc.serial();
        cache.admin = admin;
        cache.zones = zones;
    }
    const PlaceAt& at = cache.at;
    // The desa found, outlined on the map.
    if (!ui.identified->feature && at.desa) {
        ImGuiCanvas canvas = gui_canvas(ImGui::GetBackgroundDrawList());
        const Camera& c = map.camera;
        canvas.push_clip({float(c.vx), float(c.vy)}, {float(c.vx + c.vw), float(c.vy + c.vh)});
        draw_cased_outline(canvas, map, p.desa[*at.desa].geometry, 0xffffffdc, 6 * map.ui_scale, kFocusedUnitColour | 0xff, 3.5f * map.ui_scale);
        canvas.pop_clip();
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(ui.left_width + 16, ui.menu_height + 16), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24, std::min(io.DisplaySize.y * 0.6f, ImGui::GetFontSize() * 30)), ImGuiCond_Appearing);
    if (!ImGui::Begin(trid("Identify").c_str(), &ui.identify_open)) {
        ImGui::End();
        return;
    }
    const Coord ll = ui.identified->lonlat;
    ImGui::TextDisabled("%.5f° %s, %.5f° %s", std::abs(ll.y), ll.y < 0 ? (language() == Language::Indonesian ? "LS" : "S") : (language() == Language::Indonesian ? "LU" : "N"),
                        ll.x, language() == Language::Indonesian ? "BT" : "E");
    if (ui.identified->feature) {
        ImGui::TextUnformatted(ui.identified->feature->layer == DocLayer::Facilities ? tr("Facility") : tr("Initiative"));
        feature_fields(p, *ui.identified->feature);
        ImGui::Separator();
    }
    place_fields(p, at, doc.latest_analysis());
    ImGui::End();
}

}  // namespace pc::gui
