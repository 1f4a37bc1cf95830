#pragma once
// Recent projects: newest first, at most kMaxRecent, one path a line in
// $XDG_CONFIG_HOME/petacerdas/recent.txt (else ~/.config/petacerdas/recent.txt). No ImGui here.
#include <cstddef>
#include <string>
#include <vector>

namespace pc::gui {

inline constexpr std::size_t kMaxRecent = 8;

// Where the list lives ("" when neither XDG_CONFIG_HOME nor HOME is set).
std::string recent_file_path();
// The list in `file` (missing file = empty; blank lines and duplicates dropped; at most kMaxRecent).
std::vector<std::string> load_recent(const std::string& file);
// Writes the list (creating the folder). Returns false when it cannot.
bool save_recent(const std::string& file, const std::vector<std::string>& list);
// Moves/inserts `path` to the front, keeping at most kMaxRecent.
void add_recent(std::vector<std::string>& list, const std::string& path);
// Removes `path` (e.g. a file that no longer opens).
void remove_recent(std::vector<std::string>& list, const std::string& path);

}  // namespace pc::gui
