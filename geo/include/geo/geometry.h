#pragma once
// Plain value geometry of the document model, always in WGS 84 longitude/latitude (x = lon, y = lat)
// unless a function says otherwise. Cheap to copy into undo commands, free of any GEOS context.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace pc {

struct Coord {
    double x = 0;
    double y = 0;
    friend bool operator==(const Coord&, const Coord&) = default;
};

using Ring = std::vector<Coord>;  // closed: front() == back()

struct Polygon {
    std::vector<Ring> rings;  // rings[0] is the shell, the rest are holes
    friend bool operator==(const Polygon&, const Polygon&) = default;
};

struct Envelope {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const { return min_x > max_x; }
    void expand(Coord c) {  // inline: called per vertex
        if (c.x < min_x) min_x = c.x;
        if (c.y < min_y) min_y = c.y;
        if (c.x > max_x) max_x = c.x;
        if (c.y > max_y) max_y = c.y;
    }
    void expand(const Envelope& e);
    bool intersects(const Envelope& o) const;
    Coord centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
    double width() const { return max_x - min_x; }
    double height() const { return max_y - min_y; }
};

enum class GeometryKind : std::uint8_t { Empty, Point, Line, Polygon };

// A (multi)point, (multi)linestring or (multi)polygon. Single and multi forms are one kind.
struct Geometry {
    GeometryKind kind = GeometryKind::Empty;
    std::vector<Coord> points;              // kind == Point
    std::vector<std::vector<Coord>> lines;  // kind == Line
    std::vector<Polygon> polygons;          // kind == Polygon

    static Geometry point(double x, double y);
    static Geometry line(std::vector<Coord> pts);
    static Geometry polygon(Ring shell, std::vector<Ring> holes = {});
    static Geometry rectangle(double min_x, double min_y, double max_x, double max_y);

    bool empty() const;
    Envelope envelope() const;
    std::size_t vertex_count() const;
    // Sets `kind` from the parts gathered, keeping only the highest dimension (what a mixed collection
    // is drawn and measured as): polygons over lines over points.
    void settle_kind();
    // Moves every vertex by (dx, dy).
    void translate(double dx, double dy);
    // A representative coordinate: the point itself, a line's middle vertex, a polygon's envelope centre.
    Coord anchor() const;

    friend bool operator==(const Geometry&, const Geometry&) = default;
};

const char* to_string(GeometryKind kind);

// Well-known text, for messages, CSV export and tests.
std::string to_wkt(const Geometry& g, int precision = 9);

}  // namespace pc
