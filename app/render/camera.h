#pragma once
// The map canvas camera: which local point is at the centre of the map area and how many pixels a
// metre takes. Screen coordinates are window pixels, y down; local coordinates metres, y up.
#include <algorithm>

#include "geo/geometry.h"

namespace pc::gui {

struct Camera {
    double cx = 0, cy = 0;           // local metres at the centre of the viewport
    double ppm = 0.01;               // pixels per metre
    double vx = 0, vy = 0;           // viewport origin in window pixels (top-left)
    double vw = 800, vh = 600;       // viewport size in window pixels

    static constexpr double kMinPpm = 1e-5;  // ~ 100 km per pixel
    static constexpr double kMaxPpm = 20;    // 5 cm per pixel

    Coord to_screen(Coord m) const { return {vx + vw / 2 + (m.x - cx) * ppm, vy + vh / 2 - (m.y - cy) * ppm}; }
    Coord to_local(double sx, double sy) const { return {cx + (sx - vx - vw / 2) / ppm, cy - (sy - vy - vh / 2) / ppm}; }
    bool contains_screen(double sx, double sy) const { return sx >= vx && sx < vx + vw && sy >= vy && sy < vy + vh; }

    // Drag by (dx, dy) pixels: the map follows the cursor.
    void pan_pixels(double dx, double dy) {
        cx -= dx / ppm;
        cy += dy / ppm;
    }
    // Zoom by `factor` keeping the local point under (sx, sy) where it is.
    void zoom_at(double sx, double sy, double factor) {
        Coord m = to_local(sx, sy);
        ppm = std::clamp(ppm * factor, kMinPpm, kMaxPpm);
        cx = m.x - (sx - vx - vw / 2) / ppm;
        cy = m.y + (sy - vy - vh / 2) / ppm;
    }
    // Show the whole of a local envelope, with a margin of `margin` of the viewport on each side.
    void fit(const Envelope& e, double margin = 0.05) {
        if (e.empty()) return;
        cx = (e.min_x + e.max_x) / 2;
        cy = (e.min_y + e.max_y) / 2;
        double w = std::max(e.width(), 1.0), h = std::max(e.height(), 1.0);
        double usable = 1 - 2 * margin;
        ppm = std::clamp(std::min(vw * usable / w, vh * usable / h), kMinPpm, kMaxPpm);
    }
    // Local envelope of what the viewport shows.
    Envelope visible() const {
        Envelope e;
        e.expand(to_local(vx, vy));
        e.expand(to_local(vx + vw, vy + vh));
        return e;
    }
};

}  // namespace pc::gui
