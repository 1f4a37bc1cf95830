#pragma once
// The document a planner edits: a project, where it lives on disk, whether it has unsaved edits,
// its undo/redo history and a coverage engine kept in step with every edit. Views (the map
// application, tests) change the project only through execute(); they never touch it directly.
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/analysis/results.h"
#include "geo/doc/command.h"
#include "geo/doc/run_queue.h"
#include "geo/doc/work_status.h"
#include "geo/model.h"

namespace pc {

// A feature of an editable layer.
struct FeatureRef {
    DocLayer layer = DocLayer::Initiatives;
    Uuid id;
    friend bool operator==(const FeatureRef&, const FeatureRef&) = default;
};

class DocumentWorker;  // document_worker.h (geo/src/doc)

// A document's long work (the engine, the full analysis, saves and autosaves) runs on a worker thread
// of its own, on its own copy of the project kept in step with every edit; results come back through
// a queue that poll() takes in on the owner's thread (the frame thread of the map application), so
// the owner never waits and never sees figures of two states mixed. The blocking calls (analysis(),
// engine(), save(), ...) wait for that work: for the command line and tests.
class Document {
public:
    // A new, unsaved document over `project` (path "" until saved).
    explicit Document(Project project, std::string path = {}, AnalysisOptions options = {});
    ~Document();  // stops the background work (waits for the engine's next cancellation check)
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // load_project(path); throws InputError as it does.
    static std::unique_ptr<Document> open(const std::string& path, AnalysisOptions options = {});
    // save_project to path() (throws std::logic_error when there is none) / to `path`, with the
    // figures of the current state. Clears the dirty flag. Blocks until written; throws what failed.
    void save();
    void save_as(const std::string& path);
    // The same in the background: the state as it is now is written; a WorkNotice (take_notices)
    // says when it is done or failed. The dirty flag clears then, unless edits came meanwhile.
    void save_as_async(const std::string& path);

    const Project& project() const { return project_; }
    // Unique among the documents of the process (views keep caches per document).
    std::uint64_t serial() const { return serial_; }
    const std::string& path() const { return path_; }
    bool dirty() const;

    // Applies a command, makes it the newest history step (dropping any redo steps), updates the
    // engine. Returns the engine's view of the change (district figures; empty when nothing with a
    // radius changed, or while the engine is still being prepared).
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

    // --- Background work (owner's thread) ---
    // Takes in what the worker finished (figures, an engine, writes); call once a frame. How many.
    std::size_t poll();
    // What the worker is doing now.
    WorkStatus work_status() const;
    // Finished writes (saves, autosaves) since the last call, for the views to report.
    std::vector<WorkNotice> take_notices();
    // Asks for the figures of the current state in the background (no-op when current or asked).
    void request_analysis();
    // The newest figures taken in (of revision analysis_revision(); may be older than the project:
    // analysis_current() says), or null. Never blocks.
    std::shared_ptr<const AnalysisResult> latest_analysis() const { return analysis_; }
    std::uint64_t analysis_revision() const { return analysis_revision_; }
    // Why the figures of the current state could not be computed ("" = none failed).
    std::string analysis_error() const;
    // Asks for the engine (what-if) in the background; engine_ready() once it is there.
    void request_engine();
    bool engine_ready() const { return engine_ != nullptr; }
    // The analysis CRS once the engine or the figures know it, else "".
    std::string analysis_crs() const;
    // Waits until every piece of work asked for so far is done and taken in (tests, quitting).
    void finish_work();

    // --- Blocking (command line, tests) ---
    // The engine, in step with project() (waits for it to be built).
    const CoverageEngine& engine();
    // The full analysis of the current state (waits for it); cached until the next change.
    const AnalysisResult& analysis();
    bool analysis_current() const;
    const AnalysisOptions& options() const { return options_; }

