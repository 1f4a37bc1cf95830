// Zip (PKWARE APPNOTE 6.3): local header + deflated data per entry, the central directory, the end
// record. Raw deflate and CRC-32 from zlib.
#include "zip_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace pc::io {
namespace {

void put16(std::string& out, std::uint32_t v) {
    out += char(v & 0xff);
    out += char((v >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

std::string deflate_raw(const std::string& data) {
    z_stream zs{};
    // Negative window bits: a raw deflate stream, no zlib header (zip's method 8).
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: cannot start deflate");
    std::string out(deflateBound(&zs, uLong(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    const int r = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (r != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries, const std::tm& t) {
    const std::uint32_t dos_time = std::uint32_t(t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec / 2);
    const std::uint32_t dos_date = std::uint32_t(std::max(0, t.tm_year - 80) << 9 | (t.tm_mon + 1) << 5 | t.tm_mday);
    constexpr std::uint32_t kUtf8Names = 1u << 11;
    std::string out, central;
    for (const ZipEntry& e : entries) {
        const std::string packed = deflate_raw(e.data);
        const std::uint32_t crc = std::uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(e.data.data()), uInt(e.data.size())));
        const std::uint32_t offset = std::uint32_t(out.size());
        auto common = [&](std::string& h) {
            put16(h, 20);  // version needed: deflate
            put16(h, kUtf8Names);
            put16(h, 8);   // deflated
            put16(h, dos_time);
            put16(h, dos_date);
            put32(h, crc);
            put32(h, std::uint32_t(packed.size()));
            put32(h, std::uint32_t(e.data.size()));
            put16(h, std::uint32_t(e.name.size()));
            put16(h, 0);  // no extra field
        };
        put32(out, 0x04034b50);
        common(out);
        out += e.name;
        out += packed;
        put32(central, 0x02014b50);
        put16(central, 20);  // made by: MS-DOS attributes, version 2.0
        common(central);
        put16(central, 0);  // comment
        put16(central, 0);  // disk
        put16(central, 0);  // internal attributes
        put32(central, 0);  // external attributes
        put32(central, offset);
        central += e.name;
    }
    const std::uint32_t central_at = std::uint32_t(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, std::uint32_t(entries.size()));
    put16(out, std::uint32_t(entries.size()));
    put32(out, std::uint32_t(central.size()));
    put32(out, central_at);
    put16(out, 0);
    return out;
}

}  // namespace pc::io
