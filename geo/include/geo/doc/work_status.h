#pragma once
// What a document's background work is doing, for views to show (progress bars, "recomputing"), and
// what it finished (saved, autosaved, failed), for views to report.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace pc {

enum class WorkKind : std::uint8_t {
    Idle,
    Load,      // reading a project or a district file
    Engine,    // preparing the coverage engine (projection, repair, indexes)
    Analysis,  // the full analysis
    Save,
    Autosave,
};
const char* to_key(WorkKind k);  // "idle", "load", "engine", "analysis", "save", "autosave"

struct WorkStatus {
    WorkKind kind = WorkKind::Idle;
    double fraction = 0;  // 0..1 of the current piece of work (coarse: the engine reports few steps)
    std::string step;     // the engine's step name ("preparing", "analysing", "initiatives" ...)
    double seconds = 0;   // since the current piece of work began
    bool busy() const { return kind != WorkKind::Idle; }
};

// A piece of background work that finished (the views word it in their language).
struct WorkNotice {
    WorkKind kind = WorkKind::Idle;
    bool ok = true;
    std::string path;   // the file written or read
    std::string error;  // when !ok
};

// The status one worker writes and the frame thread reads (thread-safe, cheap).
class ProgressBoard {
public:
    void begin(WorkKind kind, const char* step = "") {
        std::lock_guard lock(m_);
        s_ = WorkStatus{kind, 0, step, 0};
        started_ = std::chrono::steady_clock::now();
    }
    void report(double fraction, const char* step) {
        std::lock_guard lock(m_);
        s_.fraction = fraction;
        s_.step = step ? step : "";
    }
    void end() {
        std::lock_guard lock(m_);
        s_ = WorkStatus{};
    }
    WorkStatus get() const {
        std::lock_guard lock(m_);
        WorkStatus s = s_;
        if (s.busy()) s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        return s;
    }

private:
    mutable std::mutex m_;
    WorkStatus s_;
    std::chrono::steady_clock::time_point started_{};
};

}  // namespace pc
