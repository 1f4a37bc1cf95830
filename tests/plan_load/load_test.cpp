// The shared plan under load: 8 client processes (OPD planners and the coordinator, several per OPD
// so that they collide) make 10,000 random edits of initiatives in their working copies — adds,
// moves, attribute edits, deletes — and sync them, two of them offline for hundreds of edits at a
// time; some syncs are SIGKILLed (right before COMMIT, or at a random moment). Every change set a
// client sends is logged by the client (before COMMIT, tagged with the attempt) to a file of its
// own. Afterwards the server's list of committed change sets picks the accepted operations from
// those logs, and:
//   - replaying them in commit order on the published state gives exactly the server's state;
//   - no accepted write changed a field away from a value the writer had not seen (its base)
//     unless the planner had picked it in a conflict shown to them: no lost update, every conflict
//     surfaced;
//   - every edit a client made is on the server after its sync, or was shown in a conflict and
//     given up by the planner, or changed later by someone else;
//   - analyze on the plan equals analyze on a GeoPackage export of it.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "geo/io/project_file.h"
#include "geo/uuid.h"
#include "plan/rows.h"
#include "plan_env.h"
#include "store/gpkg_geometry.h"

using namespace pc;
using namespace pc::test;

namespace {

constexpr int kClients = 8;
constexpr int kEdits = 10000;

struct ClientSpec {
    std::string tag, as;  // login tag, plan role (OPD or coordinator)
    bool offline = false;
};
const ClientSpec kSpecs[kClients] = {
    {"c0", "coordinator"}, {"c1", "Dinkes"}, {"c2", "Dinkes"},    {"c3", "Diskominfo", true},
    {"c4", "Diskominfo"},  {"c5", "Disdik"}, {"c6", "Disdik", true}, {"c7", "Dinkes"},
};

// --- the clients' log: one line per item, values hex-encoded ----------------------------------------

std::string hex(std::string_view bytes) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += d[b >> 4];
        out += d[b & 15];
    }
    return out.empty() ? "-" : out;
}
std::string unhex(const std::string& h) {
    std::string out;
    if (h == "-") return out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out += char(std::stoi(h.substr(i, 2), nullptr, 16));
    return out;
}
std::string encode(const FieldValue& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return "I" + std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return "D" + hex(std::string_view(reinterpret_cast<const char*>(d), 8));
    if (auto* s = std::get_if<std::string>(&v)) return "S" + hex(*s);
    return "N";
}
FieldValue decode(const std::string& e) {
    switch (e[0]) {
        case 'I': return std::int64_t(std::stoll(e.substr(1)));
        case 'D': {
            double d;
            std::memcpy(&d, unhex(e.substr(1)).data(), 8);
            return d;
        }
        case 'S': return unhex(e.substr(1));
        default: return {};
    }
}

// Appended with one write(): a line is whole or absent even when the process is killed.
void append_log(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == ssize_t(text.size()));
    ::close(fd);
}

std::string log_text(const plan::ChangeSetLog& log, const std::string& attempt) {
    std::ostringstream o;
    for (const plan::WrittenFeature& w : log.writes) {
        o << "W " << log.id << ' ' << attempt << ' ' << int(w.op) << ' ' << w.feature.layer << ' ' << w.feature.key << ' '
          << w.fields.size();
        for (const plan::WrittenField& f : w.fields)
            o << ' ' << f.field << ' ' << encode(f.value) << ' ' << encode(f.base) << ' ' << int(f.resolved_mine);
        o << '\n';
    }
    o << "C " << log.id << ' ' << attempt << ' ' << log.writes.size() << '\n';
    return o.str();
}

// --- a client ------------------------------------------------------------------------------------

struct ClientStats {
    int edits = 0, syncs = 0, killed = 0, conflicts = 0, conflict_fields = 0, unaccounted = 0, refused = 0;
};

class Client {
public:
    Client(int index, const PublishedPlan& plan, std::string uri, std::string wc, std::string log)
        : index_(index), spec_(kSpecs[index]), plan_(plan), uri_(std::move(uri)), wc_(std::move(wc)),
          log_(std::move(log)), rng_(std::uint64_t(index) * 7919 + 17) {}

