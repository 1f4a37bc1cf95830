#pragma once
// A zip archive in memory (deflated entries, no ZIP64): the .qgz of a QGIS project (not public API).
#include <ctime>
#include <string>
#include <vector>

namespace pc::io {

struct ZipEntry {
    std::string name;  // UTF-8 path inside the archive
    std::string data;
};

// The archive's bytes. Every entry carries `modified` (local time fields) as its date, so the same
// entries and time give the same bytes.
std::string zip_archive(const std::vector<ZipEntry>& entries, const std::tm& modified);

}  // namespace pc::io
