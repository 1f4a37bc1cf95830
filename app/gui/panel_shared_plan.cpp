// The shared plan's menu items, dialogs and windows (panel_shared_plan.h). The server work (checkout,
// sync, history, restore) runs in a std::async task; the frame thread only draws and, once the task
// is ready, takes its result.
#include "panel_shared_plan.h"

#include <chrono>
#include <filesystem>

#include <imgui_stdlib.h>

#include "error_report.h"
#include "geo/doc/document.h"
#include "geo/plan/plan.h"
#include "render/i18n.h"
#include "panels.h"

namespace pc::gui {
namespace {

namespace fs = std::filesystem;

// The working copy's default place: beside the open project, or in the home folder.
std::string default_working_copy(const Document& doc, const std::string& uri) {
    std::string name = "shared_plan";
    try {
        const plan::PlanLocation loc = plan::parse_plan_uri(uri);
        name = loc.database() + "_" + loc.schema;
    } catch (const std::exception&) {
    }
    fs::path folder = doc.path().empty() ? fs::path(std::getenv("HOME") ? std::getenv("HOME") : ".") : fs::path(doc.path()).parent_path();
    return (folder / (name + ".gpkg")).string();
}

const std::optional<plan::WorkingCopyInfo>& working_copy(SharedPlanPanels& sp, const Document& doc) {
    if (sp.info_for != doc.path()) {
        sp.info_for = doc.path();
        sp.info.reset();
        if (!doc.path().empty()) {
            try {
                sp.info = plan::working_copy_info(doc.path());
            } catch (const std::exception&) {
                sp.info.reset();  // not readable as a working copy: a plain project
            }
        }
    }
    return sp.info;
}

// Runs `work` off the frame thread; errors land in job_error (refusals flagged).
template <class F>
void start_job(SharedPlanPanels& sp, SharedPlanPanels::Job job, std::string label, F work) {
    sp.job = job;
    sp.job_label = std::move(label);
    sp.job_error.clear();
    sp.job_refused = false;
    SharedPlanPanels* p = &sp;
    sp.running = std::async(std::launch::async, [p, work]() {
        try {
            work(*p);
        } catch (const plan::Refused& e) {
            p->job_refused = true;
            p->job_error = e.what();
        } catch (const std::exception& e) {
            p->job_error = e.what();
        }
    });
}

std::string conflict_kind_text(const plan::Conflict& k) {
    switch (k.kind) {
        case plan::Conflict::Kind::Fields: return tr("changed here and on the server");
        case plan::Conflict::Kind::EditedDeleted: return tr("changed here, deleted on the server");
        case plan::Conflict::Kind::DeletedEdited: return tr("deleted here, changed on the server");
    }
    return "";
}

void show_error(SharedPlanPanels& sp, const std::string& message) {
    sp.error = message;
    sp.request_error_popup = true;
}

// Takes a finished job's result (frame thread).
void finish_job(Document& doc, UiState& ui, SharedPlanPanels& sp) {
    if (sp.job == SharedPlanPanels::Job::None || !sp.running.valid()) return;
    if (sp.running.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    sp.running.get();
    const SharedPlanPanels::Job job = sp.job;
    sp.job = SharedPlanPanels::Job::None;
    if (!sp.job_error.empty()) {
        show_error(sp, (sp.job_refused ? std::string(tr("The shared plan refused the change")) : std::string(tr("Shared plan"))) +
                           ":\n" + sp.job_error);
        return;
    }
    switch (job) {
        case SharedPlanPanels::Job::Checkout:
            ui.open_path = sp.working_copy_input;
            sp.info_for.clear();
            break;
        case SharedPlanPanels::Job::Sync: {
            const plan::SyncResult& r = sp.sync_result;
            if (!r.conflicts.empty()) {
                sp.conflicts = r.conflicts;
                sp.pick_mine.clear();
                for (const plan::Conflict& k : sp.conflicts)
                    sp.pick_mine.emplace_back(k.kind == plan::Conflict::Kind::Fields ? k.fields.size() : 1, true);
                sp.show_conflicts = true;
                show_status(ui, std::to_string(r.conflicts.size()) + " " + tr("conflicts: nothing was sent; pick a side for each"));
                break;
            }
            sp.conflicts.clear();
            sp.show_conflicts = false;
            show_status(ui, std::string(tr("Synced")) + ": " + std::to_string(r.inserted + r.updated + r.deleted) + " " +
                                tr("sent") + ", " + std::to_string(r.pulled + r.removed) + " " + tr("received") + " (" +
                                tr("revision") + " " + std::to_string(r.revision) + ")");
            ui.open_path = doc.path();  // the working copy changed under the document: read it again
            sp.info_for.clear();
            break;
        }
        case SharedPlanPanels::Job::History:
            sp.history = std::move(sp.history_result);
            sp.show_history = true;
            break;
        case SharedPlanPanels::Job::Restore:
            // The restored version is on the server: bring it into the working copy.
            start_sync(doc, ui);
            break;
        case SharedPlanPanels::Job::None: break;
    }
}

// Returns a working copy to open as it is ("" for none).
std::string draw_open_dialog(Document& doc, SharedPlanPanels& sp) {
    std::string open_existing;
    if (sp.request_open_dialog) {
        ImGui::OpenPopup("openplan###openplan");
        sp.request_open_dialog = false;
    }
    if (!ImGui::BeginPopupModal((std::string(tr("Open shared plan")) + "###openplan").c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize))
        return open_existing;
    ImGui::TextUnformatted(tr("The plan on a PostgreSQL server: postgresql://user@host/database?schema=NAME"));
    ImGui::TextDisabled("%s", tr("The password comes from PGPASSWORD or ~/.pgpass, never from the project file."));
    ImGui::SetNextItemWidth(640);
    const bool uri_changed = ImGui::InputText("##planuri", &sp.uri_input);
    if (uri_changed) sp.working_copy_input = default_working_copy(doc, sp.uri_input);
    ImGui::TextUnformatted(tr("Working copy (edited offline, synced later)"));
    ImGui::SetNextItemWidth(640);
    ImGui::InputText("##workingcopy", &sp.working_copy_input);
    const bool ready = plan::is_plan_uri(sp.uri_input) && !sp.working_copy_input.empty() && sp.job == SharedPlanPanels::Job::None;
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(tr("Open"))) {
        const std::string uri = sp.uri_input, path = sp.working_copy_input;
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            start_job(sp, SharedPlanPanels::Job::Checkout, tr("Checking out the shared plan"),
                      [uri, path](SharedPlanPanels&) { plan::checkout(plan::parse_plan_uri(uri), path); });
        } else {
            // Never written over: a working copy of this plan is opened as it is (its edits not yet
            // synced stay), anything else is refused.
            std::optional<plan::WorkingCopyInfo> existing;
            try {
                existing = plan::working_copy_info(path);
            } catch (const std::exception&) {
            }
            try {
                const plan::PlanLocation want = plan::parse_plan_uri(uri);
                if (existing && existing->plan.schema == want.schema && existing->plan.database() == want.database())
                    open_existing = path;
                else
                    show_error(sp, path + ": " + tr("exists and is not a working copy of this plan: choose another file"));
            } catch (const std::exception& e) {
                show_error(sp, e.what());
            }
        }
        ImGui::CloseCurrentPopup();
    }
    sp.open_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                            (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel"))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return open_existing;
}

void draw_conflicts(Document& doc, UiState& ui, SharedPlanPanels& sp) {
    if (!sp.show_conflicts) return;
    ImGui::SetNextWindowSize(ImVec2(900, 420), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin((std::string(tr("Sync conflicts")) + "###syncconflicts").c_str(), &sp.show_conflicts)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("%s", tr("The server changed these fields too, differently. Nothing was sent: pick what the plan keeps, "
                                "then sync again."));
    sp.theirs_radio.clear();
    if (ImGui::BeginTable("conflicts", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("Feature"));
        ImGui::TableSetupColumn(tr("Field"));
        ImGui::TableSetupColumn(tr("Base"));
        ImGui::TableSetupColumn(tr("Mine (here)"));
        ImGui::TableSetupColumn(tr("Theirs (server)"));
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < sp.conflicts.size(); ++i) {
            const plan::Conflict& k = sp.conflicts[i];
            const bool whole = k.kind != plan::Conflict::Kind::Fields;
            const std::size_t rows = whole ? 1 : k.fields.size();
            for (std::size_t f = 0; f < rows; ++f) {
                ImGui::PushID(int(i * 1000 + f));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (f == 0) {
                    ImGui::TextWrapped("%s", k.label.c_str());
                    ImGui::TextDisabled("%s", conflict_kind_text(k).c_str());
                    ImGui::TextDisabled("%s %s (%s), %s", tr("server:"), k.theirs_by.c_str(), k.theirs_opd.c_str(), k.theirs_at.c_str());
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(whole ? tr("(whole feature)") : k.fields[f].field.c_str());
                const plan::FieldConflict* fc = f < k.fields.size() ? &k.fields[f] : nullptr;
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", fc ? fc->base.c_str() : "");
                bool mine = sp.pick_mine[i][f];
                ImGui::TableNextColumn();
                if (ImGui::RadioButton("##mine", mine)) sp.pick_mine[i][f] = true;
                ImGui::SameLine();
                ImGui::TextWrapped("%s", whole ? (k.kind == plan::Conflict::Kind::DeletedEdited ? tr("(deleted)") : tr("(kept)"))
                                               : fc->mine.c_str());
                ImGui::TableNextColumn();
                if (ImGui::RadioButton("##theirs", !mine)) sp.pick_mine[i][f] = false;
                sp.theirs_radio.push_back(ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                                                 (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2));
                ImGui::SameLine();
                ImGui::TextWrapped("%s", whole ? (k.kind == plan::Conflict::Kind::EditedDeleted ? tr("(deleted)") : tr("(kept)"))
                                               : fc->theirs.c_str());
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    ImGui::BeginDisabled(sp.job != SharedPlanPanels::Job::None);
    if (ImGui::Button(tr("Sync with these picks"))) {
        std::vector<plan::Resolution> picks;
        for (std::size_t i = 0; i < sp.conflicts.size(); ++i) {
            const plan::Conflict& k = sp.conflicts[i];
            const bool whole = k.kind != plan::Conflict::Kind::Fields;
            for (std::size_t f = 0; f < sp.pick_mine[i].size(); ++f)
                picks.push_back({k.feature, whole ? std::string() : k.fields[f].field,
                                 sp.pick_mine[i][f] ? plan::Side::Mine : plan::Side::Theirs, k.theirs_version});
        }
        start_sync(doc, ui, std::move(picks));
    }
    sp.sync_picks_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                                  (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    ImGui::EndDisabled();
    ImGui::End();
}

void draw_history(Document& doc, UiState& ui, SharedPlanPanels& sp) {
    if (!sp.show_history) return;
    ImGui::SetNextWindowSize(ImVec2(900, 380), ImGuiCond_FirstUseEver);
    const std::string title = std::string(tr("History")) + ": " + sp.history_label + "###planhistory";
    if (!ImGui::Begin(title.c_str(), &sp.show_history)) {
        ImGui::End();
        return;
    }
    if (ImGui::BeginTable("history", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("Version"));
        ImGui::TableSetupColumn(tr("When (UTC)"));
        ImGui::TableSetupColumn(tr("Who"));
        ImGui::TableSetupColumn(tr("OPD"));
        ImGui::TableSetupColumn(tr("Changed"));
        ImGui::TableSetupColumn("");
        ImGui::TableHeadersRow();
        for (const plan::HistoryEntry& e : sp.history) {
            ImGui::PushID(int(e.version));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld %s", static_cast<long long>(e.version), e.op.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.changed_at.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.changed_by.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.opd.c_str());
            ImGui::TableNextColumn();
            std::string fields;
            for (auto& f : e.changed_fields) fields += (fields.empty() ? "" : ", ") + f;
            ImGui::TextWrapped("%s", fields.c_str());
            if (ImGui::IsItemHovered() && !e.after.empty()) ImGui::SetTooltip("%s\n\n%s", e.before.c_str(), e.after.c_str());
            ImGui::TableNextColumn();
            if (e.op != "delete") {
                ImGui::BeginDisabled(sp.job != SharedPlanPanels::Job::None || doc.dirty());
                if (ImGui::SmallButton(tr("Restore"))) {
                    const plan::PlanLocation loc = sp.info->plan;
                    const plan::FeatureKey key = sp.history_key;
                    const std::int64_t v = e.version;
                    start_job(sp, SharedPlanPanels::Job::Restore, tr("Restoring a version"),
                              [loc, key, v](SharedPlanPanels&) { plan::restore_version(loc, key, v); });
                    sp.show_history = false;
                }
                ImGui::EndDisabled();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    (void)ui;
    ImGui::End();
}

void draw_error(SharedPlanPanels& sp) {
    if (sp.request_error_popup) {
        ImGui::OpenPopup("planerror###planerror");
        sp.request_error_popup = false;
    }
    ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(760, 600));
    if (!ImGui::BeginPopupModal((std::string(tr("Shared plan")) + "###planerror").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::PushTextWrapPos(720);
    ImGui::TextUnformatted(sp.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s", tr("Your edits stay in the working copy."));
    if (ImGui::Button(tr("OK"))) ImGui::CloseCurrentPopup();
    sp.error_ok_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                                (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    ImGui::EndPopup();
}

}  // namespace

SharedPlanPanels& shared_plan_panels(UiState& ui) {
    if (!ui.plan) ui.plan = std::make_shared<SharedPlanPanels>();
    return *ui.plan;
}

bool shared_plan_busy(UiState& ui) { return shared_plan_panels(ui).job != SharedPlanPanels::Job::None; }

void start_sync(Document& doc, UiState& ui, std::vector<plan::Resolution> resolutions) {
    SharedPlanPanels& sp = shared_plan_panels(ui);
    if (!working_copy(sp, doc) || sp.job != SharedPlanPanels::Job::None) return;
    if (doc.dirty()) {
        // Sync sends what is in the file: the edits are written first, here and now (a working copy
        // of a district saves in well under a second), not by the background save, which the sync
        // would not wait for.
        try {
            doc.save_as(doc.path());
        } catch (const std::exception& e) {
            report_error(ui, explain_error(FailedAction::Save, doc.path(), e.what()));
            return;
        }
    }
    const std::string path = doc.path();
    start_job(sp, SharedPlanPanels::Job::Sync, tr("Syncing with the shared plan"),
              [path, resolutions = std::move(resolutions)](SharedPlanPanels& p) {
                  plan::SyncOptions o;
                  o.resolutions = resolutions;
                  o.client = "petacerdas-gui";
                  p.sync_result = plan::sync(path, o);
              });
}

void draw_shared_plan_menu(Document& doc, UiState& ui) {
    SharedPlanPanels& sp = shared_plan_panels(ui);
    const bool busy = sp.job != SharedPlanPanels::Job::None;
    if (ImGui::MenuItem(tr("Open shared plan..."), nullptr, false, !busy)) {
        if (sp.working_copy_input.empty()) sp.working_copy_input = default_working_copy(doc, sp.uri_input);
        sp.request_open_dialog = true;
    }
    if (ImGui::MenuItem(tr("Sync with shared plan"), nullptr, false, !busy && working_copy(sp, doc).has_value())) start_sync(doc, ui);
}

void draw_shared_plan_history_button(Document& doc, UiState& ui) {
    SharedPlanPanels& sp = shared_plan_panels(ui);
    const auto& sel = doc.selection();
    if (!sel || !working_copy(sp, doc) || (sel->layer != DocLayer::Initiatives && sel->layer != DocLayer::Facilities)) return;
    ImGui::BeginDisabled(sp.job != SharedPlanPanels::Job::None);
    if (ImGui::Button(trid("History").c_str())) {
        sp.history_key = {sel->layer == DocLayer::Initiatives ? "initiatives" : "facilities", sel->id};
        sp.history_label = sel->id;
        const Project& p = doc.project();
        if (sel->layer == DocLayer::Initiatives) {
            if (long i = find_initiative(p, sel->id); i >= 0) sp.history_label = p.initiatives[std::size_t(i)].name;
        } else if (long i = find_facility(p, sel->id); i >= 0) {
            sp.history_label = p.facilities[std::size_t(i)].name;
        }
        const plan::PlanLocation loc = sp.info->plan;
        const plan::FeatureKey key = sp.history_key;
        start_job(sp, SharedPlanPanels::Job::History, tr("Reading the history"),
                  [loc, key](SharedPlanPanels& p) { p.history_result = plan::feature_history(loc, key); });
    }
    sp.history_button = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                               (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    ImGui::EndDisabled();
}

void draw_shared_plan_windows(Document& doc, UiState& ui) {
    SharedPlanPanels& sp = shared_plan_panels(ui);
    finish_job(doc, ui, sp);
    if (std::string existing = draw_open_dialog(doc, sp); !existing.empty()) {
        ui.open_path = existing;
        sp.info_for.clear();
    }
    draw_conflicts(doc, ui, sp);
    draw_history(doc, ui, sp);
    draw_error(sp);
    if (sp.job != SharedPlanPanels::Job::None) {
        ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, 60), ImGuiCond_Always, ImVec2(0.5f, 0));
        ImGui::Begin("##planjob", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                               ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::Text("%s ...", sp.job_label.c_str());
        ImGui::End();
    }
}

}  // namespace pc::gui