    ClientStats run(int quota) {
        while (stats_.edits < quota) {
            const int batch = spec_.offline ? pick(80, 250) : pick(1, 25);
            {
                WorkingCopyEdit e(wc_);
                e.db().exec("BEGIN");
                for (int j = 0; j < batch && stats_.edits < quota; ++j, ++stats_.edits) edit(e);
                e.db().exec("COMMIT");
            }
            sync_until_clean();
        }
        sync_until_clean();
        return stats_;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    double unit() { return std::uniform_real_distribution<double>(0, 1)(rng_); }

    std::string any_own(WorkingCopyEdit& e) {
        const bool all = spec_.as == "coordinator";
        store::Stmt s(e.db(), std::string("SELECT uuid FROM initiatives") + (all ? "" : " WHERE opd = ?") +
                                  " ORDER BY random() LIMIT 1");
        if (!all) s.bind(1, spec_.as);
        return s.step() ? s.text(0) : "";
    }

    void note(const std::string& uuid, const std::string& field, const FieldValue& v) { pending_[{uuid, field}] = v; }

    void edit(WorkingCopyEdit& e) {
        const double r = unit();
        const std::string target = any_own(e);
        if (r < 0.15 || target.empty()) {
            const std::string id = uuid_from(rng_);
            const std::string opd = spec_.as == "coordinator" ? "Bappeda" : spec_.as;
            e.add(id, "Inisiatif " + spec_.tag + " " + std::to_string(stats_.edits), opd, 112.6 + unit() * 0.4,
                  -7.9 + unit() * 0.4, pick(1, 1000) * 1000000LL);
            note(id, "name", e.get(id, "name"));
            return;
        }
        if (r < 0.25) {
            e.remove(target);
            for (auto it = pending_.begin(); it != pending_.end();) it = it->first.first == target ? pending_.erase(it) : std::next(it);
            return;
        }
        if (r < 0.50) {
            e.move(target, 112.6 + unit() * 0.4, -7.9 + unit() * 0.4);
            note(target, "geom", e.get(target, "geom"));
            return;
        }
        static const char* kStatus[] = {"usulan", "rencana", "berjalan", "selesai"};
        const double f = unit();
        if (f < 0.5) {
            e.set(target, "budget_rp", std::int64_t(pick(1, 5000)) * 1000000LL);
            note(target, "budget_rp", e.get(target, "budget_rp"));
        } else if (f < 0.8) {
            e.set(target, "status", std::string(kStatus[pick(0, 3)]));
            note(target, "status", e.get(target, "status"));
        } else {
            e.set(target, "radius_m", double(pick(100, 3000)) + 0.25);
            note(target, "radius_m", e.get(target, "radius_m"));
        }
    }

    plan::SyncOptions options(const std::string& attempt, bool kill_before_commit) {
        plan::SyncOptions o;
        o.client = attempt;
        o.resolutions = resolutions_;
        const std::string log = log_;
        o.before_commit = [log, attempt, kill_before_commit](const plan::ChangeSetLog& l) {
            append_log(log, log_text(l, attempt));
            if (kill_before_commit) raise(SIGKILL);
        };
        return o;
    }

    // A sync in a child process that is killed: right before COMMIT, or at a random moment.
    void killed_sync(const std::string& attempt) {
        const bool before_commit = unit() < 0.5;
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                plan::sync(wc_, options(attempt, before_commit));
            } catch (...) {
            }
            _exit(0);
        }
        if (!before_commit) {
            usleep(useconds_t(pick(0, 120000)));
            kill(child, SIGKILL);
        }
        int status = 0;
        waitpid(child, &status, 0);
        ++stats_.killed;
    }

    void sync_until_clean() {
        const std::int64_t before = plan::working_copy_info(wc_)->revision;
        for (int round = 0; round < 30; ++round) {
            const std::string attempt = spec_.tag + "#" + std::to_string(++attempts_);
            if (round == 0 && unit() < 0.06) {
                killed_sync(attempt);
                continue;
            }
            plan::SyncResult r;
            try {
                r = plan::sync(wc_, options(attempt, false));
            } catch (const plan::Refused& e) {
                ++stats_.refused;
                std::fprintf(stderr, "client %s refused: %s\n", spec_.tag.c_str(), e.what());
                return;
            }
            ++stats_.syncs;
            if (r.conflicts.empty()) {
                account(before);
                resolutions_.clear();
                return;
            }
            for (const plan::Conflict& k : r.conflicts) {
                ++stats_.conflicts;
                std::vector<std::string> fields;
                if (k.kind == plan::Conflict::Kind::Fields)
                    for (auto& f : k.fields) fields.push_back(f.field);
                else
                    fields.push_back("");
                for (const std::string& f : fields) {
                    ++stats_.conflict_fields;
                    const plan::Side side = unit() < 0.5 ? plan::Side::Mine : plan::Side::Theirs;
                    resolutions_.push_back({k.feature, f, side, k.theirs_version});
                    if (side == plan::Side::Theirs) given_up_.insert({k.feature.key, f});
                }
            }
        }
        ++stats_.unaccounted;
        std::fprintf(stderr, "client %s could not finish a sync in 30 rounds\n", spec_.tag.c_str());
    }

    // Every edit since the last sync is in the working copy as the client made it (so on the
    // server), or was given up in a conflict, or its feature is gone, or someone changed it since.
    void account(std::int64_t before) {
        WorkingCopyEdit e(wc_);
        plan::PgConnection c = connect_as(plan_.schema + "_" + spec_.tag);
        for (auto& [key, value] : pending_) {
            const auto& [uuid, field] = key;
            if (e.table_of(uuid).empty()) continue;
            if (given_up_.count({uuid, field}) || given_up_.count({uuid, ""})) continue;
            const FieldValue now = e.get(uuid, field);
            if (field == "geom") {
                auto* a = std::get_if<std::string>(&now);
                auto* b = std::get_if<std::string>(&value);
                if (a && b && plan::same_geometry(*a, *b)) continue;
            } else if (plan::same_value(now, value)) {
                continue;
            }
            plan::PgResult later = c.exec("SELECT 1 FROM \"" + plan_.schema + "\".plan_history WHERE layer = 'initiatives' "
                                          "AND key = $1 AND revision > $2 AND changed_by <> current_user LIMIT 1",
                                          {uuid, std::to_string(before)});
            if (later.rows() > 0) continue;
            ++stats_.unaccounted;
            std::fprintf(stderr, "client %s: edit of %s %s lost\n", spec_.tag.c_str(), uuid.c_str(), field.c_str());
        }
        pending_.clear();
        given_up_.clear();
    }

    int index_;
    ClientSpec spec_;
    const PublishedPlan& plan_;
    std::string uri_, wc_, log_;
    std::mt19937_64 rng_;
    ClientStats stats_;
    int attempts_ = 0;
    std::vector<plan::Resolution> resolutions_;
    std::map<std::pair<std::string, std::string>, FieldValue> pending_;
    std::set<std::pair<std::string, std::string>> given_up_;
};

