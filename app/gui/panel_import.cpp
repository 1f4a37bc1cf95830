#include "panel_import.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "geo/doc/import_command.h"
#include "render/i18n.h"

namespace pc::gui {
namespace fs = std::filesystem;

namespace {

constexpr ImportTarget kTargets[] = {ImportTarget::Desa,      ImportTarget::Kecamatan,  ImportTarget::Kabupaten,
                                     ImportTarget::Facilities, ImportTarget::Zones,     ImportTarget::Initiatives};

// Features the project already has in the layer an import writes to.
std::size_t existing_features(const Project& p, ImportTarget t) {
    switch (t) {
        case ImportTarget::Kabupaten: return p.kabupaten.size();
        case ImportTarget::Kecamatan: return p.kecamatan.size();
        case ImportTarget::Desa: return p.desa.size();
        case ImportTarget::Facilities: return p.facilities.size();
        case ImportTarget::Zones: return p.zones.size();
        case ImportTarget::Initiatives: return p.initiatives.size();
        case ImportTarget::PopulationGrid: return p.population_grid ? p.population_grid->cells.size() : 0;
    }
    return 0;
}

const char* target_label(ImportTarget t) {
    switch (t) {
        case ImportTarget::Desa: return tr("Desa");
        case ImportTarget::Kecamatan: return tr("Kecamatan");
        case ImportTarget::Kabupaten: return tr("Kabupaten outline");
        case ImportTarget::Facilities: return tr("Facilities");
        case ImportTarget::Zones: return tr("Zones");
        case ImportTarget::Initiatives: return tr("Initiatives");
        case ImportTarget::PopulationGrid: break;
    }
    return "?";
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A first guess of what a layer holds, from its name (the user can change it).
ImportTarget guess_target(const std::string& layer_or_file) {
    const std::string n = lower(layer_or_file);
    auto has = [&](const char* k) { return n.find(k) != std::string::npos; };
    if (has("inisiatif") || has("initiative") || has("program")) return ImportTarget::Initiatives;
    if (has("zon") || has("kppn") || has("kspn") || has("kawasan")) return ImportTarget::Zones;
    if (has("desa") || has("kelurahan") || has("village") || has("admin4")) return ImportTarget::Desa;
    if (has("kecamatan") || has("kec") || has("district") || has("admin3")) return ImportTarget::Kecamatan;
    if (has("kabupaten") || has("kab") || has("kota") || has("admin2")) return ImportTarget::Kabupaten;
    return ImportTarget::Facilities;
}

std::vector<FileDialog::Filter> gis_filters() {
    return {{tr("GIS files") + std::string(" (gpkg, shp, geojson, kml, kmz, csv, xlsx)"),
             {".gpkg", ".shp", ".geojson", ".json", ".kml", ".kmz", ".csv", ".xlsx"}},
            {"GeoPackage (*.gpkg)", {".gpkg"}},
            {"Shapefile (*.shp)", {".shp"}},
            {"GeoJSON (*.geojson, *.json)", {".geojson", ".json"}},
            {"KML / KMZ (*.kml, *.kmz)", {".kml", ".kmz"}},
            {"CSV (*.csv)", {".csv"}},
            {tr("All files"), {}}};
}

std::vector<FileDialog::Filter> project_filters() {
    return {{tr("PetaCerdas project") + std::string(" (*.gpkg)"), {".gpkg"}}, {tr("All files"), {}}};
}

std::string folder_of(const std::string& path) {
    return path.empty() ? std::string() : fs::path(path).parent_path().string();
}

void draw_import_dialog(Document& doc, UiState& ui, FilePanels& fp) {
    ImportDialog& d = fp.import;
    const std::string popup = std::string(tr("Import layer")) + "###importlayer";
    if (fp.request_import_popup) {
        ImGui::OpenPopup(popup.c_str());
        fp.request_import_popup = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize() / 16;  // sizes of UI scale 1
    ImGui::SetNextWindowSize(ImVec2(std::min(960.0f * em, vp->Size.x - 40), std::min(680.0f * em, vp->Size.y - 40)), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(popup.c_str(), &d.open)) {
        if (!ImGui::IsPopupOpen(popup.c_str())) d.open = false;
        if (!d.open) d.cancel();
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.89f, 0.90f, 0.92f, 1.0f));  // empty fields seen
    bool changed = false;
    ImGui::TextUnformatted(tr("File"));
    ImGui::SameLine(170);
    ImGui::TextUnformatted(fs::path(d.path).filename().string().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("Choose another file..."))) {
        d.open = false;
        start_import(ui, folder_of(d.path));
    }
    ImGui::TextDisabled("%s", d.path.c_str());
    if (d.layers.size() > 1) {
        ImGui::TextUnformatted(tr("Layer"));
        ImGui::SameLine(170);
        ImGui::SetNextItemWidth(360);
        const std::string current = d.preview ? d.preview->layer : d.options.layer;
        if (ImGui::BeginCombo("##layer", current.c_str())) {
            for (auto& l : d.layers) {
                std::string item = l.name + "  (" + std::to_string(l.features) + ")";
                if (ImGui::Selectable(item.c_str(), l.name == current)) {
                    d.options.layer = l.name;
                    d.options.target = guess_target(l.name);
                    d.options.mapping = {};
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
    }
    ImGui::TextUnformatted(tr("Import as"));
    ImGui::SameLine(170);
    ImGui::SetNextItemWidth(360);
    if (ImGui::BeginCombo("##target", target_label(d.options.target))) {
        for (ImportTarget t : kTargets)
            if (ImGui::Selectable(target_label(t), t == d.options.target)) {
                d.options.target = t;
                d.options.mapping = {};  // other slots matter now
                d.options.replace = false;  // never replace what is there unless asked
                changed = true;
            }
        ImGui::EndCombo();
    }
    // Adding is the default; replacing what the layer holds must be asked for, and says how much.
    const std::size_t existing = existing_features(doc.project(), d.options.target);
    if (existing > 0) {
        const std::string label = std::string(tr("Replace the existing features of this layer")) + " (" + std::to_string(existing) + ")";
        ImGui::Checkbox(label.c_str(), &d.options.replace);
        if (!d.options.replace) ImGui::TextDisabled("%s", tr("The imported features are added to those already there."));
    } else {
        d.options.replace = false;
    }
    const bool admin = d.options.target == ImportTarget::Desa || d.options.target == ImportTarget::Kecamatan;
    if (admin) ImGui::Checkbox(tr("Population required"), &d.options.require_population);

    // The field mapping: automatic (the core's guess, shown) or a field chosen by the user.
    ImGui::Separator();
    ImGui::TextUnformatted(tr("Field mapping"));
    const std::vector<std::string> fields = d.preview ? d.preview->fields : std::vector<std::string>{};
    for (auto& [label, member] : d.slots()) {
        std::string* slot = &(d.options.mapping.*member);
        ImGui::PushID(label);
        ImGui::TextUnformatted(tr(label));
        ImGui::SameLine(170);
        ImGui::SetNextItemWidth(360);
        const std::string guessed = d.preview ? d.preview->mapping.*member : std::string();
        const std::string shown = !slot->empty() ? *slot
                                  : guessed.empty() ? std::string(tr("(none found)"))
                                                    : std::string(tr("(automatic)")) + ": " + guessed;
        if (ImGui::BeginCombo("##field", shown.c_str())) {
            if (ImGui::Selectable(tr("(automatic)"), slot->empty())) {
                slot->clear();
                changed = true;
            }
            for (auto& f : fields) {
                if (f == "geometry") continue;
                if (ImGui::Selectable(f.c_str(), *slot == f)) {
                    *slot = f;
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
        ImGui::PopID();
    }
    if (d.options.target == ImportTarget::Facilities) {
        ImGui::TextUnformatted(tr("Type for all"));
        ImGui::SameLine(170);
        ImGui::SetNextItemWidth(360);
        ImGui::InputTextWithHint("##alltype", tr("when the layer has no type field, e.g. puskesmas"), &d.options.facility_type);
    }
    ImGui::TextUnformatted(tr("Source CRS"));
    ImGui::SameLine(170);
    ImGui::SetNextItemWidth(360);
    ImGui::InputTextWithHint("##crs", tr("empty = the file's own, e.g. EPSG:32749"), &d.options.source_crs);
    if (ImGui::IsItemDeactivatedAfterEdit()) changed = true;

    // The first rows as the core reads them.
    ImGui::Separator();
    if (d.preview) {
        const ImportPreview& p = *d.preview;
        const bool table = std::find(p.fields.begin(), p.fields.end(), "geometry") == p.fields.end();
        const char* crs = !p.crs.empty() ? p.crs.c_str() : table ? tr("lon/lat in WGS 84 (EPSG:4326) assumed") : tr("no CRS");
        ImGui::Text("%s: %s · %s · %s · %lld %s", tr("Preview"), p.layer.c_str(), p.driver.c_str(), crs, p.features,
                    tr("features"));
        const int cols = int(std::min<std::size_t>(p.fields.size(), 60));
        const float table_h = std::max(80.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2 -
                                                  (d.error.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing() * 2));
        if (cols > 0 && ImGui::BeginTable("##rows", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                                          ImVec2(0, table_h))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            for (int c = 0; c < cols; ++c) ImGui::TableSetupColumn(p.fields[std::size_t(c)].c_str());
            ImGui::TableHeadersRow();
            for (auto& row : p.rows) {
                ImGui::TableNextRow();
                for (int c = 0; c < cols && c < int(row.size()); ++c) {
                    ImGui::TableSetColumnIndex(c);
                    ImGui::TextUnformatted(row[std::size_t(c)].c_str());
                }
            }
            ImGui::EndTable();
        }
    }
    d.poll(doc, ui);
    if (!d.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", d.error.c_str());
    if (d.busy()) {
        // The file is being read: time so far and a moving stripe (the reader reports no share).
        WorkStatus s;
        s.kind = WorkKind::Load;
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - d.started).count();
        ImGui::TextUnformatted(tr("Importing..."));
        work_progress(s);
    }
    ImGui::BeginDisabled(!d.preview || d.busy());
    if (ImGui::Button(tr("Import")) || (d.submit && d.preview)) d.run(doc);
    d.submit = false;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel"))) {
        d.cancel();
        d.open = false;
    }
    if (changed) d.refresh();
    ImGui::PopStyleColor();
    if (!d.open) {
        d.cancel();  // closed while reading (Cancel, another file, the close box): the result is dropped
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_open_guard(Document& doc, UiState& ui, FilePanels& fp) {
    using Answer = FilePanels::GuardAnswer;
    const std::string popup = std::string(tr("Unsaved changes")) + "###openguard";
    if (fp.request_guard_popup) {
        ImGui::OpenPopup(popup.c_str());
        fp.request_guard_popup = false;
    }
    if (ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("This project has unsaved changes. Save them before opening another project?"));
        ImGui::TextDisabled("%s", fp.pending_open.c_str());
        if (ImGui::Button(tr("Save and open"))) fp.guard_answer = Answer::SaveAndOpen;
        ImGui::SameLine();
        if (ImGui::Button(tr("Discard and open"))) fp.guard_answer = Answer::DiscardAndOpen;
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) fp.guard_answer = Answer::Cancel;
        if (fp.guard_answer) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!fp.guard_answer) return;
    const Answer a = *fp.guard_answer;
    fp.guard_answer.reset();
    if (a == Answer::SaveAndOpen) {
        // Opens once the save has succeeded (the app watches its notice); an untitled document asks
        // for a path first.
        save_document(doc, ui);
        ui.open_after_save = fp.pending_open;
    }
    if (a == Answer::DiscardAndOpen) {
        Document::discard_autosave(doc.autosave_path());  // not to be recovered
        fp.confirmed_open = fp.pending_open;
        ui.open_path = fp.pending_open;
    }
    fp.pending_open.clear();
}

}  // namespace

void ImportDialog::load(const std::string& source) {
    path = source;
    open = true;
    error.clear();
    preview.reset();
    layers.clear();
    options = ImportOptions{};
    try {
        layers = list_layers(source);
    } catch (const std::exception& e) {
        error = e.what();
        return;
    }
    std::string first = fs::path(source).stem().string();
    for (auto& l : layers)
        if (l.features > 0) {
            if (layers.size() > 1) first = l.name;
            break;
        }
    options.target = guess_target(first);
    options.replace = false;  // added to what is there unless the planner asks to replace it
    refresh();
}

void ImportDialog::refresh() {
    try {
        preview = preview_import(path, options, 8);
        error.clear();
    } catch (const std::exception& e) {
        preview.reset();
        error = e.what();
    }
}

std::vector<ImportDialog::Slot> ImportDialog::slots() const {
    using M = FieldMapping;
    std::vector<Slot> out = {{"Name", &M::name}};
    switch (options.target) {
        case ImportTarget::Kabupaten:
        case ImportTarget::Kecamatan:
        case ImportTarget::Desa:
            out.insert(out.end(), {{"Code", &M::code}, {"Parent code", &M::parent_code}, {"BPS code", &M::bps_code},
                                   {"Population", &M::population}});
            break;
        case ImportTarget::Facilities: out.insert(out.end(), {{"Type", &M::type}, {"Service radius (m)", &M::radius}}); break;
        case ImportTarget::Zones: out.insert(out.end(), {{"Code", &M::code}, {"Kind", &M::type}}); break;
        case ImportTarget::Initiatives: out.push_back({"Service radius (m)", &M::radius}); break;
        case ImportTarget::PopulationGrid: out = {{"Population", &M::population}}; break;
    }
    // A table without a geometry column: points from lon/lat, or WKT.
    const bool has_geometry = preview && std::find(preview->fields.begin(), preview->fields.end(), "geometry") != preview->fields.end();
    if (preview && !has_geometry)
        out.insert(out.end(), {{"Longitude", &M::lon}, {"Latitude", &M::lat}, {"WKT geometry", &M::wkt}});
    return out;
}

namespace {
// Imports cancelled while running: kept until their worker ends (a std::async future waits for it
// in its destructor, which must not happen on the frame thread).
std::vector<std::future<ImportEdit>>& abandoned() {
    static std::vector<std::future<ImportEdit>> a;
    return a;
}
void forget_finished_abandoned() {
    auto& a = abandoned();
    a.erase(std::remove_if(a.begin(), a.end(),
                           [](std::future<ImportEdit>& f) { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }),
            a.end());
}
}  // namespace

void ImportDialog::run(Document& doc) {
    if (busy()) return;
    error.clear();
    auto project = std::make_shared<const Project>(doc.project());
    running = std::async(std::launch::async, [project, path = path, options = options] { return make_import(*project, path, options); });
    started = std::chrono::steady_clock::now();
    started_revision = doc.revision();
}

void ImportDialog::cancel() {
    if (busy()) abandoned().push_back(std::move(running));
    running = {};
}

bool ImportDialog::poll(Document& doc, UiState& ui) {
    forget_finished_abandoned();
    if (!busy() || running.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    try {
        ImportEdit edit = running.get();
        running = {};
        if (doc.revision() != started_revision) throw std::runtime_error("the project changed while the file was read: import it again");
        doc.execute(std::move(edit.command));
        std::string msg = std::string(tr("Imported")) + ": " + std::to_string(edit.report.imported) + " · " +
                          target_label(options.target) + " (" + fs::path(path).filename().string() + ")";
        if (!edit.report.warnings.empty()) msg += " · " + edit.report.warnings.front();
        show_status(ui, msg);
        error.clear();
        open = false;
        return true;
    } catch (const std::exception& e) {
        running = {};
        error = e.what();
        return true;
    }
}

FilePanels& file_panels(UiState& ui) {
    if (!ui.files) ui.files = std::make_shared<FilePanels>();
    return *ui.files;
}

void start_import(UiState& ui, const std::string& start_folder) {
    FilePanels& fp = file_panels(ui);
    fp.purpose = FilePanels::Purpose::Import;
    fp.dialog.open(tr("Import layer"), "importfile", FileDialog::Mode::Open, gis_filters(), start_folder);
}

void draw_file_panels(Document& doc, UiState& ui) {
    FilePanels& fp = file_panels(ui);
    if (ui.request_open) {
        ui.request_open = false;
        fp.purpose = FilePanels::Purpose::Open;
        fp.dialog.open(tr("Open project"), "openproject", FileDialog::Mode::Open, project_filters(), doc.path());
    }
    if (ui.request_save_as) {
        ui.request_save_as = false;
        fp.purpose = FilePanels::Purpose::SaveAs;
        std::error_code ec;
        const std::string start = !doc.path().empty() ? doc.path() : (fs::current_path(ec) / "proyek.gpkg").string();
        fp.dialog.open(tr("Save project as"), "saveproject", FileDialog::Mode::Save, project_filters(), start);
    }
    if (ui.request_import) {
        ui.request_import = false;
        start_import(ui, folder_of(doc.path()));
    }
    if (auto chosen = fp.dialog.draw()) {
        switch (fp.purpose) {
            case FilePanels::Purpose::Open: ui.open_path = *chosen; break;
            case FilePanels::Purpose::SaveAs:
                doc.save_as_async(*chosen);
                show_status(ui, std::string(tr("Saving")) + ": " + *chosen);
                break;
            case FilePanels::Purpose::Import:
                fp.import.load(*chosen);
                fp.request_import_popup = true;
                break;
            case FilePanels::Purpose::None: break;
        }
        fp.purpose = FilePanels::Purpose::None;
    } else if (fp.purpose == FilePanels::Purpose::SaveAs && !fp.dialog.is_open()) {
        // Save as cancelled: nothing waits for a save any more.
        fp.purpose = FilePanels::Purpose::None;
        ui.quit_after_save = false;
        ui.open_after_save.clear();
    }
    if (fp.import.open) draw_import_dialog(doc, ui, fp);
    draw_open_guard(doc, ui, fp);
}

void confirm_open_without_asking(UiState& ui, const std::string& path) { file_panels(ui).confirmed_open = path; }

bool confirm_open(Document& doc, UiState& ui, const std::string& path) {
    FilePanels& fp = file_panels(ui);
    if (!doc.dirty() || fp.confirmed_open == path) {
        fp.confirmed_open.clear();
        return true;
    }
    fp.pending_open = path;
    fp.request_guard_popup = true;
    return false;
}

}  // namespace pc::gui
