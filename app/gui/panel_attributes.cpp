// The attribute table of a layer, as a GIS user expects it: every feature a row, its fields as
// columns (sortable by a click on the header), a filter that keeps the rows any of whose cells holds
// the text, and a click on a row selects the feature on the map (facilities, initiatives, zones) or
// outlines the unit (desa, kecamatan, kabupaten) and flies there.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>

#include "attribute_table.h"
#include "panels.h"
#include "render/i18n.h"

namespace pc::gui {
namespace {

DocLayer doc_layer_of(TableLayer l) {
    switch (l) {
        case TableLayer::Facilities: return DocLayer::Facilities;
        case TableLayer::Initiatives: return DocLayer::Initiatives;
        case TableLayer::Zones: return DocLayer::Zones;
        default: return DocLayer::Admin;
    }
}

struct TableState {
    TableLayer layer = TableLayer::Desa;
    std::string filter;
    AttributeTable table;
    std::uint64_t document = 0, revision = 0;
    TableLayer built_layer = TableLayer::Desa;
    std::string built_filter;
    std::vector<std::size_t> rows;
    bool built = false;
    std::string selected;  // id of the row chosen last
};

void choose_row(Document& doc, MapView& map, UiState& ui, const TableState& st, std::size_t r) {
    const std::string& id = st.table.ids[r];
    const Envelope& e = st.table.extents[r];
    switch (st.layer) {
        case TableLayer::Facilities: doc.select(FeatureRef{DocLayer::Facilities, id}); map.zoom_to(e, 4000); break;
        case TableLayer::Initiatives: doc.select(FeatureRef{DocLayer::Initiatives, id}); map.zoom_to(e, 4000); break;
        case TableLayer::Zones: doc.select(FeatureRef{DocLayer::Zones, id}); map.zoom_to(e); break;
        default:
            ui.focused_unit = id;  // outlined by the metrics panel
            map.zoom_to(e);
            break;
    }
}

}  // namespace

void draw_attribute_panel(Document& doc, MapView& map, UiState& ui) {
    if (!ui.attributes_open) return;
    static TableState st;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(ui.left_width + 16, io.DisplaySize.y * 0.45f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.6f, ImGui::GetFontSize() * 46), io.DisplaySize.y * 0.45f), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(trid("Attribute table").c_str(), &ui.attributes_open)) {
        ImGui::End();
        return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo(trid("Layer").c_str(), tr(table_layer_name(st.layer)))) {
        for (TableLayer l : kTableLayers)
            if (ImGui::Selectable(tr(table_layer_name(l)), l == st.layer)) st.layer = l;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", tr("Filter: text in any column"), &st.filter);

    const std::uint64_t revision = doc.layer_revision(doc_layer_of(st.layer));
    const bool stale = !st.built || st.document != doc.serial() || st.revision != revision || st.built_layer != st.layer;
    if (stale) {
        st.table = attribute_table(doc.project(), st.layer);
        st.document = doc.serial();
        st.revision = revision;
        st.built_layer = st.layer;
    }
    bool resort = stale || st.built_filter != st.filter;
    if (resort) {
        st.rows = filter_rows(st.table, st.filter);
        st.built_filter = st.filter;
        st.built = true;
    }
    ImGui::TextDisabled("%zu %s %zu %s", st.rows.size(), tr("of"), st.table.ids.size(), tr("rows"));

    const std::size_t columns = st.table.columns.size();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (columns > 0 && ImGui::BeginTable("##attributes", int(std::min<std::size_t>(columns, 64)), flags)) {
        ImGui::TableSetupScrollFreeze(1, 1);
        for (std::size_t c = 0; c < columns && c < 64; ++c) {
            const std::string& name = st.table.columns[c];
            // The model's fields in the language shown; a source's own fields as they are named.
            ImGui::TableSetupColumn(has_translation(name.c_str()) ? tr(name.c_str()) : name.c_str(),
                                    st.table.numeric[c] ? ImGuiTableColumnFlags_PreferSortDescending : 0);
        }
        ImGui::TableHeadersRow();
        ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs();
        if (spec && (spec->SpecsDirty || resort)) {
            if (spec->SpecsCount > 0)
                sort_rows(st.table, st.rows, std::size_t(spec->Specs[0].ColumnIndex), spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
            spec->SpecsDirty = false;
        }
        ImGuiListClipper clipper;
        clipper.Begin(int(st.rows.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const std::size_t r = st.rows[std::size_t(i)];
                ImGui::TableNextRow();
                ImGui::PushID(int(r));
                for (std::size_t c = 0; c < columns && c < 64; ++c) {
                    ImGui::TableNextColumn();
                    const std::string& cell = st.table.cells[r][c];
                    if (c == 0) {
                        if (ImGui::Selectable(cell.empty() ? " " : cell.c_str(), st.table.ids[r] == st.selected, ImGuiSelectableFlags_SpanAllColumns)) {
                            st.selected = st.table.ids[r];
                            choose_row(doc, map, ui, st, r);
                        }
                    } else if (st.table.numeric[c] && !std::isnan(st.table.values[r][c])) {
                        // Numbers with the language's separators ("5.204", "0,125").
                        const double v = st.table.values[r][c];
                        ImGui::TextUnformatted((v == std::round(v) ? format_count(v) : format_decimal(v, 3)).c_str());
                    } else {
                        ImGui::TextUnformatted(cell.c_str());
                    }
                }
                ImGui::PopID();
            }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pc::gui
