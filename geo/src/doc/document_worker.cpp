#include "document_worker.h"

#include <filesystem>
#include <system_error>
#include <type_traits>

#include "geo/io/project_file.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace pc {
namespace {

template <class P>
void assign_layers(P&& from, Project& to, std::uint32_t mask) {
    auto has = [&](DocLayer l) { return ((mask >> unsigned(l)) & 1u) != 0; };
    auto take = [](auto& member) -> decltype(auto) {
        if constexpr (std::is_rvalue_reference_v<P&&>) return std::move(member);
        else return member;
    };
    if (has(DocLayer::Initiatives)) to.initiatives = take(from.initiatives);
    if (has(DocLayer::Facilities)) to.facilities = take(from.facilities);
    if (has(DocLayer::Zones)) to.zones = take(from.zones);
    if (has(DocLayer::Admin)) {
        to.kabupaten = take(from.kabupaten);
        to.kecamatan = take(from.kecamatan);
        to.desa = take(from.desa);
        to.population_grid = take(from.population_grid);
    }
    if (has(DocLayer::Settings)) to.settings = take(from.settings);
    if (has(DocLayer::Views)) to.views = take(from.views);
    if (has(DocLayer::Context)) to.context_layers = take(from.context_layers);
}

// Background work gives way to the frame: the engine's helper threads, started from this thread,
// inherit the lower priority (Linux nice values are per thread).
void lower_priority() {
#ifdef __linux__
    (void)setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
#endif
}

}  // namespace

const char* to_key(WorkKind k) {
    switch (k) {
        case WorkKind::Idle: return "idle";
        case WorkKind::Load: return "load";
        case WorkKind::Engine: return "engine";
        case WorkKind::Analysis: return "analysis";
        case WorkKind::Save: return "save";
        case WorkKind::Autosave: return "autosave";
    }
    return "";
}

void copy_layers(const Project& from, Project& to, std::uint32_t mask) { assign_layers(from, to, mask); }

DocumentWorker::DocumentWorker(Project project, std::uint64_t revision, AnalysisOptions options, Sink sink)
    : options_(std::move(options)), sink_(std::move(sink)), project_(std::move(project)), revision_(revision),
      figures_revision_(revision) {
    thread_ = std::thread([this] { loop(); });
}

DocumentWorker::~DocumentWorker() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    stopping_ = true;
    cancel_ = true;
    cv_.notify_all();
    thread_.join();
}

void DocumentWorker::send(ProjectDelta delta) {
    {
        std::lock_guard lock(m_);
        if ((running_ == Running::Run && delta.figures) || (running_ == Running::Build && delta.rebuild)) cancel_ = true;
        inbox_.push_back(std::move(delta));
    }
    cv_.notify_all();
}

void DocumentWorker::send(WriteRequest write) {
    {
        std::lock_guard lock(m_);
        inbox_.push_back(std::move(write));
    }
    cv_.notify_all();
}

void DocumentWorker::send(Barrier barrier) {
    {
        std::lock_guard lock(m_);
        inbox_.push_back(barrier);
    }
    cv_.notify_all();
}

void DocumentWorker::want_analysis() {
    {
        std::lock_guard lock(m_);
        if (analysis_wanted_) return;
        analysis_wanted_ = true;
    }
    cv_.notify_all();
}

void DocumentWorker::want_engine() {
    {
        std::lock_guard lock(m_);
        engine_wanted_ = true;
    }
    cv_.notify_all();
}

bool DocumentWorker::set_running(Running r) {
    if (!inbox_.empty() || stop_) {
        running_ = Running::Nothing;
        return false;
    }
    running_ = r;
    cancel_ = false;
    return true;
}

WorkControl DocumentWorker::control(const std::atomic<bool>* cancel) {
    WorkControl c;
    c.progress = [this](double fraction, const char* step) { board_.report(fraction, step); };
    c.cancel = cancel;
    return c;
}

void DocumentWorker::loop() {
    lower_priority();
    std::unique_lock lock(m_);
    auto settled = [&] { return result_figures_revision_ == figures_revision_ || failed_figures_revision_ == figures_revision_; };
    for (;;) {
        cv_.wait(lock, [&] { return stop_ || !inbox_.empty() || engine_wanted_ || (analysis_wanted_ && !settled()); });
        if (stop_) return;
        if (!inbox_.empty()) {
            Message m = std::move(inbox_.front());
            inbox_.pop_front();
            lock.unlock();
            handle(m);
            lock.lock();
        } else if (engine_wanted_) {
            engine_wanted_ = false;
            lock.unlock();
            build_for_owner();
            lock.lock();
        } else {
            lock.unlock();
            analyse_newest();
            lock.lock();
        }
    }
}

void DocumentWorker::handle(Message& m) {
    if (auto* d = std::get_if<ProjectDelta>(&m)) merge(*d);
    else if (auto* w = std::get_if<WriteRequest>(&m)) write(*w);
    else if (auto* b = std::get_if<Barrier>(&m)) sink_.done(b->ticket, WorkNotice{}, nullptr);
}

