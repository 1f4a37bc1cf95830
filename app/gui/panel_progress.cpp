// Progress of background work: the window shown while a project is read, and the bar the panels show
// while figures are recomputed. The engine reports few steps, so a bar whose share has not moved yet
// shows a moving stripe and the seconds: the work is alive.
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "render/i18n.h"
#include "panels.h"

namespace pc::gui {
namespace {

const char* kind_label(WorkKind k) {
    switch (k) {
        case WorkKind::Idle: return "";
        case WorkKind::Load: return tr("Opening");
        case WorkKind::Engine: return tr("Preparing the analysis");
        case WorkKind::Analysis: return tr("Computing figures");
        case WorkKind::Save: return tr("Saving");
        case WorkKind::Autosave: return tr("Autosaving");
    }
    return "";
}

// The engine's and the workers' step names (English keys), translated.
const char* step_label(const std::string& step) {
    if (step == "reading") return tr("reading the file");
    if (step == "preparing") return tr("projecting and indexing");
    if (step == "prepared") return tr("indexed");
    if (step == "analysing") return tr("coverage per desa");
    if (step == "initiatives") return tr("initiatives");
    if (step == "saving" || step == "autosaving") return tr("writing");
    if (step == "done") return tr("done");
    return step.c_str();
}

}  // namespace

std::string work_label(const WorkStatus& s) {
    if (!s.busy()) return "";
    std::string out = kind_label(s.kind);
    if (!s.step.empty()) out += std::string(": ") + step_label(s.step);
    return out;
}

void work_progress(const WorkStatus& s) {
    const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetFrameHeight();
    char overlay[64];
    if (s.fraction > 0.005) std::snprintf(overlay, sizeof overlay, "%.0f%% · %.0f s", s.fraction * 100, s.seconds);
    else std::snprintf(overlay, sizeof overlay, "%.0f s", s.seconds);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::ProgressBar(float(s.fraction), ImVec2(w, h), overlay);
    if (s.fraction <= 0.005) {
        // Not measured yet: a stripe going across, a third of the bar wide, once every two seconds.
        const float phase = float(std::fmod(ImGui::GetTime() / 2.0, 1.0));
        const float sw = w / 3, x0 = a.x + (w + sw) * phase - sw;
        const ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float pad = std::round(h * 0.2f);
        dl->PushClipRect(ImVec2(a.x, a.y), ImVec2(a.x + w, a.y + h), true);
        dl->AddRectFilled(ImVec2(std::round(x0), a.y + pad), ImVec2(std::round(x0 + sw), a.y + h - pad),
                          ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, 0.35f)), ImGui::GetStyle().FrameRounding);
        dl->PopClipRect();
    }
}

bool draw_loading_window(const DocumentLoad& load) {
    const ImGuiIO& io = ImGui::GetIO();
    const float width = std::min(io.DisplaySize.x * 0.9f, ImGui::GetFontSize() * 32);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    ImGui::Begin(trid("Opening").c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    const std::string name = std::filesystem::path(load.path()).filename().string();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TextDisabled("%s", load.path().c_str());
    WorkStatus s = load.status();
    if (!s.busy()) s = WorkStatus{WorkKind::Load, 1, "done", 0};
    ImGui::TextUnformatted(work_label(s).c_str());
    work_progress(s);
    const bool cancel = ImGui::Button(tr("Cancel"));
    ImGui::End();
    return cancel;
}

}  // namespace pc::gui
