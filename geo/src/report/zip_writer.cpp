#include "zip_writer.h"

#include <zlib.h>

#include <algorithm>

#include "geo/error.h"

namespace pc::report_detail {
namespace {

void put16(std::string& s, std::uint32_t v) {
    s += char(v & 0xff);
    s += char((v >> 8) & 0xff);
}
void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xffff);
    put16(s, v >> 16);
}

constexpr std::uint32_t kDeflate = 8;
constexpr std::uint32_t kUtf8Names = 1u << 11;

std::string deflate_raw(std::string_view in, int level) {
    z_stream z{};
    // Raw deflate (negative window bits): ZIP stores no zlib header.
    if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw GdalError("zlib: cannot start deflate");
    std::string out(deflateBound(&z, uLong(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw GdalError("zlib: deflate failed");
    out.resize(z.total_out);
    return out;
}

}  // namespace

ZipWriter::ZipWriter(const std::tm& t)
    : dos_time_(std::uint32_t(t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec / 2)),
      dos_date_(std::uint32_t(std::max(0, t.tm_year - 80) << 9 | (t.tm_mon + 1) << 5 | t.tm_mday)) {}

// What the local header and the central directory both say of an entry.
void ZipWriter::put_common(const Entry& e) {
    put16(out_, 20);  // version needed: 2.0 (deflate)
    put16(out_, kUtf8Names);
    put16(out_, kDeflate);
    put16(out_, dos_time_);
    put16(out_, dos_date_);
    put32(out_, e.crc);
    put32(out_, e.compressed);
    put32(out_, e.size);
    put16(out_, std::uint32_t(e.name.size()));
    put16(out_, 0);  // extra
}

void ZipWriter::add(const std::string& name, std::string_view content, int level) {
    if (content.size() > 0xffffffffu / 2 || out_.size() > 0xffffffffu / 2) throw GdalError("ZIP: archive too large (no ZIP64)");
    Entry e;
    e.name = name;
    e.crc = std::uint32_t(crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(content.data()), uInt(content.size())));
    e.size = std::uint32_t(content.size());
    e.offset = std::uint32_t(out_.size());
    const std::string data = deflate_raw(content, level);
    e.compressed = std::uint32_t(data.size());
    put32(out_, 0x04034b50);
    put_common(e);
    out_ += name;
    out_ += data;
    entries_.push_back(std::move(e));
}

std::string ZipWriter::finish() {
    const std::uint32_t directory = std::uint32_t(out_.size());
    for (const Entry& e : entries_) {
        put32(out_, 0x02014b50);
        put16(out_, 20);  // made by
        put_common(e);
        put16(out_, 0);  // comment
        put16(out_, 0);  // disk
        put16(out_, 0);  // internal attributes
        put32(out_, 0);  // external attributes
        put32(out_, e.offset);
        out_ += e.name;
    }
    const std::uint32_t size = std::uint32_t(out_.size()) - directory;
    put32(out_, 0x06054b50);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, std::uint32_t(entries_.size()));
    put16(out_, std::uint32_t(entries_.size()));
    put32(out_, size);
    put32(out_, directory);
    put16(out_, 0);
    return std::move(out_);
}

}  // namespace pc::report_detail
