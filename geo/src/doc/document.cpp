#include "geo/doc/document.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "geo/io/project_file.h"

namespace pc {

Document::Document(Project project, std::string path, AnalysisOptions options)
    : project_(std::move(project)), path_(std::move(path)), options_(std::move(options)), saved_at_(0) {}

Document::~Document() = default;

std::unique_ptr<Document> Document::open(const std::string& path, AnalysisOptions options) {
    return std::make_unique<Document>(load_project(path), path, std::move(options));
}

void Document::save() {
    if (path_.empty()) throw std::logic_error("the document has no file yet: use save_as");
    save_as(path_);
}

void Document::save_as(const std::string& path) {
    const AnalysisResult& metrics = analysis();
    const std::string old_autosave = autosave_path();
    save_project(project_, path, &metrics);
    path_ = path;
    saved_at_ = done_;
    // The saved file now holds everything the autosaves held.
    if (!old_autosave.empty()) discard_autosave(old_autosave);
    discard_autosave(autosave_path());
    autosaved_revision_ = revision_;
    autosave_written_ = false;
}

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
    // Written beside and renamed, so a crash while writing leaves the previous autosave intact.
    const std::string tmp = target + ".tmp.gpkg";
    discard_autosave(tmp);
    try {
        save_project(project_, tmp, nullptr);
        std::filesystem::rename(tmp, target);
    } catch (...) {
        discard_autosave(tmp);
        throw;
    }
    autosaved_revision_ = revision_;
    autosave_written_ = true;
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
    doc->saved_at_.reset();  // dirty until saved
    return doc;
}

void Document::discard_autosave(const std::string& autosave) {
    if (autosave.empty()) return;
    std::error_code ec;
    std::filesystem::remove(autosave, ec);
}

bool Document::dirty() const { return !saved_at_ || *saved_at_ != done_; }

const CoverageEngine& Document::engine() {
    if (!engine_ || engine_stale_) {
        engine_.reset();
        engine_ = std::make_unique<CoverageEngine>(project_, options_);
        engine_stale_ = false;
    }
    return *engine_;
}

const AnalysisResult& Document::analysis() {
    if (!analysis_current()) {
        const CoverageEngine& e = engine();
        analysis_ = e.run(project_);
        analysis_revision_ = revision_;
    }
    return *analysis_;
}

void Document::apply_to_engine(const std::vector<FeatureChange>& changes, bool reverse, std::vector<WhatIfResult>* out) {
    // An engine not built yet is built later from the edited project: nothing to follow.
    if (!engine_ || engine_stale_) return;
    try {
        if (!reverse) {
            for (const auto& c : changes) {
                auto r = engine_->apply(c);
                if (out) out->push_back(std::move(r));
            }
        } else {
            for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
                auto r = engine_->apply(FeatureChange{it->after, it->before});
                if (out) out->push_back(std::move(r));
            }
        }
    } catch (...) {
        // The engine may be half-updated: rebuild it from the project when next asked.
        engine_stale_ = true;
        throw;
    }
}

void Document::touched(const Command& c) {
    const bool analysis_was_current = analysis_current();
    ++revision_;
    for (DocLayer l : c.layers()) layer_revision_[std::size_t(l)] = revision_;
    // Slides change no figure: a current analysis stays current.
    if (analysis_was_current && c.layers() == std::vector<DocLayer>{DocLayer::Views}) analysis_revision_ = revision_;
    if (c.needs_engine_rebuild()) engine_stale_ = true;
    if (selection_ && !exists(*selection_)) selection_.reset();
}

std::vector<WhatIfResult> Document::execute(CommandPtr command) {
    if (!command) throw std::invalid_argument("Document::execute: null command");
    auto changes = command->service_changes(project_);
    command->apply(project_);
    history_.resize(done_);
    if (saved_at_ && *saved_at_ > done_) saved_at_.reset();  // the saved state can no longer be reached
    history_.push_back(std::move(command));
    ++done_;
    const Command& c = *history_.back();
    touched(c);
    std::vector<WhatIfResult> out;
    if (!c.needs_engine_rebuild()) apply_to_engine(changes, false, &out);
    return out;
}

void Document::undo() {
    if (!can_undo()) return;
    Command& c = *history_[done_ - 1];
    auto changes = c.service_changes(project_);
    c.revert(project_);
    --done_;
    touched(c);
    if (!c.needs_engine_rebuild()) apply_to_engine(changes, true, nullptr);
}

void Document::redo() {
    if (!can_redo()) return;
    Command& c = *history_[done_];
    auto changes = c.service_changes(project_);
    c.apply(project_);
    ++done_;
    touched(c);
    if (!c.needs_engine_rebuild()) apply_to_engine(changes, false, nullptr);
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
