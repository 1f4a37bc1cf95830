#include "geo/doc/document.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "document_worker.h"
#include "geo/io/project_file.h"

namespace pc {
namespace {

// The engine's view of reverting an edit: the changes undone, last first.
std::vector<FeatureChange> reversed(std::vector<FeatureChange> changes) {
    std::vector<FeatureChange> out;
    out.reserve(changes.size());
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) out.push_back(FeatureChange{std::move(it->after), std::move(it->before)});
    return out;
}

std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> n{0};
    return ++n;
}

std::string message_of(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

Document::Document(Project project, std::string path, AnalysisOptions options)
    : serial_(next_serial()), project_(std::move(project)), path_(std::move(path)), options_(std::move(options)) {
    // The worker's results become closures this thread runs in poll().
    DocumentWorker::Sink sink;
    sink.analysis = [this](std::uint64_t rev, std::shared_ptr<const AnalysisResult> r, std::exception_ptr err) {
        results_.post([this, rev, r = std::move(r), err] { install_analysis(rev, r, err); });
    };
    sink.engine = [this](std::uint64_t rev, std::shared_ptr<CoverageEngine> e, std::exception_ptr err) {
        results_.post([this, rev, e = std::move(e), err] { install_engine(rev, e, err); });
    };
    sink.done = [this](std::uint64_t ticket, WorkNotice n, std::exception_ptr err) {
        results_.post([this, ticket, n = std::move(n), err] { written(ticket, n, err); });
    };
    worker_ = std::make_unique<DocumentWorker>(project_, revision_, options_, std::move(sink));
}

Document::~Document() { worker_.reset(); }

std::unique_ptr<Document> Document::open(const std::string& path, AnalysisOptions options) {
    return std::make_unique<Document>(load_project(path), path, std::move(options));
}

// ---- saving -------------------------------------------------------------------------------------

void Document::save() {
    if (path_.empty()) throw std::logic_error("the document has no file yet: use save_as");
    save_as(path_);
}

void Document::save_as(const std::string& path) { wait_for(write(WorkKind::Save, path)); }

void Document::save_as_async(const std::string& path) { write(WorkKind::Save, path); }

std::uint64_t Document::write(WorkKind kind, const std::string& path) {
    const std::uint64_t ticket = next_ticket_++;
    writes_.push_back({ticket, kind, state_id(), revision_, kind == WorkKind::Save ? autosave_path() : std::string()});
    worker_->send(WriteRequest{kind, path, ticket});
    return ticket;
}

void Document::written(std::uint64_t ticket, WorkNotice notice, std::exception_ptr error) {
    auto it = std::find_if(writes_.begin(), writes_.end(), [&](const PendingWrite& w) { return w.ticket == ticket; });
    if (it != writes_.end()) {
        const PendingWrite w = *it;
        writes_.erase(it);
        if (notice.ok && w.kind == WorkKind::Save) {
            path_ = notice.path;
            saved_state_ = w.state;
            // The saved file now holds everything the autosaves held.
            if (!w.old_autosave.empty()) discard_autosave(w.old_autosave);
            discard_autosave(autosave_path());
            autosaved_revision_ = w.revision;
            autosave_written_ = false;
        } else if (notice.ok && w.kind == WorkKind::Autosave) {
            autosaved_revision_ = w.revision;
            autosave_written_ = true;
        }
    }
    finished_tickets_.push_back(ticket);
    if (error) write_errors_.emplace_back(ticket, error);
    if (notice.kind != WorkKind::Idle) notices_.push_back(std::move(notice));
}

void Document::wait_for(std::uint64_t ticket) {
    auto finished = [&] { return std::find(finished_tickets_.begin(), finished_tickets_.end(), ticket) != finished_tickets_.end(); };
    while (!finished()) {
        results_.wait();
        poll();
    }
    finished_tickets_.erase(std::find(finished_tickets_.begin(), finished_tickets_.end(), ticket));
    auto err = std::find_if(write_errors_.begin(), write_errors_.end(), [&](const auto& e) { return e.first == ticket; });
    if (err != write_errors_.end()) {
        std::exception_ptr e = err->second;
        write_errors_.erase(err);
        // The notice was for the views; a blocking caller gets the exception instead.
        notices_.erase(std::remove_if(notices_.begin(), notices_.end(), [](const WorkNotice& n) { return !n.ok; }), notices_.end());
        std::rethrow_exception(e);
    }
}

std::vector<WorkNotice> Document::take_notices() { return std::exchange(notices_, {}); }

std::string Document::autosave_path_for(const std::string& project_path) {
    return project_path.empty() ? std::string() : project_path + ".autosave.gpkg";
}

std::string Document::autosave_path() const {
    return path_.empty() ? untitled_autosave_path_ : autosave_path_for(path_);
}

bool Document::tick(double now) {
    if (!last_autosave_at_) {
        last_autosave_at_ = now;
        return false;
    }
    if (now - *last_autosave_at_ < autosave_interval_s_) return false;
    if (!dirty()) {
        // Back at the saved state (undone): an autosave of this session holds nothing to recover.
        if (autosave_written_) discard_autosave(autosave_path());
        autosave_written_ = false;
        return false;
    }
    if (autosaved_revision_ == revision_) return false;  // already in the last autosave
    const std::string target = autosave_path();
    if (target.empty() || target == path_) return false;
    last_autosave_at_ = now;
    write(WorkKind::Autosave, target);
    return true;
}

std::optional<std::string> Document::recoverable_autosave(const std::string& project_path) {
    namespace fs = std::filesystem;
    const std::string a = autosave_path_for(project_path);
    std::error_code ec;
    if (a.empty() || !fs::is_regular_file(a, ec)) return std::nullopt;
    if (!fs::exists(project_path, ec)) return a;
    const auto ta = fs::last_write_time(a, ec);
    if (ec) return std::nullopt;
    const auto tp = fs::last_write_time(project_path, ec);
    if (ec) return std::nullopt;
    if (ta > tp) return a;
    return std::nullopt;
}

std::unique_ptr<Document> Document::recover(const std::string& project_path, const std::string& autosave,
                                            AnalysisOptions options) {
    auto doc = std::make_unique<Document>(load_project(autosave), project_path, std::move(options));
    doc->saved_state_.reset();  // dirty until saved
    return doc;
}

void Document::discard_autosave(const std::string& autosave) {
    if (autosave.empty()) return;
    std::error_code ec;
    std::filesystem::remove(autosave, ec);
}

bool Document::dirty() const { return !saved_state_ || *saved_state_ != state_id(); }

// ---- background work ----------------------------------------------------------------------------

std::size_t Document::poll() { return results_.run(); }

WorkStatus Document::work_status() const { return worker_->status(); }

void Document::request_analysis() {
    if (analysis_current() || analysis_asked_for_ == figures_revision_) return;
    if (analysis_exception_ && analysis_error_revision_ >= figures_revision_) return;  // failed for this state
    analysis_asked_for_ = figures_revision_;
    worker_->want_analysis();
}

std::string Document::analysis_error() const {
    return analysis_exception_ && analysis_error_revision_ >= figures_revision_ ? message_of(analysis_exception_) : std::string();
}

void Document::install_analysis(std::uint64_t revision, std::shared_ptr<const AnalysisResult> result, std::exception_ptr error) {
    if (error) {
        analysis_exception_ = error;
        analysis_error_revision_ = revision;
        return;
    }
    if (analysis_ && revision < analysis_revision_) return;  // an older state than the one shown
    analysis_ = std::move(result);
    analysis_revision_ = revision;
    analysis_exception_ = nullptr;
}

bool Document::analysis_current() const { return analysis_ && analysis_revision_ >= figures_revision_; }

void Document::request_engine() {
    if (engine_ || engine_asked_) return;
    if (engine_error_ && engine_error_revision_ >= rebuilt_at_) return;  // fails again until the inputs change
    engine_asked_ = true;
    worker_->want_engine();
}

void Document::install_engine(std::uint64_t revision, std::shared_ptr<CoverageEngine> engine, std::exception_ptr error) {
    engine_asked_ = false;
    if (error) {
        engine_error_ = error;
        engine_error_revision_ = revision;
        journal_.clear();
        return;
    }
    if (revision < rebuilt_at_) {  // built before an edit it cannot follow: again
        journal_.clear();
        request_engine();
        return;
    }
    try {
        for (const auto& j : journal_)
            if (j.revision > revision)
                for (const auto& c : j.changes) engine->apply(c);
    } catch (...) {
        journal_.clear();
        request_engine();
        return;
    }
    journal_.clear();
    engine_ = std::move(engine);
    engine_error_ = nullptr;
}

std::string Document::analysis_crs() const {
    if (engine_) return engine_->analysis_crs();
    if (analysis_) return analysis_->provenance.analysis_crs;
    return {};
}

void Document::finish_work() {
    const std::uint64_t barrier = next_ticket_++;
    worker_->send(Barrier{barrier});
    wait_for(barrier);
    auto analysis_pending = [&] {
        return analysis_asked_for_ == figures_revision_ && !analysis_current() &&
               !(analysis_exception_ && analysis_error_revision_ >= figures_revision_);
    };
    while (analysis_pending() || engine_asked_) {
        results_.wait();
        poll();
    }
}

// ---- blocking access ----------------------------------------------------------------------------

const CoverageEngine& Document::engine() {
    while (!engine_) {
        if (engine_error_ && engine_error_revision_ >= rebuilt_at_) std::rethrow_exception(engine_error_);
        request_engine();
        results_.wait();
        poll();
    }
    return *engine_;
}

const AnalysisResult& Document::analysis() {
    while (!analysis_current()) {
        if (analysis_exception_ && analysis_error_revision_ >= figures_revision_) std::rethrow_exception(analysis_exception_);
        request_analysis();
        results_.wait();
        poll();
    }
    return *analysis_;
}

// ---- edits --------------------------------------------------------------------------------------

void Document::apply_to_engine(const std::vector<FeatureChange>& changes, std::vector<WhatIfResult>* out) {
    try {
        for (const auto& c : changes) {
            auto r = engine_->apply(c);
            if (out) out->push_back(std::move(r));
        }
    } catch (...) {
        // The engine may be half-updated: built again when next asked for.
        engine_.reset();
        rebuilt_at_ = revision_;
        throw;
    }
}

void Document::touched(const Command& c, std::vector<FeatureChange> changes, std::vector<WhatIfResult>* out) {
    ++revision_;
    std::uint32_t mask = 0;
    for (DocLayer l : c.layers()) {
        layer_revision_[std::size_t(l)] = revision_;
        mask |= 1u << unsigned(l);
    }
    // Slides and context layers change no figure: current figures stay current.
    const bool figures = (mask & ~((1u << unsigned(DocLayer::Views)) | (1u << unsigned(DocLayer::Context)))) != 0;
    if (figures) figures_revision_ = revision_;
    const bool rebuild = c.needs_engine_rebuild();
    if (selection_ && !exists(*selection_)) selection_.reset();

    // The worker's copy first (only the layers that changed), so it never misses an edit.
    ProjectDelta delta;
    delta.revision = revision_;
    delta.layers = mask;
    copy_layers(project_, delta.parts, mask);
    delta.changes = changes;
    delta.rebuild = rebuild;
    delta.figures = figures;
    worker_->send(std::move(delta));

    // Then this thread's engine: follows incrementally, or is built again when next asked for.
    if (rebuild) {
        engine_.reset();
        journal_.clear();
        rebuilt_at_ = revision_;
    } else if (engine_) {
        apply_to_engine(changes, out);
    } else if (engine_asked_ && !changes.empty()) {
        journal_.push_back({revision_, std::move(changes)});
    }
}

std::vector<WhatIfResult> Document::execute(CommandPtr command) {
    if (!command) throw std::invalid_argument("Document::execute: null command");
    auto changes = command->service_changes(project_);
    command->apply(project_);
    history_.resize(done_);
    serials_.resize(done_);
    history_.push_back(std::move(command));
    serials_.push_back(next_serial_++);
    ++done_;
    std::vector<WhatIfResult> out;
    touched(*history_.back(), std::move(changes), &out);
    return out;
}

void Document::undo() {
    if (!can_undo()) return;
    Command& c = *history_[done_ - 1];
    auto changes = c.service_changes(project_);
    c.revert(project_);
    --done_;
    touched(c, reversed(std::move(changes)), nullptr);
}

void Document::redo() {
    if (!can_redo()) return;
    Command& c = *history_[done_];
    auto changes = c.service_changes(project_);
    c.apply(project_);
    ++done_;
    touched(c, std::move(changes), nullptr);
}

std::vector<WhatIfResult> Document::what_if(const Command& command) {
    std::vector<WhatIfResult> out;
    for (const auto& ch : command.service_changes(project_)) out.push_back(engine().what_if(ch));
    return out;
}

WhatIfResult Document::what_if_add(const Initiative& initiative) {
    auto sf = service_feature(initiative);
    if (!sf) return WhatIfResult{"initiatives"};
    return engine().what_if(FeatureChange{std::nullopt, std::move(sf)});
}

WhatIfResult Document::what_if_add(const Facility& facility) {
    auto sf = service_feature(project_, facility);
    if (!sf) return WhatIfResult{facility.type};
    return engine().what_if(FeatureChange{std::nullopt, std::move(sf)});
}

std::vector<WhatIfResult> Document::what_if_move(const FeatureRef& ref, double dlon, double dlat) {
    switch (ref.layer) {
        case DocLayer::Initiatives: return what_if(*move_initiative(project_, ref.id, dlon, dlat));
        case DocLayer::Facilities: return what_if(*move_facility(project_, ref.id, dlon, dlat));
        default: return {};
    }
}

bool Document::exists(const FeatureRef& ref) const {
    switch (ref.layer) {
        case DocLayer::Initiatives: return find_initiative(project_, ref.id) >= 0;
        case DocLayer::Facilities: return find_facility(project_, ref.id) >= 0;
        case DocLayer::Zones: return find_zone(project_, ref.id) >= 0;
        default: return false;
    }
}

}  // namespace pc
