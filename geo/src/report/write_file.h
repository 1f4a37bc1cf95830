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

inline void write_text_atomic(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    fs::path target(path);
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
    }
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