void DocumentWorker::merge(ProjectDelta& d) {
    assign_layers(std::move(d.parts), project_, d.layers);
    revision_ = d.revision;
    if (d.figures) figures_revision_ = d.revision;
    if (d.rebuild) {
        engine_stale_ = true;
        engine_behind_.clear();
    } else if (engine_ && !engine_stale_) {
        for (auto& c : d.changes) engine_behind_.push_back(std::move(c));
    }
}

void DocumentWorker::ensure_engine(const WorkControl& ctl) {
    if (engine_ && !engine_stale_) {
        try {
            for (const auto& c : engine_behind_) engine_->apply(c);
            engine_behind_.clear();
            return;
        } catch (const Cancelled&) {
            throw;
        } catch (...) {
            engine_stale_ = true;  // half caught up: build it again from the project
        }
    }
    engine_.reset();
    engine_behind_.clear();
    board_.begin(WorkKind::Engine, "preparing");
    engine_ = std::make_unique<CoverageEngine>(project_, options_, ctl);
    engine_stale_ = false;
}

bool DocumentWorker::analyse_newest() {
    auto finish = [&] {
        board_.end();
        std::lock_guard lock(m_);
        running_ = Running::Nothing;
    };
    auto settled = [&] {
        std::lock_guard lock(m_);
        if (inbox_.empty()) analysis_wanted_ = false;  // asked again for a later state
    };
    {
        std::lock_guard lock(m_);
        if (!set_running(Running::Build)) return false;
    }
    try {
        ensure_engine(control(&cancel_));
        {
            std::lock_guard lock(m_);
            if (!set_running(Running::Run)) {  // newer edits first
                board_.end();
                return false;
            }
        }
        board_.begin(WorkKind::Analysis, "analysing");
        auto r = std::make_shared<const AnalysisResult>(engine_->run(project_, control(&cancel_)));
        result_ = r;
        result_figures_revision_ = figures_revision_;
        sink_.analysis(revision_, std::move(r), nullptr);
    } catch (const Cancelled&) {
        finish();
        return false;
    } catch (...) {
        failed_figures_revision_ = figures_revision_;
        sink_.analysis(revision_, nullptr, std::current_exception());
    }
    settled();
    finish();
    return true;
}

void DocumentWorker::build_for_owner() {
    {
        std::lock_guard lock(m_);
        if (!set_running(Running::Build)) {
            engine_wanted_ = true;  // after the news
            return;
        }
    }
    board_.begin(WorkKind::Engine, "preparing");
    try {
        auto e = std::make_shared<CoverageEngine>(project_, options_, control(&cancel_));
        sink_.engine(revision_, std::move(e), nullptr);
    } catch (const Cancelled&) {
        std::lock_guard lock(m_);
        if (!stop_) engine_wanted_ = true;  // again, from the state the rebuild asked for
    } catch (...) {
        sink_.engine(revision_, nullptr, std::current_exception());
    }
    board_.end();
    std::lock_guard lock(m_);
    running_ = Running::Nothing;
}

std::shared_ptr<const AnalysisResult> DocumentWorker::analysis_for_save() {
    if (result_ && result_figures_revision_ == figures_revision_) return result_;
    try {
        ensure_engine(control(&stopping_));
        board_.begin(WorkKind::Save, "analysing");
        auto r = std::make_shared<const AnalysisResult>(engine_->run(project_, control(&stopping_)));
        result_ = r;
        result_figures_revision_ = figures_revision_;
        sink_.analysis(revision_, r, nullptr);
        return r;
    } catch (const Cancelled&) {
        throw;
    } catch (...) {
        // No figures (e.g. no desa yet): the project is still saved, without metrics.
        return nullptr;
    }
}

void DocumentWorker::write(const WriteRequest& w) {
    board_.begin(w.kind, w.kind == WorkKind::Save ? "saving" : "autosaving");
    WorkNotice n{w.kind, true, w.path, ""};
    std::exception_ptr error;
    try {
        if (w.kind == WorkKind::Save) {
            auto metrics = analysis_for_save();
            board_.begin(WorkKind::Save, "saving");
            save_project(project_, w.path, metrics.get());
        } else {
            // The user's data folder may not exist yet (a new user who never opened the demo).
            // save_project writes beside and renames: a crash while writing leaves the previous
            // autosave intact.
            const std::filesystem::path parent = std::filesystem::path(w.path).parent_path();
            if (!parent.empty()) std::filesystem::create_directories(parent);
            save_project(project_, w.path, nullptr);
        }
    } catch (const std::exception& e) {
        n.ok = false;
        n.error = e.what();
        error = std::current_exception();
    } catch (...) {
        n.ok = false;
        n.error = "unknown error";
        error = std::current_exception();
    }
    board_.end();
    sink_.done(w.ticket, std::move(n), error);
}

}  // namespace pc
