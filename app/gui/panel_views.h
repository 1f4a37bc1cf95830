#pragma once
// Saved views (slides): how a view maps to the map canvas and back, and the Views panel (save the
// current map as a view, go to one, rename, caption and notes, reorder, delete). Every edit is a
// document command (undoable).
#include <optional>
#include <string>

#include "geo/doc/document.h"
#include "geo/view.h"
#include "map_view.h"

namespace pc::gui {

class Workshop;

// The map's current state as a view: extent (what the viewport shows, lon/lat), visible layers,
// choropleth settings. Highlights, caption and scenario are left as in `base`.
View view_from_map(const MapView& map, View base);
// Shows the view's layers and choropleth on the map (not the extent: see Workshop::go_to for the fly).
void apply_view_style(MapView& map, const View& view);
// The camera that shows a lon/lat extent in the map's current viewport (the district when empty).
Camera camera_for_extent(const MapView& map, const Envelope& lonlat);
// What the viewport shows, lon/lat.
Envelope visible_lonlat(const MapView& map);

// The floating Views panel. Returns the index of a view the user asked to present from, if any.
void draw_views_panel(Document& doc, MapView& map, Workshop& workshop, double now);

}  // namespace pc::gui
