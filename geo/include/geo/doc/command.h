#pragma once
// Undoable edits of a project. A command holds the values before and after the edit, so apply()
// and revert() are exact (revert restores the feature at its original index: the project compares
// equal to what it was). Commands are built by the factories below from the current project.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/model.h"

namespace pc {

// The project layers the document edits; views rebuild what they draw per layer.
// Context: the reference layers under the map (they change no figure).
enum class DocLayer : std::uint8_t { Initiatives, Facilities, Zones, Admin, Settings, Views, Context };
inline constexpr std::size_t kDocLayerCount = 7;

// What a command does, so a view can word it in its own language.
enum class CommandKind : std::uint8_t { Add, Move, Update, Delete, Batch };

class Command {
public:
    virtual ~Command() = default;
    virtual void apply(Project& project) = 0;
    virtual void revert(Project& project) = 0;
    virtual CommandKind kind() const = 0;
    virtual DocLayer layer() const = 0;
    // Every layer it changes (a batch may change several).
    virtual std::vector<DocLayer> layers() const { return {layer()}; }
    // Name of the feature it edits ("" for a batch).
    virtual std::string subject() const = 0;
    // English label for menus and logs: "Move initiative 'Smart Kampung'".
    virtual std::string label() const;
    // The service changes applying this command makes, for the coverage engine (revert = reversed).
    // Empty when nothing with a service radius changes. Evaluated against the project as it is
    // before apply() (facility radii may come from their type's default).
    virtual std::vector<FeatureChange> service_changes(const Project& project) const = 0;
    // True when the engine cannot follow the edit incrementally (zones, admin units, settings).
    virtual bool needs_engine_rebuild() const { return false; }
};

using CommandPtr = std::unique_ptr<Command>;

// Initiatives. Updates and moves look the feature up by id; they throw std::out_of_range when the
// id is not in the project. Adds and updates of initiatives and facilities throw InputError for a
// number outside the model's bounds (geo/bounds.h: years, budget, radius).
CommandPtr add_initiative(Initiative initiative);
CommandPtr update_initiative(const Project& project, Initiative new_value);
CommandPtr move_initiative(const Project& project, const Uuid& id, double dlon, double dlat);
CommandPtr delete_initiative(const Project& project, const Uuid& id);

// Facilities.
CommandPtr add_facility(Facility facility);
CommandPtr update_facility(const Project& project, Facility new_value);
CommandPtr move_facility(const Project& project, const Uuid& id, double dlon, double dlat);
CommandPtr delete_facility(const Project& project, const Uuid& id);

// Zones (KPPN/KSPN and other planning zones).
CommandPtr add_zone(Zone zone);
CommandPtr update_zone(const Project& project, Zone new_value);
CommandPtr move_zone(const Project& project, const Uuid& id, double dlon, double dlat);
CommandPtr delete_zone(const Project& project, const Uuid& id);

// Several commands as one undo step (applied in order, reverted in reverse order).
CommandPtr batch(std::vector<CommandPtr> commands, std::string label);

// Index of a feature by id, or -1.
long find_initiative(const Project& p, const Uuid& id);
long find_facility(const Project& p, const Uuid& id);
long find_zone(const Project& p, const Uuid& id);

}  // namespace pc
