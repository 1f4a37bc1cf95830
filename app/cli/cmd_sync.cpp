// petacerdas sync: a working copy's edits to the shared plan, and everyone else's back.
#include <cstdio>

#include "cli.h"
#include "geo/plan/sync.h"

namespace pc::cli {
namespace {

const char* kUsageText =
    "Usage: petacerdas sync FILE.gpkg [--mine | --theirs] [--pick LAYER/KEY[/FIELD]=mine|theirs ...]\n"
    "\n"
    "Sends the edits made in the working copy FILE.gpkg (petacerdas checkout) since its last sync to the\n"
    "shared plan and brings in everyone else's, in one transaction on the server. Edits of different\n"
    "features, or of different fields of one feature, merge by themselves. When the server changed a\n"
    "field this copy changed too, differently, nothing is sent: the conflicts are listed side by side\n"
    "(base, mine, theirs) and exit code is 4; pick a side for each and sync again. A pick holds only\n"
    "for the server version it was made against.\n"
    "\n"
    "Options:\n"
    "  --mine         keep this copy's value in every conflict\n"
    "  --theirs       keep the server's value in every conflict\n"
    "  --pick L/K[/F]=mine|theirs\n"
    "                 one conflict: layer, key (uuid) and field (none for a deleted feature)\n"
    "  -h, --help     this text\n";

const char* kind_text(plan::Conflict::Kind k) {
    switch (k) {
        case plan::Conflict::Kind::Fields: return "changed here and on the server";
        case plan::Conflict::Kind::EditedDeleted: return "changed here, deleted on the server";
        case plan::Conflict::Kind::DeletedEdited: return "deleted here, changed on the server";
    }
    return "";
}

std::string cut(std::string s, std::size_t n) {
    if (s.size() > n) s = s.substr(0, n - 3) + "...";
    return s;
}

void print_conflicts(const std::vector<plan::Conflict>& conflicts) {
    std::printf("%zu conflict(s): nothing was sent. Pick a side for each (--mine, --theirs or --pick) and sync again.\n",
                conflicts.size());
    for (auto& c : conflicts) {
        std::printf("\n%s '%s' (%s/%s): %s; server version %lld by %s (%s) at %s\n", c.feature.layer.c_str(), c.label.c_str(),
                    c.feature.layer.c_str(), c.feature.key.c_str(), kind_text(c.kind), (long long)c.theirs_version,
                    c.theirs_by.c_str(), c.theirs_opd.c_str(), c.theirs_at.c_str());
        std::printf("  %-16s %-24s %-24s %-24s\n", "field", "base", "mine (here)", "theirs (server)");
        for (auto& f : c.fields)
            std::printf("  %-16s %-24s %-24s %-24s\n", f.field.c_str(), cut(f.base, 24).c_str(), cut(f.mine, 24).c_str(),
                        cut(f.theirs, 24).c_str());
    }
}

// LAYER/KEY[/FIELD]=mine|theirs
std::pair<plan::FeatureKey, std::pair<std::string, plan::Side>> parse_pick(const std::string& s) {
    const auto eq = s.rfind('=');
    if (eq == std::string::npos) throw UsageError("--pick needs LAYER/KEY[/FIELD]=mine|theirs, not '" + s + "'");
    const std::string side = s.substr(eq + 1), what = s.substr(0, eq);
    if (side != "mine" && side != "theirs") throw UsageError("--pick: a side is mine or theirs, not '" + side + "'");
    const auto a = what.find('/');
    if (a == std::string::npos) throw UsageError("--pick needs LAYER/KEY[/FIELD], not '" + what + "'");
    const auto b = what.find('/', a + 1);
    plan::FeatureKey key{what.substr(0, a), what.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1)};
    const std::string field = b == std::string::npos ? "" : what.substr(b + 1);
    return {key, {field, side == "mine" ? plan::Side::Mine : plan::Side::Theirs}};
}

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--pick"}, {"--mine", "--theirs"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one working copy FILE.gpkg");
    if (a.has("--mine") && a.has("--theirs")) throw UsageError("--mine and --theirs exclude each other");
    const std::string path = a.positional[0];
    require_file(path, "working copy");
    std::vector<std::pair<plan::FeatureKey, std::pair<std::string, plan::Side>>> picks;
    for (auto& p : a.all("--pick")) picks.push_back(parse_pick(p));
    const bool all_mine = a.has("--mine"), all_theirs = a.has("--theirs");

    plan::SyncOptions options;
    options.client = "petacerdas sync";
    Progress work("syncing " + path);
    plan::SyncResult r = plan::sync(path, options);
    if (!r.conflicts.empty() && (all_mine || all_theirs || !picks.empty())) {
        // The picks given, for the versions the server has now.
        for (auto& c : r.conflicts) {
            auto add = [&](const std::string& field) {
                for (auto& [key, pick] : picks)
                    if (key == c.feature && pick.first == field) {
                        options.resolutions.push_back({c.feature, field, pick.second, c.theirs_version});
                        return;
                    }
                if (all_mine || all_theirs)
                    options.resolutions.push_back({c.feature, field, all_mine ? plan::Side::Mine : plan::Side::Theirs, c.theirs_version});
            };
            if (c.kind == plan::Conflict::Kind::Fields)
                for (auto& f : c.fields) add(f.field);
            else
                add("");
        }
        r = plan::sync(path, options);
    }
    if (!r.conflicts.empty()) {
        work.done("conflicts");
        print_conflicts(r.conflicts);
        return kConflicts;
    }
    work.done("revision " + std::to_string(r.revision));
    std::printf("sent: %zu added, %zu changed, %zu deleted%s; received: %zu features, %zu removed; revision %lld\n", r.inserted,
                r.updated, r.deleted, r.already_applied ? " (already on the server from a sync cut short)" : "", r.pulled,
                r.removed, (long long)r.revision);
    return kOk;
}

}  // namespace

const Command kSync{"sync", "send a working copy's edits to the shared plan and get everyone else's", kUsageText, run};

}  // namespace pc::cli
