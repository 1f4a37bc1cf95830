#include "geo/geometry.h"

#include <cstdio>

namespace pc {

void Envelope::expand(const Envelope& e) {
    if (e.empty()) return;
    expand(Coord{e.min_x, e.min_y});
    expand(Coord{e.max_x, e.max_y});
}

bool Envelope::intersects(const Envelope& o) const {
    return !(o.min_x > max_x || o.max_x < min_x || o.min_y > max_y || o.max_y < min_y);
}

Geometry Geometry::point(double x, double y) {
    Geometry g;
    g.kind = GeometryKind::Point;
    g.points.push_back({x, y});
    return g;
}

Geometry Geometry::line(std::vector<Coord> pts) {
    Geometry g;
    g.kind = GeometryKind::Line;
    g.lines.push_back(std::move(pts));
    return g;
}

Geometry Geometry::polygon(Ring shell, std::vector<Ring> holes) {
    Geometry g;
    g.kind = GeometryKind::Polygon;
    Polygon p;
    p.rings.push_back(std::move(shell));
    for (auto& h : holes) p.rings.push_back(std::move(h));
    g.polygons.push_back(std::move(p));
    return g;
}

Geometry Geometry::rectangle(double x0, double y0, double x1, double y1) {
    return polygon({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

bool Geometry::empty() const {
    switch (kind) {
        case GeometryKind::Empty: return true;
        case GeometryKind::Point: return points.empty();
        case GeometryKind::Line: return lines.empty();
        case GeometryKind::Polygon: return polygons.empty();
    }
    return true;
}

template <class F>
static void for_each_coord(const Geometry& g, F&& f) {
    for (auto& c : g.points) f(c);
    for (auto& l : g.lines)
        for (auto& c : l) f(c);
    for (auto& p : g.polygons)
        for (auto& r : p.rings)
            for (auto& c : r) f(c);
}

Envelope Geometry::envelope() const {
    Envelope e;
    for_each_coord(*this, [&](const Coord& c) { e.expand(c); });
    return e;
}

std::size_t Geometry::vertex_count() const {
    std::size_t n = 0;
    for_each_coord(*this, [&](const Coord&) { ++n; });
    return n;
}

void Geometry::settle_kind() {
    if (!polygons.empty()) {
        kind = GeometryKind::Polygon;
        lines.clear();
        points.clear();
    } else if (!lines.empty()) {
        kind = GeometryKind::Line;
        points.clear();
    } else if (!points.empty()) {
        kind = GeometryKind::Point;
    } else {
        kind = GeometryKind::Empty;
    }
}

void Geometry::translate(double dx, double dy) {
    auto mv = [&](Coord& c) { c.x += dx; c.y += dy; };
    for (auto& c : points) mv(c);
    for (auto& l : lines)
        for (auto& c : l) mv(c);
    for (auto& p : polygons)
        for (auto& r : p.rings)
            for (auto& c : r) mv(c);
}

Coord Geometry::anchor() const {
    if (!points.empty()) return points.front();
    if (!lines.empty() && !lines.front().empty()) return lines.front()[lines.front().size() / 2];
    return envelope().centre();
}

const char* to_string(GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Empty: return "empty";
        case GeometryKind::Point: return "point";
        case GeometryKind::Line: return "line";
        case GeometryKind::Polygon: return "polygon";
    }
    return "?";
}

namespace {
void put_coords(std::string& s, const std::vector<Coord>& cs, int precision) {
    char buf[80];
    s += '(';
    for (std::size_t i = 0; i < cs.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.*g %.*g", i ? ", " : "", precision, cs[i].x, precision, cs[i].y);
        s += buf;
    }
    s += ')';
}
void put_polygon(std::string& s, const Polygon& p, int precision) {
    s += '(';
    for (std::size_t i = 0; i < p.rings.size(); ++i) {
        if (i) s += ", ";
        put_coords(s, p.rings[i], precision);
    }
    s += ')';
}
}  // namespace

std::string to_wkt(const Geometry& g, int precision) {
    std::string s;
    switch (g.kind) {
        case GeometryKind::Empty: return "GEOMETRYCOLLECTION EMPTY";
        case GeometryKind::Point:
            if (g.points.size() == 1) {
                s = "POINT ";
                put_coords(s, g.points, precision);
            } else {
                s = "MULTIPOINT (";
                for (std::size_t i = 0; i < g.points.size(); ++i) {
                    if (i) s += ", ";
                    put_coords(s, {g.points[i]}, precision);
                }
                s += ')';
            }
            return s;
        case GeometryKind::Line:
            if (g.lines.size() == 1) {
                s = "LINESTRING ";
                put_coords(s, g.lines[0], precision);
            } else {
                s = "MULTILINESTRING (";
                for (std::size_t i = 0; i < g.lines.size(); ++i) {
                    if (i) s += ", ";
                    put_coords(s, g.lines[i], precision);
                }
                s += ')';
            }
            return s;
        case GeometryKind::Polygon:
            if (g.polygons.size() == 1) {
                s = "POLYGON ";
                put_polygon(s, g.polygons[0], precision);
            } else {
                s = "MULTIPOLYGON (";
                for (std::size_t i = 0; i < g.polygons.size(); ++i) {
                    if (i) s += ", ";
                    put_polygon(s, g.polygons[i], precision);
                }
                s += ')';
            }
            return s;
    }
    return s;
}

}  // namespace pc
