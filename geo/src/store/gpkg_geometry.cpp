#include "gpkg_geometry.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace pc::store {
namespace {

static_assert(std::endian::native == std::endian::little, "the WKB writer assumes a little-endian host");

enum WkbType : std::uint32_t {
    kPoint = 1, kLineString = 2, kPolygon = 3, kMultiPoint = 4, kMultiLineString = 5, kMultiPolygon = 6,
    kCollection = 7, kCircularString = 8, kCompoundCurve = 9, kCurvePolygon = 10, kMultiCurve = 11,
    kMultiSurface = 12, kCurve = 13, kSurface = 14, kPolyhedralSurface = 15, kTin = 16, kTriangle = 17,
};

class WkbReader {
public:
    explicit WkbReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

    void geometry(Geometry& out, int depth = 0) {
        if (depth > 32) throw BadGeometry("geometry nested too deeply");
        little_ = byte() == 1;
        std::uint32_t raw = u32();
        // ISO WKB: type + 1000 (Z), 2000 (M), 3000 (ZM); EWKB: high flag bits.
        int dims = 2;
        if (raw & 0x20000000u) throw BadGeometry("WKB with an embedded SRID (EWKB) is not GeoPackage WKB");
        if (raw & 0x80000000u) ++dims;
        if (raw & 0x40000000u) ++dims;
        raw &= 0x0fffffffu;
        if (raw >= 1000 && raw < 4000) {
            const std::uint32_t zm = raw / 1000;
            dims = 2 + (zm == 3 ? 2 : 1);
            raw %= 1000;
        }
        dims_ = dims;
        switch (raw) {
            case kPoint: {
                Coord c = coord();
                if (!(std::isnan(c.x) && std::isnan(c.y))) {  // NaN, NaN is the empty point
                    finite(c);
                    out.points.push_back(c);
                }
                break;
            }
            case kLineString: {
                auto pts = coords();
                if (!pts.empty()) out.lines.push_back(std::move(pts));
                break;
            }
            case kPolygon:
            case kTriangle: {
                const std::uint32_t n = count(4);
                Polygon poly;
                for (std::uint32_t i = 0; i < n; ++i) {
                    auto ring = coords();
                    if (i == 0 && ring.empty()) {  // an empty shell: an empty polygon
                        for (std::uint32_t k = 1; k < n; ++k) coords();
                        return;
                    }
                    poly.rings.push_back(std::move(ring));
                }
                if (!poly.rings.empty()) out.polygons.push_back(std::move(poly));
                break;
            }
            case kMultiPoint:
            case kMultiLineString:
            case kMultiPolygon:
            case kCollection:
            case kPolyhedralSurface:
            case kTin: {
                const std::uint32_t n = count(5);
                const bool little = little_;
                const int d = dims_;
                for (std::uint32_t i = 0; i < n; ++i) {
                    geometry(out, depth + 1);
                    little_ = little;
                    dims_ = d;
                }
                break;
            }
            case kCircularString:
            case kCompoundCurve:
            case kCurvePolygon:
            case kMultiCurve:
            case kMultiSurface:
            case kCurve:
            case kSurface:
                throw BadGeometry("curved geometry (WKB type " + std::to_string(raw) +
                                  ") is not supported: convert it to straight segments (QGIS: Segmentize)");
            default: throw BadGeometry("unknown WKB geometry type " + std::to_string(raw));
        }
    }
    bool at_end() const { return p_ == end_; }

private:
    void need(std::size_t n) const {
        if (std::size_t(end_ - p_) < n) throw BadGeometry("truncated WKB");
    }
    std::uint8_t byte() {
        need(1);
        const auto b = static_cast<std::uint8_t>(*p_++);
        if (b > 1) throw BadGeometry("not WKB (byte order " + std::to_string(b) + ")");
        return b;
    }
    std::uint32_t u32() {
        need(4);
        std::uint32_t v;
        std::memcpy(&v, p_, 4);
        p_ += 4;
        return little_ ? v : __builtin_bswap32(v);
    }
    double f64() {
        std::uint64_t v;
        std::memcpy(&v, p_, 8);
        p_ += 8;
        if (!little_) v = __builtin_bswap64(v);
        return std::bit_cast<double>(v);
    }
    // An element count that the remaining bytes can hold (garbage cannot make us allocate gigabytes).
    std::uint32_t count(std::size_t min_bytes_each) {
        const std::uint32_t n = u32();
        if (std::size_t(n) * min_bytes_each > std::size_t(end_ - p_)) throw BadGeometry("truncated WKB (count " + std::to_string(n) + ")");
        return n;
    }
    Coord coord() {
        need(std::size_t(dims_) * 8);
        Coord c{f64(), f64()};
        p_ += (dims_ - 2) * 8;
        return c;
    }
    static void finite(Coord c) {
        if (!std::isfinite(c.x) || !std::isfinite(c.y)) throw BadGeometry("a coordinate is not a finite number");
    }
    std::vector<Coord> coords() {
        const std::uint32_t n = count(std::size_t(dims_) * 8);
        std::vector<Coord> out(n);
        if (little_ && dims_ == 2) {
            std::memcpy(static_cast<void*>(out.data()), p_, std::size_t(n) * 16);
            p_ += std::size_t(n) * 16;
        } else {
            for (auto& c : out) c = coord();
        }
        for (auto& c : out) finite(c);
        return out;
    }

