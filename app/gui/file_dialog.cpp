#include "file_dialog.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "render/i18n.h"

namespace pc::gui {
namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool has_extension(const std::string& name, const std::vector<std::string>& extensions) {
    if (extensions.empty()) return true;
    const std::string l = lower(name);
    for (auto& e : extensions)
        if (l.size() > e.size() && l.compare(l.size() - e.size(), e.size(), e) == 0) return true;
    return false;
}

std::string home_folder() {
    if (const char* h = std::getenv("HOME"); h && *h) return h;
    return fs::current_path().string();
}

std::string size_text(std::uintmax_t n) {
    char b[32];
    if (n >= 1024 * 1024) std::snprintf(b, sizeof b, "%.1f MB", double(n) / (1024.0 * 1024.0));
    else if (n >= 1024) std::snprintf(b, sizeof b, "%.0f kB", double(n) / 1024.0);
    else std::snprintf(b, sizeof b, "%ju B", n);
    return b;
}

}  // namespace

std::vector<DirEntry> list_directory(const std::string& dir, const std::vector<std::string>& extensions, std::string* error) {
    std::vector<DirEntry> dirs, files;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        if (error) *error = dir + ": " + ec.message();
        return {};
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code e2;
        if (it->is_directory(e2)) {
            dirs.push_back({name, true, 0});
        } else if (has_extension(name, extensions)) {
            auto size = it->file_size(e2);
            files.push_back({name, false, e2 ? 0 : size});
        }
    }
    auto by_name = [](const DirEntry& a, const DirEntry& b) {
        const auto la = lower(a.name), lb = lower(b.name);
        return la != lb ? la < lb : a.name < b.name;
    };
    std::sort(dirs.begin(), dirs.end(), by_name);
    std::sort(files.begin(), files.end(), by_name);
    dirs.insert(dirs.end(), files.begin(), files.end());
    if (error) error->clear();
    return dirs;
}

void FileDialog::open(const std::string& title, const std::string& id, Mode mode, std::vector<Filter> filters,
                      const std::string& start) {
    title_ = title;
    id_ = id;
    mode_ = mode;
    filters_ = std::move(filters);
    if (filters_.empty()) filters_.push_back({"*", {}});
    filter_ = 0;
    typed_.clear();
    replace_asked_.clear();
    error_.clear();
    std::error_code ec;
    std::string folder = start.empty() ? fs::current_path(ec).string() : start;
    if (!start.empty() && !fs::is_directory(start, ec)) {
        folder = fs::path(start).parent_path().string();
        if (mode == Mode::Save) typed_ = fs::path(start).filename().string();
    }
    if (folder.empty() || !fs::is_directory(folder, ec)) folder = home_folder();
    folder_ = fs::absolute(folder, ec).lexically_normal().string();
    refresh();
    open_ = true;
    request_popup_ = true;
}

void FileDialog::refresh() {
    entries_ = list_directory(folder_, filters_.empty() ? std::vector<std::string>{} : filters_[filter_].extensions, &error_);
}

void FileDialog::go_to(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        error_ = folder + ": " + tr("not a folder");
        return;
    }
    std::string err;
    auto listed = list_directory(folder, filters_.empty() ? std::vector<std::string>{} : filters_[filter_].extensions, &err);
    if (!err.empty()) {
        error_ = err;
        return;
    }
    folder_ = fs::absolute(folder, ec).lexically_normal().string();
    while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
    entries_ = std::move(listed);
    error_.clear();
}

void FileDialog::go_up() {
    fs::path p(folder_);
    if (p.has_parent_path() && p.parent_path() != p) go_to(p.parent_path().string());
}

void FileDialog::set_filter(std::size_t i) {
    if (i >= filters_.size()) return;
    filter_ = i;
    refresh();
}

std::string FileDialog::resolve(const std::string& typed) const {
    std::string t = typed;
    if (t.rfind("~/", 0) == 0 || t == "~") t = home_folder() + t.substr(1);
    fs::path p(t);
    if (p.is_relative()) p = fs::path(folder_) / p;
    return p.lexically_normal().string();
}

