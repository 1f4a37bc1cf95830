#pragma once
// A small file browser inside the application (ImGui modal): folders and files filtered by
// extension, a typed path (a folder goes there, a file is chosen), Up and Home. Used by File > Open,
// Save as and Import layer. The listing and the typed-path logic are plain functions and methods that
// tests drive without a window.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pc::gui {

struct DirEntry {
    std::string name;
    bool is_dir = false;
    std::uintmax_t size = 0;
    friend bool operator==(const DirEntry&, const DirEntry&) = default;
};

// Entries of `dir`: folders first, then the files whose extension (lower case, with its dot) is in
// `extensions` (empty = every file), each group sorted by name case-insensitively; hidden entries
// (".name") left out. An unreadable folder gives no entries and its reason in `error`.
std::vector<DirEntry> list_directory(const std::string& dir, const std::vector<std::string>& extensions,
                                     std::string* error = nullptr);

class FileDialog {
public:
    enum class Mode { Open, Save };
    struct Filter {
        std::string label;                    // shown in the filter list ("GeoPackage (*.gpkg)")
        std::vector<std::string> extensions;  // ".gpkg"; empty = all files
    };

    // Opens the dialog at the folder of `start` (a file or a folder; "" = the working folder). The
    // title is translated by the caller; `id` keeps the ImGui popup stable across languages.
    void open(const std::string& title, const std::string& id, Mode mode, std::vector<Filter> filters,
              const std::string& start);
    bool is_open() const { return open_; }
    void close() { open_ = false; }

    // Draws the modal while open. Returns the chosen path once, when the user confirms.
    std::optional<std::string> draw();

    // The model behind the widgets.
    const std::string& folder() const { return folder_; }
    void go_to(const std::string& folder);  // lists it (keeps the old folder if it cannot be read)
    void go_up();
    std::string& typed() { return typed_; }  // the path box: a file name, a relative or absolute path
    // What OK / Enter do with typed(): a folder is entered (nullopt); a file is the answer (for Save,
    // the first extension of the filter is added when it has none, and an existing file is the
    // answer only when confirmed twice); "" = nothing.
    std::optional<std::string> confirm();
    // Presses OK at the next draw() (scripted use: tests, a path given on the command line).
    void submit() { submit_ = true; }
    const std::vector<DirEntry>& entries() const { return entries_; }
    const std::string& error() const { return error_; }
    std::size_t filter_index() const { return filter_; }
    void set_filter(std::size_t i);

private:
    void refresh();
    std::string resolve(const std::string& typed) const;

    bool open_ = false;
    std::string shown_typed_;  // what the path field showed last frame
    bool request_popup_ = false;
    bool submit_ = false;
    Mode mode_ = Mode::Open;
    std::string title_, id_;
    std::vector<Filter> filters_;
    std::size_t filter_ = 0;
    std::string folder_;
    std::string typed_;
    std::vector<DirEntry> entries_;
    std::string error_;
    std::string replace_asked_;  // Save: the existing file the user was warned about
};

}  // namespace pc::gui
