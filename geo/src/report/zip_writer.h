#pragma once
// Internal: a minimal ZIP archive writer (deflate through zlib), enough for an XLSX workbook.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pc::report_detail {

class ZipWriter {
public:
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
    std::string out_;
    std::vector<Entry> entries_;
};

}  // namespace pc::report_detail
