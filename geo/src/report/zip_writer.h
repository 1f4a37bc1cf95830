#pragma once
// Internal: a minimal ZIP archive writer (deflate through zlib, no ZIP64), enough for an XLSX
// workbook, a KMZ and a QGIS project's .qgz.
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace pc::report_detail {

class ZipWriter {
public:
    // Every entry dated `modified` (UTC fields), or 1980-01-01 00:00 when none: the same entries and
    // date give the same bytes.
    ZipWriter() = default;
    explicit ZipWriter(const std::tm& modified);

    // Adds a file, deflated at `level` (1 fast .. 9 small).
    void add(const std::string& name, std::string_view content, int level = 1);
    // The whole archive: local entries, central directory, end record.
    std::string finish();

private:
    struct Entry {
        std::string name;
        std::uint32_t crc = 0;
        std::uint32_t compressed = 0, size = 0;
        std::uint32_t offset = 0;
    };
    void put_common(const Entry& e);
    std::uint32_t dos_time_ = 0;            // 00:00:00
    std::uint32_t dos_date_ = (1 << 5) | 1;  // 1980-01-01
    std::string out_;
    std::vector<Entry> entries_;
};

}  // namespace pc::report_detail