    // What an edit would change, without making it (live figures while placing or dragging). These
    // wait for the engine: check engine_ready() first on a frame thread.
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
    // since the last autosave (or since the first tick), the project as it is now is written to
    // autosave_path() — never to path() — in the background. Returns true when it started one; a
    // WorkNotice reports the outcome (the next try waits a full interval). save()/save_as() remove
    // the autosave.
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
    // After the project changed by `c` (applied or reverted, `changes` as the engine sees them):
    // revisions, the engine, the worker's copy.
    void touched(const Command& c, std::vector<FeatureChange> changes, std::vector<WhatIfResult>* out);
    void apply_to_engine(const std::vector<FeatureChange>& changes, std::vector<WhatIfResult>* out);
    void install_engine(std::uint64_t revision, std::shared_ptr<CoverageEngine> engine, std::exception_ptr error);
    void install_analysis(std::uint64_t revision, std::shared_ptr<const AnalysisResult> result, std::exception_ptr error);
    void written(std::uint64_t ticket, WorkNotice notice, std::exception_ptr error);
    std::uint64_t write(WorkKind kind, const std::string& path);  // queues a write; its ticket
    void wait_for(std::uint64_t ticket);                          // until that write is taken in
    std::uint64_t state_id() const { return done_ > 0 ? serials_[done_ - 1] : 0; }

    const std::uint64_t serial_;
    Project project_;
    std::string path_;
    AnalysisOptions options_;
    std::vector<CommandPtr> history_;
    std::vector<std::uint64_t> serials_;   // one id per history step: the state after it
    std::uint64_t next_serial_ = 1;
    std::size_t done_ = 0;                  // history_[0, done_) are applied
    std::optional<std::uint64_t> saved_state_ = 0;  // state_id() the file holds; nullopt = never clean
    std::uint64_t revision_ = 1;
    std::uint64_t figures_revision_ = 1;    // the last revision that may have changed the figures
    std::uint64_t layer_revision_[kDocLayerCount] = {1, 1, 1, 1, 1, 1, 1};
    std::optional<FeatureRef> selection_;

    // The engine on this thread (what-if, apply), and the edits it missed while being built.
    struct JournalEntry {
        std::uint64_t revision;
        std::vector<FeatureChange> changes;
    };
    std::shared_ptr<CoverageEngine> engine_;
    bool engine_asked_ = false;             // a build is on its way
    std::uint64_t rebuilt_at_ = 0;          // the last edit the engine could not follow
    std::vector<JournalEntry> journal_;
    std::exception_ptr engine_error_;
    std::uint64_t engine_error_revision_ = 0;

    // Figures taken in from the worker.
    std::shared_ptr<const AnalysisResult> analysis_;
    std::uint64_t analysis_revision_ = 0;
    std::uint64_t analysis_asked_for_ = 0;  // figures_revision_ last asked for
    std::exception_ptr analysis_exception_;
    std::uint64_t analysis_error_revision_ = 0;

    // Writes in flight: ticket -> what the state was (so a save clears the dirty flag of that state).
    struct PendingWrite {
        std::uint64_t ticket;
        WorkKind kind;
        std::uint64_t state;
        std::uint64_t revision;
        std::string old_autosave;  // a save removes the autosaves of the old and new paths
    };
    std::vector<PendingWrite> writes_;
    std::uint64_t next_ticket_ = 1;
    std::vector<std::uint64_t> finished_tickets_;
    std::vector<std::pair<std::uint64_t, std::exception_ptr>> write_errors_;
    std::vector<WorkNotice> notices_;

    double autosave_interval_s_ = 120;
    std::optional<double> last_autosave_at_;   // tick time of the last autosave (or the first tick)
    std::uint64_t autosaved_revision_ = 0;     // revision_ the last autosave holds (0 = none)
    std::string untitled_autosave_path_;
    bool autosave_written_ = false;            // this document wrote the current autosave file

    RunQueue results_;                         // from the worker, taken in by poll()
    std::unique_ptr<DocumentWorker> worker_;   // last: stopped first
};

}  // namespace pc
