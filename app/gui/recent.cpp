#include "recent.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace pc::gui {
namespace fs = std::filesystem;

std::string recent_file_path() {
    fs::path base;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = fs::path(h) / ".config";
    else return {};
    return (base / "petacerdas" / "recent.txt").string();
}

void add_recent(std::vector<std::string>& list, const std::string& path) {
    if (path.empty()) return;
    remove_recent(list, path);
    list.insert(list.begin(), path);
    if (list.size() > kMaxRecent) list.resize(kMaxRecent);
}

void remove_recent(std::vector<std::string>& list, const std::string& path) {
    list.erase(std::remove(list.begin(), list.end(), path), list.end());
}

std::vector<std::string> load_recent(const std::string& file) {
    std::vector<std::string> list;
    if (file.empty()) return list;
    std::ifstream in(file);
    std::string line;
    while (list.size() < kMaxRecent && std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || std::find(list.begin(), list.end(), line) != list.end()) continue;
        list.push_back(line);
    }
    return list;
}

bool save_recent(const std::string& file, const std::vector<std::string>& list) {
    if (file.empty()) return false;
    std::error_code ec;
    fs::create_directories(fs::path(file).parent_path(), ec);
    const std::string tmp = file + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return false;
        for (std::size_t i = 0; i < list.size() && i < kMaxRecent; ++i) out << list[i] << '\n';
        if (!out.flush()) return false;
    }
    fs::rename(tmp, file, ec);
    return !ec;
}

}  // namespace pc::gui