// --- the check -----------------------------------------------------------------------------------

struct LoggedField {
    std::string field;
    FieldValue value, base;
    bool resolved_mine = false;
};
struct LoggedWrite {
    int op = 0;  // WrittenFeature::Op
    std::string key;
    std::vector<LoggedField> fields;
};

using State = std::map<std::string, plan::Row>;  // uuid -> row (fields and geometry blob)

State server_state(const PublishedPlan& plan) {
    plan::PgConnection c = connect_as("petacerdas");
    const auto tables = plan::pg_tables(c, plan.schema);
    State out;
    for (const char* t : {"initiatives", "initiatives_line", "initiatives_polygon"}) {
        auto it = tables.find(t);
        if (it == tables.end()) continue;
        for (plan::Row& r : plan::read_pg_rows(c, plan.schema, it->second)) {
            const std::string uuid = std::get<std::string>(r.fields.at("uuid"));
            out[uuid] = std::move(r);
        }
    }
    return out;
}

FieldValue value_in(const plan::Row& r, const std::string& field) {
    if (field == "geom") {
        if (r.geometry_blob.empty()) return {};
        return std::string(store::gpkg_wkb(r.geometry_blob));
    }
    auto it = r.fields.find(field);
    return it == r.fields.end() ? FieldValue{} : it->second;
}

bool same_logged(const std::string& field, const FieldValue& a, const FieldValue& b) {
    if (field != "geom") return plan::same_value(a, b);
    auto blob = [](const FieldValue& v) {
        auto* s = std::get_if<std::string>(&v);
        return s ? store::gpkg_blob_of_wkb(*s, 4326) : std::string();
    };
    return plan::same_geometry(blob(a), blob(b));
}

}  // namespace