std::optional<std::string> FileDialog::confirm() {
    auto b = typed_.find_first_not_of(" \t"), e = typed_.find_last_not_of(" \t");
    if (b == std::string::npos) return std::nullopt;
    std::string path = resolve(typed_.substr(b, e - b + 1));
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        go_to(path);
        typed_.clear();
        return std::nullopt;
    }
    if (mode_ == Mode::Open && !fs::exists(path, ec)) {
        error_ = path + ": " + tr("no such file");
        return std::nullopt;
    }
    if (mode_ == Mode::Save) {
        if (!fs::is_directory(fs::path(path).parent_path(), ec)) {
            error_ = fs::path(path).parent_path().string() + ": " + tr("not a folder");
            return std::nullopt;
        }
        const auto& exts = filters_[filter_].extensions;
        if (!exts.empty() && !has_extension(path, exts)) path += exts.front();
        // Replacing a file takes a second OK.
        if (fs::exists(path, ec) && replace_asked_ != path) {
            replace_asked_ = path;
            error_ = path + ": " + tr("exists; press Save again to replace it");
            return std::nullopt;
        }
    }
    replace_asked_.clear();
    open_ = false;
    return path;
}

std::optional<std::string> FileDialog::draw() {
    if (!open_) return std::nullopt;
    const std::string popup = title_ + "###" + id_;
    if (request_popup_) {
        ImGui::OpenPopup(popup.c_str());
        request_popup_ = false;
    }
    std::optional<std::string> chosen;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize() / 16;  // sizes of UI scale 1
    ImGui::SetNextWindowSize(ImVec2(std::min(760.0f * em, vp->Size.x - 40), std::min(560.0f * em, vp->Size.y - 40)), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(popup.c_str(), &open_)) {
        if (!ImGui::IsPopupOpen(popup.c_str())) open_ = false;  // closed by its title bar's x
        return std::nullopt;
    }

    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.89f, 0.90f, 0.92f, 1.0f));  // empty fields seen
    if (ImGui::Button(tr("Up"))) go_up();
    ImGui::SameLine();
    if (ImGui::Button(tr("Home"))) go_to(home_folder());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", folder_.c_str());

    // The listing.
    const float footer = ImGui::GetFrameHeightWithSpacing() * 3 + ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("##entries", ImVec2(0, -footer), true);
    std::optional<std::string> enter;
    for (const auto& e : entries_) {
        std::string label = (e.is_dir ? "[" + e.name + "]" : e.name);
        const bool selected = !e.is_dir && typed_ == e.name;
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_SpanAllColumns)) {
            if (e.is_dir) {
                if (ImGui::IsMouseDoubleClicked(0)) enter = (fs::path(folder_) / e.name).string();
            } else {
                typed_ = e.name;
                if (ImGui::IsMouseDoubleClicked(0)) chosen = confirm();
            }
        }
        if (!e.is_dir) {
            ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 90);
            ImGui::TextDisabled("%s", size_text(e.size).c_str());
        }
    }
    if (entries_.empty()) ImGui::TextDisabled("%s", tr("(empty)"));
    ImGui::EndChild();
    if (enter) go_to(*enter);

    // Typed path, filter, buttons.
    ImGui::TextUnformatted(mode_ == Mode::Save ? tr("File name or path") : tr("File or folder (a path may be typed)"));
    ImGui::SetNextItemWidth(-1);
    // The typed name has the keyboard from the start: a name and Enter save (or open).
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    // A path set by code (a click in the list, typed()) replaces what the field is editing.
    if (typed_ != shown_typed_ && ImGui::GetActiveID() == ImGui::GetID("##typed")) ImGui::ClearActiveID();
    if (ImGui::InputText("##typed", &typed_, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) chosen = confirm();
    shown_typed_ = typed_;
    // The filter as wide as its longest label, leaving room for the two buttons beside it.
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* action = mode_ == Mode::Save ? tr("Save") : tr("Open");
    const float buttons = ImGui::CalcTextSize(action).x + ImGui::CalcTextSize(tr("Cancel")).x + 4 * style.FramePadding.x + 2 * style.ItemSpacing.x;
    float widest = 0;
    for (const auto& f : filters_) widest = std::max(widest, ImGui::CalcTextSize(f.label.c_str()).x);
    ImGui::SetNextItemWidth(std::min(widest + ImGui::GetFrameHeight() + 2 * style.FramePadding.x, ImGui::GetContentRegionAvail().x - buttons));
    if (ImGui::BeginCombo("##filter", filters_[filter_].label.c_str())) {
        for (std::size_t i = 0; i < filters_.size(); ++i)
            if (ImGui::Selectable(filters_[i].label.c_str(), i == filter_)) set_filter(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    // Enter anywhere in the dialog (a file chosen in the list, the name typed) does what the button does.
    const bool enter_key = !ImGui::GetIO().WantTextInput &&
                       (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
    if (ImGui::Button(action) || submit_ || (enter_key && !chosen)) chosen = confirm();
    submit_ = false;
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel")) || (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)))
        open_ = false;
    if (!error_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", error_.c_str());
    ImGui::PopStyleColor();
    if (!open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

}  // namespace pc::gui
