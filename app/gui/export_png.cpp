#include "export_png.h"

#include <imgui.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "file_dialog.h"
#include "render/i18n.h"
#include "render/png.h"

namespace pc::gui {

namespace {

void write(const MapImage& img, const std::string& path) {
    if (!write_png_rgba(path, img.width, img.height, img.rgba.data()))
        throw std::runtime_error(std::string(tr("cannot write")) + " " + path);
}

FileDialog& dialog() {
    static FileDialog d;
    return d;
}

}  // namespace

MapImageRequest request_for_map(const Document& doc, const MapView& map, int width, int height,
                                const ViewScenario& scenario) {
    MapImageRequest rq;
    rq.width = width;
    rq.height = height;
    rq.language = language();
    const Camera& c = map.camera;
    Coord a = map.to_lonlat(c.vx, c.vy + c.vh), b = map.to_lonlat(c.vx + c.vw, c.vy);
    Envelope e;
    e.expand(a);
    e.expand(b);
    if (!e.empty()) rq.extent_lonlat = e;
    rq.styles = map.styles;
    rq.service = map.service;
    rq.metric = map.metric;
    rq.class_method = map.class_method;
    rq.class_count = map.class_count;
    const std::string label = service_label(doc.project(), map.service);
    rq.title = std::string(tr(metric_name(map.metric))) + (label.empty() ? "" : " — " + label);
    if (doc.selection() && doc.selection()->layer == DocLayer::Initiatives) rq.highlight_initiatives = {doc.selection()->id};
    rq.scenario = scenario;  // side by side, the map's camera is already the baseline's half: its extent fits each half
    return rq;
}

void export_map_png(Document& doc, const MapView& map, const std::string& path, int width, int height,
                    const ViewScenario& scenario) {
    MapImageRenderer r(doc, MapImageRenderer::UseCurrentContext{});
    write(r.render(request_for_map(doc, map, width, height, scenario)), path);
}

std::vector<std::string> export_views_png(Document& doc, const std::string& path, int width, int height) {
    std::filesystem::path p(path);
    const std::string base = p.stem().string();
    std::vector<std::string> written;
    MapImageRenderer r(doc, MapImageRenderer::UseCurrentContext{});
    int n = 0;
    for (const View& v : doc.project().views) {
        ++n;
        if (v.kind == ViewKind::Dashboard) continue;
        char num[16];
        std::snprintf(num, sizeof num, "%02d", n);
        std::string out = (p.parent_path() / (base + "_" + num + "_" + file_stem(v.name) + ".png")).string();
        write(r.render(request_for_view(v, width, height, language())), out);
        written.push_back(out);
    }
    return written;
}

void draw_export_menu(const Document& doc, UiState& ui) {
    auto sizes = [&](ExportKind kind) {
        for (std::size_t i = 0; i < std::size(kExportSizes); ++i)
            if (ImGui::MenuItem(kExportSizes[i].label)) {
                ui.export_size = int(i);
                ui.request_export = kind;
            }
    };
    if (ImGui::BeginMenu(tr("Export map as PNG"))) {
        sizes(ExportKind::Map);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("Export every view as PNG"), !doc.project().views.empty())) {
        sizes(ExportKind::Views);
        ImGui::EndMenu();
    }
}

void draw_export_dialog(UiState& ui, const std::string& start) {
    FileDialog& d = dialog();
    if (ui.request_export != ExportKind::None && !d.is_open()) {
        ui.export_kind = ui.request_export;
        ui.request_export = ExportKind::None;
        std::string title = ui.export_kind == ExportKind::Map ? tr("Export map as PNG") : tr("Export every view as PNG");
        d.open(title, "export_png", FileDialog::Mode::Save, {{"PNG (*.png)", {".png"}}}, start);
    }
    if (auto chosen = d.draw()) ui.export_path = *chosen;
}

void run_pending_export(Document& doc, const MapView& map, UiState& ui, const ViewScenario& scenario) {
    if (ui.export_path.empty()) return;
    std::string path = std::move(ui.export_path);
    ui.export_path.clear();
    const ExportSize& size = kExportSizes[std::min<std::size_t>(ui.export_size, std::size(kExportSizes) - 1)];
    try {
        if (ui.export_kind == ExportKind::Views) {
            auto files = export_views_png(doc, path, size.width, size.height);
            show_status(ui, std::to_string(files.size()) + " " + tr("views written beside") + " " + path);
        } else {
            export_map_png(doc, map, path, size.width, size.height, scenario);
            show_status(ui, std::string(tr("Map written to")) + " " + path);
        }
    } catch (const std::exception& e) {
        report_error(ui, explain_error(FailedAction::Export, path, e.what()));
    }
}

}  // namespace pc::gui
