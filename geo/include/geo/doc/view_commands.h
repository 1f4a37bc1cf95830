#pragma once
// Undoable edits of the saved views (slides). Each command keeps the whole list before and after
// (views are small), so undo restores exactly the list that was there.
#include <string>

#include "geo/doc/command.h"
#include "geo/view.h"

namespace pc {

// Appends a view (a fresh id when it has none); `at` inserts it at that position instead.
CommandPtr add_view(const Project& project, View view);
CommandPtr add_view(const Project& project, View view, std::size_t at);
// Replaces the view with the same id (extent, layers, caption ... as now on the map).
// Throws std::out_of_range when no view has that id (as the feature commands do).
CommandPtr update_view(const Project& project, View new_value);
CommandPtr rename_view(const Project& project, const Uuid& id, std::string name);
CommandPtr delete_view(const Project& project, const Uuid& id);
// Moves a view one place towards the front (up) or the back (down). Throws std::out_of_range when
// it is already first/last.
CommandPtr move_view_up(const Project& project, const Uuid& id);
CommandPtr move_view_down(const Project& project, const Uuid& id);

}  // namespace pc
