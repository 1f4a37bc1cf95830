#pragma once
// The document's background work: one thread with its own copy of the project and its own coverage
// engine, kept in step by the edits the document sends (only the layers an edit changed are copied).
// It runs the full analysis of the newest state (cancelled when a newer edit arrives), builds engines
// for the document's own thread (what-if, apply), and writes saves and autosaves of the state they
// were asked for. Results go back through callbacks the document turns into RunQueue posts.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "geo/analysis/engine.h"
#include "geo/doc/command.h"
#include "geo/doc/work_status.h"
#include "geo/model.h"

namespace pc {

// What one edit changed, as the worker needs it.
struct ProjectDelta {
    std::uint64_t revision = 0;
    std::uint32_t layers = 0;            // bit (1 << DocLayer) per changed layer; its data is in `parts`
    Project parts;                       // copies of the changed layers (the others left empty)
    std::vector<FeatureChange> changes;  // for the engine, in order
    bool rebuild = false;                // the engine cannot follow: build it again
    bool figures = true;                 // the figures may change (false: slides only)
};

// A file to write: the project as it is after the edits sent before it.
struct WriteRequest {
    WorkKind kind = WorkKind::Save;  // Save (with metrics) or Autosave (without)
    std::string path;
    std::uint64_t ticket = 0;
};

// Answers to a barrier once every message sent before it is handled.
struct Barrier {
    std::uint64_t ticket = 0;
};

// Copies the layers in `mask` from `from` into `to`.
void copy_layers(const Project& from, Project& to, std::uint32_t mask);
inline constexpr std::uint32_t kAllLayers = (1u << kDocLayerCount) - 1;

class DocumentWorker {
public:
    struct Sink {
        // Figures of the state after edit `revision`, or why there are none.
        std::function<void(std::uint64_t revision, std::shared_ptr<const AnalysisResult>, std::exception_ptr)> analysis;
        // An engine for the owner's thread, in step with the state after edit `revision`.
        std::function<void(std::uint64_t revision, std::shared_ptr<CoverageEngine>, std::exception_ptr)> engine;
        // A write or a barrier (ticket) finished.
        std::function<void(std::uint64_t ticket, WorkNotice, std::exception_ptr)> done;
    };

    DocumentWorker(Project project, std::uint64_t revision, AnalysisOptions options, Sink sink);
    ~DocumentWorker();  // cancels what runs and joins
    DocumentWorker(const DocumentWorker&) = delete;
    DocumentWorker& operator=(const DocumentWorker&) = delete;

    void send(ProjectDelta delta);
    void send(WriteRequest write);
    void send(Barrier barrier);
    // Figures of the newest state (again only after a later edit); an engine for the owner.
    void want_analysis();
    void want_engine();
    WorkStatus status() const { return board_.get(); }

private:
    using Message = std::variant<ProjectDelta, WriteRequest, Barrier>;
    // What runs now decides which edits make it stale: a run any edit of the figures, a build only
    // an edit the engine cannot follow.
    enum class Running { Nothing, Run, Build };
    void loop();
    void handle(Message& m);
    void merge(ProjectDelta& d);
    void write(const WriteRequest& w);
    // The worker's engine in step with project_ (built or caught up); control cancels a build.
    void ensure_engine(const WorkControl& control);
    // The analysis of project_ (the kept result when still current); false when cancelled or when
    // newer edits arrived meanwhile.
    bool analyse_newest();
    // The figures for a save: never cancelled by edits (they queue behind the save).
    std::shared_ptr<const AnalysisResult> analysis_for_save();
    void build_for_owner();
    WorkControl control(const std::atomic<bool>* cancel);
    bool set_running(Running r);  // under m_; false (and Nothing) when the inbox has news first

    const AnalysisOptions options_;
    const Sink sink_;
    ProgressBoard board_;

    // Owned by the worker thread only.
    Project project_;
    std::uint64_t revision_ = 0;          // the last edit merged into project_
    std::uint64_t figures_revision_ = 0;  // the last edit merged that may change the figures
    std::unique_ptr<CoverageEngine> engine_;
    bool engine_stale_ = true;            // build again before use
    std::vector<FeatureChange> engine_behind_;  // edits merged that engine_ has not applied yet
    std::shared_ptr<const AnalysisResult> result_;
    std::uint64_t result_figures_revision_ = 0;  // figures_revision_ the result is of (0 = none)

    // Shared with the owner, under m_.
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<Message> inbox_;
    bool stop_ = false;
    bool analysis_wanted_ = false;
    bool engine_wanted_ = false;
    Running running_ = Running::Nothing;
    std::atomic<bool> cancel_{false};    // stop the current run or build
    std::uint64_t failed_figures_revision_ = 0;  // the analysis of this state failed (reported once)
    std::atomic<bool> stopping_{false};  // stop everything (destructor)
    std::thread thread_;
};

}  // namespace pc