    const char* p_;
    const char* end_;
    bool little_ = true;
    int dims_ = 2;
};

struct Header {
    bool empty = false;
    bool little = true;
    std::size_t envelope_doubles = 0;
    std::size_t wkb_offset = 0;
};

Header header(std::string_view blob) {
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P') throw BadGeometry("not a GeoPackage geometry (no 'GP' header)");
    if (blob[2] != 0) throw BadGeometry("unknown GeoPackage geometry version " + std::to_string(int(std::uint8_t(blob[2]))));
    const auto flags = std::uint8_t(blob[3]);
    if (flags & 0x20) throw BadGeometry("extended GeoPackage geometry is not supported");
    Header h;
    h.little = flags & 1;
    h.empty = flags & 0x10;
    static const std::size_t sizes[] = {0, 4, 6, 6, 8};
    const unsigned env = (flags >> 1) & 7;
    if (env > 4) throw BadGeometry("invalid envelope code " + std::to_string(env) + " in the GeoPackage header");
    h.envelope_doubles = sizes[env];
    h.wkb_offset = 8 + 8 * h.envelope_doubles;
    if (blob.size() < h.wkb_offset) throw BadGeometry("truncated GeoPackage geometry header");
    return h;
}

}  // namespace

Geometry parse_gpkg_geometry(std::string_view blob) {
    const Header h = header(blob);
    Geometry out;
    WkbReader r(blob.substr(h.wkb_offset));
    r.geometry(out);
    if (!r.at_end()) throw BadGeometry("bytes left over after the WKB geometry");
    if (h.empty) return Geometry{};
    out.settle_kind();
    return out;
}

bool gpkg_is_empty(std::string_view blob) { return header(blob).empty; }

Envelope gpkg_envelope(std::string_view blob) {
    const Header h = header(blob);
    Envelope e;
    if (h.empty) return e;
    if (h.envelope_doubles >= 4) {
        double v[4];
        for (int i = 0; i < 4; ++i) {
            std::uint64_t u;
            std::memcpy(&u, blob.data() + 8 + 8 * i, 8);
            if (!h.little) u = __builtin_bswap64(u);
            v[i] = std::bit_cast<double>(u);
        }
        return Envelope{v[0], v[2], v[1], v[3]};  // minx, maxx, miny, maxy
    }
    return parse_gpkg_geometry(blob).envelope();
}

namespace {

class WkbWriter {
public:
    explicit WkbWriter(std::string& out) : out_(out) {}
    void header(std::uint32_t type) {
        out_ += char(1);
        u32(type);
    }
    void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), 4); }
    void coords(const std::vector<Coord>& cs) {
        u32(std::uint32_t(cs.size()));
        out_.append(reinterpret_cast<const char*>(cs.data()), cs.size() * sizeof(Coord));
    }
    void point(Coord c) {
        header(kPoint);
        out_.append(reinterpret_cast<const char*>(&c), sizeof c);
    }
    void line(const std::vector<Coord>& l) {
        header(kLineString);
        coords(l);
    }
    void polygon(const Polygon& p) {
        header(kPolygon);
        u32(std::uint32_t(p.rings.size()));
        for (auto& r : p.rings) coords(r);
    }

private:
    std::string& out_;
};

bool is_multi(io::LayerGeometry t) {
    return t == io::LayerGeometry::MultiPoint || t == io::LayerGeometry::MultiLineString ||
           t == io::LayerGeometry::MultiPolygon || t == io::LayerGeometry::Mixed;
}

}  // namespace

std::string gpkg_geometry_blob(const Geometry& g, io::LayerGeometry layer_type, int srs_id, Envelope* envelope) {
    if (g.empty()) return {};
    const Envelope e = g.envelope();
    if (envelope) *envelope = e;
    std::string out;
    out.reserve(48 + 16 * g.vertex_count() + 64);
    out += "GP";
    out += char(0);
    out += char(0x03);  // little-endian header, XY envelope, not empty, standard type
    out.append(reinterpret_cast<const char*>(&srs_id), 4);
    for (double v : {e.min_x, e.max_x, e.min_y, e.max_y}) out.append(reinterpret_cast<const char*>(&v), 8);
    WkbWriter w(out);
    const bool multi = is_multi(layer_type);
    switch (g.kind) {
        case GeometryKind::Point:
            if (g.points.size() == 1 && !multi) {
                w.point(g.points[0]);
            } else {
                w.header(kMultiPoint);
                w.u32(std::uint32_t(g.points.size()));
                for (auto& c : g.points) w.point(c);
            }
            break;
        case GeometryKind::Line:
            if (g.lines.size() == 1 && !multi) {
                w.line(g.lines[0]);
            } else {
                w.header(kMultiLineString);
                w.u32(std::uint32_t(g.lines.size()));
                for (auto& l : g.lines) w.line(l);
            }
            break;
        case GeometryKind::Polygon:
            if (g.polygons.size() == 1 && !multi) {
                w.polygon(g.polygons[0]);
            } else {
                w.header(kMultiPolygon);
                w.u32(std::uint32_t(g.polygons.size()));
                for (auto& p : g.polygons) w.polygon(p);
            }
            break;
        case GeometryKind::Empty: return {};
    }
    return out;
}

}  // namespace pc::store
