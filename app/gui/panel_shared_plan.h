#pragma once
// The shared plan in the map application (geo/plan): File > Open shared plan checks out a working
// copy (a project GeoPackage) and opens it; File > Sync with shared plan sends its edits and brings
// everyone else's, showing conflicts side by side (base, mine, theirs) for the planner to pick; the
// database's refusals are shown as it words them; History lists the selected feature's versions
// (who, which OPD, when, what changed) and restores one. Server work runs off the frame thread.
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "geo/plan/history.h"
#include "geo/plan/sync.h"

namespace pc {
class Document;
}

namespace pc::gui {

struct UiState;

struct SharedPlanPanels {
    SharedPlanPanels() = default;
    SharedPlanPanels(const SharedPlanPanels&) = delete;
    SharedPlanPanels& operator=(const SharedPlanPanels&) = delete;
    // A job still running writes into these members: it finishes before they go.
    ~SharedPlanPanels() {
        if (running.valid()) running.wait();
    }

    // File > Open shared plan.
    bool request_open_dialog = false;
    std::string uri_input;           // postgresql://user@host/db?schema=NAME (password from PGPASSWORD / .pgpass)
    std::string working_copy_input;  // where the working copy is written

    // The working copy the document is (cached per path).
    std::string info_for;
    std::optional<plan::WorkingCopyInfo> info;

    // One server job at a time, off the frame thread.
    enum class Job { None, Checkout, Sync, History, Restore };
    Job job = Job::None;
    std::string job_label;
    std::future<void> running;
    // What the job left (read on the frame thread once `running` is ready).
    std::string job_error;
    bool job_refused = false;
    plan::SyncResult sync_result;
    std::vector<plan::HistoryEntry> history_result;

    // Sync conflicts: one pick per field row (true = mine).
    std::vector<plan::Conflict> conflicts;
    std::vector<std::vector<bool>> pick_mine;
    bool show_conflicts = false;

    // The database refused / the server failed.
    std::string error;
    bool request_error_popup = false;

    // History of one feature.
    plan::FeatureKey history_key;
    std::string history_label;
    std::vector<plan::HistoryEntry> history;
    bool show_history = false;

    // Where the last frame drew the dialogs' buttons (screen coordinates), for window tests.
    ImVec2 open_button{}, sync_picks_button{}, error_ok_button{}, history_button{};
    std::vector<ImVec2> theirs_radio;  // per conflict field row, in order
};

SharedPlanPanels& shared_plan_panels(UiState& ui);

// The shared-plan items of the File menu.
void draw_shared_plan_menu(Document& doc, UiState& ui);
// Its dialogs and windows; finishes server jobs (a finished checkout or sync sets ui.open_path).
void draw_shared_plan_windows(Document& doc, UiState& ui);
// A "History" button for the selected initiative or facility when the document is a working copy
// (nothing otherwise).
void draw_shared_plan_history_button(Document& doc, UiState& ui);

// Starts a sync of the document's working copy (saved first when it has unsaved edits).
void start_sync(Document& doc, UiState& ui, std::vector<plan::Resolution> resolutions = {});
// Whether a server job is running.
bool shared_plan_busy(UiState& ui);

}  // namespace pc::gui