TEST_CASE("load: 8 clients, 10,000 random edits, killed syncs: no lost update, the server is the replay of the log", "[load]") {
    const auto started = std::chrono::steady_clock::now();
    PublishedPlan plan("load");
    std::vector<std::string> uris, wcs, logs;
    for (int i = 0; i < kClients; ++i) {
        uris.push_back(plan.login(kSpecs[i].tag, kSpecs[i].as));
        wcs.push_back(plan.dir / (kSpecs[i].tag + ".gpkg"));
        logs.push_back(plan.dir / (kSpecs[i].tag + ".log"));
        plan::checkout(plan::parse_plan_uri(uris.back()), wcs.back());
    }
    const State initial = server_state(plan);

    // The clients, each in a process of its own; stats come back through a file.
    std::vector<pid_t> pids;
    for (int i = 0; i < kClients; ++i) {
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int rc = 0;
            try {
                Client client(i, plan, uris[std::size_t(i)], wcs[std::size_t(i)], logs[std::size_t(i)]);
                const ClientStats s = client.run(kEdits / kClients);
                std::ofstream(plan.dir / (kSpecs[i].tag + ".stats"))
                    << s.edits << ' ' << s.syncs << ' ' << s.killed << ' ' << s.conflicts << ' ' << s.conflict_fields << ' '
                    << s.unaccounted << ' ' << s.refused << '\n';
                rc = (s.unaccounted || s.refused) ? 1 : 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "client %s: %s\n", kSpecs[i].tag.c_str(), e.what());
                rc = 2;
            } catch (...) {
                rc = 3;  // a failed Catch assertion inside the client
            }
            std::fflush(nullptr);
            _exit(rc);
        }
        pids.push_back(pid);
    }
    ClientStats total;
    for (int i = 0; i < kClients; ++i) {
        int status = 0;
        waitpid(pids[std::size_t(i)], &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        std::ifstream in(plan.dir / (kSpecs[i].tag + ".stats"));
        ClientStats s;
        in >> s.edits >> s.syncs >> s.killed >> s.conflicts >> s.conflict_fields >> s.unaccounted >> s.refused;
        total.edits += s.edits;
        total.syncs += s.syncs;
        total.killed += s.killed;
        total.conflicts += s.conflicts;
        total.conflict_fields += s.conflict_fields;
        total.unaccounted += s.unaccounted;
        total.refused += s.refused;
    }
    const double clients_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    // The accepted change sets, in commit order, and their logs.
    std::map<std::pair<std::string, std::string>, std::vector<LoggedWrite>> logged;  // (id, attempt) -> writes
    std::set<std::pair<std::string, std::string>> complete;
    for (const std::string& path : logs) {
        std::ifstream in(path);
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream l(line);
            std::string kind, id, attempt;
            l >> kind >> id >> attempt;
            if (kind == "C") {
                complete.insert({id, attempt});
                continue;
            }
            LoggedWrite w;
            std::string layer;
            std::size_t n = 0;
            l >> w.op >> layer >> w.key >> n;
            REQUIRE(layer == "initiatives");
            for (std::size_t k = 0; k < n; ++k) {
                LoggedField f;
                std::string v, b;
                int resolved = 0;
                l >> f.field >> v >> b >> resolved;
                f.value = decode(v);
                f.base = decode(b);
                f.resolved_mine = resolved != 0;
                w.fields.push_back(std::move(f));
            }
            logged[{id, attempt}].push_back(std::move(w));
        }
    }
    plan::PgConnection c = connect_as("petacerdas");
    plan::PgResult accepted = c.exec("SELECT id::text, client, revision, operations FROM \"" + plan.schema +
                                     "\".plan_change_sets ORDER BY revision");
    State replay = initial;
    int overwrites_unseen = 0, resolved_writes = 0, writes = 0;
    for (int i = 0; i < accepted.rows(); ++i) {
        const std::pair<std::string, std::string> key{accepted.text(i, 0), accepted.text(i, 1)};
        INFO("change set " << key.first << " attempt " << key.second);
        REQUIRE(complete.count(key) == 1);  // every accepted change set is in a client's log, whole
        const auto& ws = logged[key];
        CHECK(std::int64_t(ws.size()) == accepted.int64(i, 3));
        for (const LoggedWrite& w : ws) {
            ++writes;
            auto it = replay.find(w.key);
            switch (plan::WrittenFeature::Op(w.op)) {
                case plan::WrittenFeature::Op::Delete:
                    CHECK(it != replay.end());
                    replay.erase(w.key);
                    break;
                case plan::WrittenFeature::Op::Insert: {
                    CHECK(it == replay.end());  // a feature is never added twice
                    plan::Row r;
                    for (const LoggedField& f : w.fields) {
                        if (f.field == "geom") {
                            if (auto* s = std::get_if<std::string>(&f.value)) r.geometry_blob = store::gpkg_blob_of_wkb(*s, 4326);
                        } else {
                            r.fields[f.field] = f.value;
                        }
                        resolved_writes += f.resolved_mine;
                    }
                    replay[w.key] = std::move(r);
                    break;
                }
                case plan::WrittenFeature::Op::Update: {
                    REQUIRE(it != replay.end());
                    for (const LoggedField& f : w.fields) {
                        // The server's value right before this write is the writer's base, or the
                        // planner was shown the conflict and picked their own value.
                        if (!same_logged(f.field, value_in(it->second, f.field), f.base)) {
                            if (f.resolved_mine) ++resolved_writes;
                            else ++overwrites_unseen;
                        }
                        if (f.field == "geom") {
                            auto* s = std::get_if<std::string>(&f.value);
                            it->second.geometry_blob = s ? store::gpkg_blob_of_wkb(*s, 4326) : std::string();
                        } else {
                            it->second.fields[f.field] = f.value;
                        }
                    }
                    break;
                }
            }
        }
    }
    CHECK(overwrites_unseen == 0);

    // The history holds one row per write of every accepted change set (the database's own record).
    plan::PgResult recorded = c.exec("SELECT change_set::text, count(*) FROM \"" + plan.schema +
                                     "\".plan_history WHERE change_set IS NOT NULL GROUP BY 1");
    std::map<std::string, std::int64_t> history_rows;
    for (int i = 0; i < recorded.rows(); ++i) history_rows[recorded.text(i, 0)] = recorded.int64(i, 1);
    const std::size_t recorded_sets = history_rows.size();
    int history_mismatches = 0;
    std::size_t with_writes = 0;
    for (int i = 0; i < accepted.rows(); ++i) {
        with_writes += accepted.int64(i, 3) > 0;
        if (history_rows[accepted.text(i, 0)] != accepted.int64(i, 3)) ++history_mismatches;
    }
    CHECK(recorded_sets == with_writes);  // no history of a change set that was not accepted
    CHECK(history_mismatches == 0);

    // The server's state is the replay of the accepted operations, feature by feature, field by field.
    const State final_state = server_state(plan);
    CHECK(final_state.size() == replay.size());
    int differing = 0;
    for (auto& [uuid, row] : final_state) {
        auto it = replay.find(uuid);
        if (it == replay.end()) {
            ++differing;
            UNSCOPED_INFO("on the server, not in the replay: " << uuid);
            continue;
        }
        for (auto& [field, v] : row.fields)
            if (!plan::same_value(v, value_in(it->second, field))) {
                ++differing;
                UNSCOPED_INFO(uuid << " " << field << ": server " << plan::describe(v) << ", replay "
                                   << plan::describe(value_in(it->second, field)));
            }
        if (!plan::same_geometry(row.geometry_blob, it->second.geometry_blob)) ++differing;
    }
    CHECK(differing == 0);

    // analyze on the plan = analyze on its GeoPackage export.
    const std::string exe = PC_PETACERDAS, dir = plan.dir.path.string();
    const std::string q = "'" + plan.admin_uri() + "'";
    REQUIRE(std::system((exe + " export " + q + " --format gpkg --out " + dir + "/export.gpkg 2>/dev/null").c_str()) == 0);
    REQUIRE(std::system((exe + " analyze " + q + " --no-save --out " + dir + "/a_plan >/dev/null 2>&1").c_str()) == 0);
    REQUIRE(std::system((exe + " analyze " + dir + "/export.gpkg --no-save --out " + dir + "/a_file >/dev/null 2>&1").c_str()) == 0);
    // Only the time of computing (a clock, to the second) may differ; metrics.xlsx carries it too.
    CHECK(std::system(("diff -r -x metrics.xlsx -I '[0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' " + dir + "/a_plan " + dir + "/a_file").c_str()) == 0);

    const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("load: %d clients, %d edits, %d syncs (%d accepted change sets, %d writes), %d killed mid-sync, %d conflicts "
                "(%d fields) shown, %d writes over a conflict picked 'mine', %d overwrites unseen, %d edits unaccounted, "
                "%zu features at the end; clients %.1f s, total %.1f s\n",
                kClients, total.edits, total.syncs, accepted.rows(), writes, total.killed, total.conflicts,
                total.conflict_fields, resolved_writes, overwrites_unseen, total.unaccounted, final_state.size(), clients_s,
                total_s);
    CHECK(total.edits == kEdits);
    CHECK(total.killed > 0);
    CHECK(total.conflicts > 0);
    CHECK(total.unaccounted == 0);
}
