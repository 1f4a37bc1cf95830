#pragma once
// Undoable edits of the context layers (geo/context_layer.h): add, remove, restyle, show/hide,
// rename, reorder. Each keeps the list before and after; the features are shared, not copied.
#include <string>

#include "geo/context_layer.h"
#include "geo/doc/command.h"

namespace pc {

// Appends a layer (drawn on top of the others; a fresh id when it has none).
CommandPtr add_context_layer(const Project& project, ContextLayer layer);
// Throw std::out_of_range when no layer has the id (as the feature commands do).
CommandPtr remove_context_layer(const Project& project, const Uuid& id);
// Replaces the layer with the same id: its style, rules, name, visibility (the features stay).
CommandPtr update_context_layer(const Project& project, ContextLayer new_value);
CommandPtr set_context_layer_visible(const Project& project, const Uuid& id, bool visible);
// One place later in the drawing order (up: drawn over the next) or earlier (down); std::out_of_range
// at either end.
CommandPtr move_context_layer_up(const Project& project, const Uuid& id);
CommandPtr move_context_layer_down(const Project& project, const Uuid& id);

}  // namespace pc
