#pragma once
// Internal: write a whole text file beside its target, then move it into place. The old file is
// removed first: renaming over an existing file makes ext4 flush the new one to disk at once
// (auto_da_alloc), which cost more CPU than writing all the tables of a small district. A crash
// can leave the output missing (and the .tmp- beside it), never half written.
#include <cstdio>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "geo/error.h"

namespace pc::report_detail {

// A file that already holds exactly `content` is left as it is (and keeps its date): rerunning analyze
// rewrites only the tables that changed, and a new file costs ext4 an inode (up to 0.25 ms each where
// many files were deleted lately).
inline bool holds_exactly(const std::string& path, const std::string& content) {
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) != content.size() || ec) return false;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::string bytes(content.size(), '\0');
    const bool read = std::fread(bytes.data(), 1, bytes.size(), f) == bytes.size();
    std::fclose(f);
    return read && bytes == content;
}

inline void write_text_atomic(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    fs::path target(path);
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
    }
    if (holds_exactly(path, content)) return;
    std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw GdalError("cannot write '" + path + "'");
    bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    ok = (std::fclose(f) == 0) && ok;
    std::error_code ec;
    if (ok) {
        fs::remove(target, ec);
        fs::rename(tmp, target, ec);
    }
    if (!ok || ec) {
        fs::remove(tmp, ec);
        throw GdalError("cannot write '" + path + "'");
    }
}

}  // namespace pc::report_detail
