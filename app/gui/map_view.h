#pragma once
// The map canvas of the window: the drawn map (MapLayers, shared with the offscreen images) plus what
// the mouse does on it (pan, zoom, select, drag, place, draw lines and polygons) and the live what-if
// of a placement or drag. Talks to the core through the Document; the core never calls back.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/crs.h"
#include "geo/doc/document.h"
#include "render/map_layers.h"

struct ImDrawList;

namespace pc::gui {

enum class Tool { Select, PlaceInitiative, PlaceFacility, DrawLineInitiative, DrawPolygonInitiative, Identify, Measure };

// What a click of the Identify tool found: the feature whose symbol is under it, and the spot.
struct Identified {
    std::optional<FeatureRef> feature;
    Coord lonlat;
};

// One frame of pointer input over the map, from ImGui or from a test script.
struct CanvasInput {
    double x = 0, y = 0;         // window pixels
    bool over_map = false;       // the pointer is over the map and not over a panel
    bool pressed = false;        // left button went down this frame
    bool down = false;           // left button is down
    bool released = false;       // left button went up this frame
    bool right_down = false;
    double dx = 0, dy = 0;       // pointer movement since last frame
    double wheel = 0;            // notches, + = zoom in
    bool escape = false;
    bool double_click = false;   // left button double-clicked this frame (finishes a drawing)
    bool enter = false;          // Enter pressed (finishes a drawing)
    bool backspace = false;      // removes the last vertex of a drawing
};

// What a measured path measures: its length along the path ("Jarak 1,23 km"), and with three points
// or more the area of the polygon they close ("Luas 0,45 km²" or "Luas 12,30 ha"), on the WGS 84
// ellipsoid.
std::string measure_text(const std::vector<Coord>& path);

class MapView : public MapLayers {
public:
    explicit MapView(Document& doc);
    ~MapView() override;

    // MapLayers::sync, and the analysis CRS of the status bar once the document knows it.
    void sync();
    void handle_input(const CanvasInput& in);
    // The map's overlay (labels, scale bar, north arrow) and the tools' marks: the selection ring, the
    // symbol being placed or dragged with its service radius, the line or polygon being drawn.
    void draw_overlay(ImDrawList* dl) const;
    using MapLayers::draw_overlay;
    void zoom_to_selection();

    Tool tool = Tool::Select;
    Initiative initiative_template;    // what "place initiative" adds (name, pillar, radius ...)
    Facility facility_template;

    // What the placement or drag in progress would change (nullopt when none).
    const std::optional<WhatIfResult>& live_what_if() const { return live_; }
    // A placement or drag waits for the engine (prepared in the background) before it has a what-if.
    bool live_waiting() const { return live_waiting_ && (drag_ || tool == Tool::PlaceInitiative || tool == Tool::PlaceFacility); }
    bool dragging() const { return drag_.has_value(); }
    // Vertices (lon/lat) of the line or polygon being drawn.
    const std::vector<Coord>& sketch() const { return sketch_; }
    // Pointer position in lon/lat and in the analysis CRS (nullopt off the map).
    std::optional<Coord> cursor_lonlat() const { return cursor_; }
    std::optional<Coord> cursor_projected() const;
    std::string analysis_crs() const { return analysis_crs_; }
    // A feature placed or drawn by a click, waiting for its form (panel_placement.cpp): nothing is in
    // the document until the form is confirmed. Each is handed out once.
    std::optional<Initiative> take_placed_initiative() { return std::exchange(placed_initiative_, std::nullopt); }
    std::optional<Facility> take_placed_facility() { return std::exchange(placed_facility_, std::nullopt); }
    std::optional<Identified> take_identified() { return std::exchange(identified_, std::nullopt); }
    // The Measure tool's points (lon/lat): a click adds one, Backspace takes one back, a double-click
    // or Enter ends the measurement (the next click starts another), Esc clears it.
    const std::vector<Coord>& measured() const { return measure_; }
    bool measure_finished() const { return measure_done_; }
    // With the pointer as the next point while measuring.
    std::vector<Coord> measure_path() const;
    // The feature whose symbol is under (sx, sy), nearest first, within `tolerance_px`.
    std::optional<FeatureRef> pick(double sx, double sy, double tolerance_px = 9) const;

private:
    void update_live(const CanvasInput& in);
    void handle_drawing(const CanvasInput& in);
    void finish_drawing();

    struct Drag {
        FeatureRef ref;
        Coord start_lonlat;
        Coord now_lonlat;
        bool moved = false;
    };
    std::optional<Drag> drag_;
    std::optional<Initiative> placed_initiative_;
    std::optional<Identified> identified_;
    std::vector<Coord> measure_;
    bool measure_done_ = false;
    void handle_measure(const CanvasInput& in);
    std::optional<Facility> placed_facility_;
    std::vector<Coord> sketch_;
    bool panning_ = false;
    bool right_panning_ = false;
    std::optional<Coord> cursor_;
    std::optional<Coord> live_at_;
    std::optional<WhatIfResult> live_;
    bool live_waiting_ = false;
    std::string analysis_crs_;
    std::unique_ptr<CrsTransform> to_analysis_;
};

}  // namespace pc::gui
