// petacerdas history: who changed what in a shared plan, when; export; restore a version.
#include <cstdio>

#include "cli.h"
#include "geo/plan/history.h"

namespace pc::cli {
namespace {

const char* kUsageText =
    "Usage: petacerdas history PLAN [--feature UUID [--layer LAYER]] [--since REVISION] [--out FILE.csv]\n"
    "       petacerdas history PLAN --feature UUID [--layer LAYER] --restore VERSION\n"
    "\n"
    "Every change of the shared plan PLAN (postgresql://host/database?schema=NAME), as the database\n"
    "recorded it: revision, when (UTC), who, which OPD, layer, feature, version, what changed, and the\n"
    "values before and after. --out writes it as CSV (with the full before/after values and geometry\n"
    "as WKT). --restore puts the feature back as it was at that version (a new version; a deleted\n"
    "feature comes back); the plan's rules hold (an OPD restores only its own initiatives).\n"
    "\n"
    "Options:\n"
    "  --feature UUID   one feature (its uuid, or the key of a setting)\n"
    "  --layer LAYER    its layer (default initiatives)\n"
    "  --since REV      changes after this revision\n"
    "  --out FILE.csv   write CSV instead of the table\n"
    "  --restore V      restore version V of the feature\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--feature", "--layer", "--since", "--out", "--restore"}, {});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PLAN");
    const plan::PlanLocation loc = plan::parse_plan_uri(a.positional[0]);
    const auto feature = a.get("--feature");
    const plan::FeatureKey key{a.get("--layer").value_or("initiatives"), feature.value_or("")};
    if (a.get("--restore")) {
        if (!feature) throw UsageError("--restore needs --feature");
        const long long version = a.integer("--restore", 0);
        if (version < 1) throw UsageError("--restore needs a version number (1 or more)");
        const std::int64_t now = plan::restore_version(loc, key, version);
        std::printf("%s %s restored to version %lld (now version %lld)\n", key.layer.c_str(), key.key.c_str(), version,
                    (long long)now);
        return kOk;
    }
    const auto entries = feature ? plan::feature_history(loc, key) : plan::plan_history(loc, a.integer("--since", 0));
    if (auto out = a.get("--out")) {
        plan::write_history_csv(entries, *out);
        std::printf("%zu changes -> %s\n", entries.size(), out->c_str());
        return kOk;
    }
    std::printf("%-8s %-24s %-22s %-18s %-12s %-36s %4s %-7s %s\n", "revision", "when (UTC)", "who", "OPD", "layer", "feature",
                "ver", "op", "changed");
    for (auto& e : entries) {
        std::string fields;
        for (auto& f : e.changed_fields) fields += (fields.empty() ? "" : ", ") + f;
        std::printf("%-8lld %-24s %-22s %-18s %-12s %-36s %4lld %-7s %s%s%s\n", (long long)e.revision, e.changed_at.c_str(),
                    e.changed_by.c_str(), e.opd.c_str(), e.feature.layer.c_str(), e.feature.key.c_str(), (long long)e.version,
                    e.op.c_str(), fields.c_str(), e.note.empty() ? "" : "  — ", e.note.c_str());
    }
    return kOk;
}

}  // namespace

const Command kHistory{"history", "every change of a shared plan (who, OPD, when, before/after); export; restore", kUsageText, run};

}  // namespace pc::cli
