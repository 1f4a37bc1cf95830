#pragma once
// The document a planner edits: a project, where it lives on disk, whether it has unsaved edits,
// its undo/redo history and a coverage engine kept in step with every edit. Views (the map
// application, tests) change the project only through execute(); they never touch it directly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/analysis/results.h"
#include "geo/doc/command.h"
#include "geo/model.h"

namespace pc {

// A feature of an editable layer.
struct FeatureRef {
    DocLayer layer = DocLayer::Initiatives;
    Uuid id;
    friend bool operator==(const FeatureRef&, const FeatureRef&) = default;
};

class Document {
public:
    // A new, unsaved document over `project` (path "" until saved). Builds the coverage engine.
    explicit Document(Project project, std::string path = {}, AnalysisOptions options = {});
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // load_project(path); throws InputError as it does.
    static std::unique_ptr<Document> open(const std::string& path, AnalysisOptions options = {});
    // save_project to path() (throws std::logic_error when there is none) / to `path`, with the
    // current metrics. Clears the dirty flag.
    void save();
    void save_as(const std::string& path);

    const Project& project() const { return project_; }
    const std::string& path() const { return path_; }
    bool dirty() const;

    // Applies a command, makes it the newest history step (dropping any redo steps), updates the
    // engine. Returns the engine's view of the change (district figures; empty when nothing with a
    // radius changed).
    std::vector<WhatIfResult> execute(CommandPtr command);
    bool can_undo() const { return done_ > 0; }
    bool can_redo() const { return done_ < history_.size(); }
    const Command* undo_command() const { return can_undo() ? history_[done_ - 1].get() : nullptr; }
    const Command* redo_command() const { return can_redo() ? history_[done_].get() : nullptr; }
    void undo();
    void redo();
    std::size_t history_size() const { return history_.size(); }

    // Bumped on every change of the project; per layer, so views rebuild only what changed.
    std::uint64_t revision() const { return revision_; }
    std::uint64_t layer_revision(DocLayer layer) const { return layer_revision_[std::size_t(layer)]; }

    // The engine, in step with project() (rebuilt lazily after edits it cannot follow).
    const CoverageEngine& engine();
    // The full analysis of the current state; cached until the next change.
    const AnalysisResult& analysis();
    bool analysis_current() const { return analysis_ && analysis_revision_ == revision_; }
    const AnalysisOptions& options() const { return options_; }

    // What an edit would change, without making it (live figures while placing or dragging).
    std::vector<WhatIfResult> what_if(const Command& command);
    WhatIfResult what_if_add(const Initiative& initiative);
    WhatIfResult what_if_add(const Facility& facility);
    // Moving a feature (an initiative or a facility) by (dlon, dlat) from where it is now.
    std::vector<WhatIfResult> what_if_move(const FeatureRef& ref, double dlon, double dlat);

    // Selection (a view-model concern kept here so commands can keep it valid).
    const std::optional<FeatureRef>& selection() const { return selection_; }
    void select(std::optional<FeatureRef> ref) { selection_ = std::move(ref); }
    bool exists(const FeatureRef& ref) const;

    // Autosave. The GUI calls tick(now) every frame with a monotonic time in seconds; when the
    // document has changes not yet autosaved and at least autosave_interval() seconds have passed
    // since the last autosave (or since the first tick), the project is written to autosave_path()
    // — never to path(). Returns true when it wrote. A failed write throws (the next try waits a
    // full interval). save()/save_as() remove the autosave.
    bool tick(double now_seconds);
    double autosave_interval() const { return autosave_interval_s_; }
    void set_autosave_interval(double seconds) { autosave_interval_s_ = seconds; }
    // Where an untitled document autosaves ("" = it does not); the GUI puts it in the user data dir.
    void set_untitled_autosave_path(std::string path) { untitled_autosave_path_ = std::move(path); }
    // "<path>.autosave.gpkg", or the untitled autosave path.
    std::string autosave_path() const;
    static std::string autosave_path_for(const std::string& project_path);
    // The autosave of `project_path` when one exists that is newer than the project file (or the
    // project file is gone): what a crash left behind. nullopt otherwise.
    static std::optional<std::string> recoverable_autosave(const std::string& project_path);
    // Opens the autosave `autosave` as the document of `project_path`: path() is project_path and
    // the document is dirty (the recovered edits are not in the project file yet).
    static std::unique_ptr<Document> recover(const std::string& project_path, const std::string& autosave,
                                             AnalysisOptions options = {});
    // Removes the autosave (after a save, or when the user declines a recovery). No error if none.
    static void discard_autosave(const std::string& autosave);

private:
    void apply_to_engine(const std::vector<FeatureChange>& changes, bool reverse,
                         std::vector<WhatIfResult>* out);
    void touched(const Command& c);

    Project project_;
    std::string path_;
    AnalysisOptions options_;
    std::vector<CommandPtr> history_;
    std::size_t done_ = 0;                  // history_[0, done_) are applied
    std::optional<std::size_t> saved_at_;   // value of done_ when last saved/opened; nullopt = never clean
    std::uint64_t revision_ = 1;
    std::uint64_t layer_revision_[kDocLayerCount] = {1, 1, 1, 1, 1, 1};
    std::unique_ptr<CoverageEngine> engine_;
    bool engine_stale_ = false;
    std::optional<AnalysisResult> analysis_;
    std::uint64_t analysis_revision_ = 0;
    std::optional<FeatureRef> selection_;
    double autosave_interval_s_ = 120;
    std::optional<double> last_autosave_at_;   // tick time of the last autosave (or the first tick)
    std::uint64_t autosaved_revision_ = 0;     // revision_ the last autosave holds (0 = none)
    std::string untitled_autosave_path_;
    bool autosave_written_ = false;            // this document wrote the current autosave file
};

}  // namespace pc
