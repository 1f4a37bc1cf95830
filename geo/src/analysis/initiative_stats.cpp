// Initiative statistics: counts and budgets per pillar, element, status, OPD, year, kecamatan and
// zone. Pure bookkeeping over the model and the per-initiative facts the engine found.
#include <algorithm>
#include <map>
#include <set>

#include "geo/analysis/summary.h"
#include "geo/bounds.h"
#include "geo/numbers.h"

namespace pc {

namespace {
// Totals of budgets: each is under 10^16 rupiah (geo/bounds.h), but a thousand of them add up past
// 64 bits; the sum is refused rather than wrapped to a negative total.
const Where kTotals{"", "initiatives", "", "budget_rp"};

void add_to(CountBudget& e, std::int64_t budget) {
    ++e.count;
    e.budget_rp = add_rupiah(e.budget_rp, budget, kTotals);
}

void add(std::vector<CountBudget>& v, const std::string& key, std::int64_t budget) {
    for (auto& e : v)
        if (e.key == key) return add_to(e, budget);
    v.push_back({key, 1, budget});
}
std::vector<CountBudget> from_map(const std::map<std::string, CountBudget>& m) {
    std::vector<CountBudget> v;
    for (auto& [k, e] : m) v.push_back(e);
    return v;
}
}  // namespace

InitiativeStats summarise_initiatives(const Project& project, std::vector<InitiativeReach> reach) {
    InitiativeStats s;
    for (Pillar p : kPillars) s.by_pillar.push_back({to_key(p), 0, 0});
    for (Element e : kElements) s.by_element.push_back({to_key(e), 0, 0});
    for (Status st : kStatuses) s.by_status.push_back({to_key(st), 0, 0});
    std::map<std::string, CountBudget> opd, kec;
    std::map<int, CountBudget> years;
    for (auto& z : project.zones) s.by_zone.push_back({z.code, z.name, 0, 0, 0, 0});

    for (std::size_t i = 0; i < project.initiatives.size(); ++i) {
        const Initiative& ini = project.initiatives[i];
        // Years and budget within their bounds before any arithmetic on them (a year span of 2^32
        // wrapped the count of years to 0; an end year of 2^31-1 never ended the loop).
        validate_initiative(ini, Where{"", "initiatives", ini.name.empty() ? ini.id : ini.name});
        const std::int64_t b = ini.budget_rp;
        ++s.count;
        s.budget_rp = add_rupiah(s.budget_rp, b, kTotals);
        add(s.by_pillar, to_key(ini.pillar), b);
        add(s.by_element, to_key(ini.element), b);
        add(s.by_status, to_key(ini.status), b);
        auto& o = opd[ini.opd];
        o.key = ini.opd;
        add_to(o, b);

        // Active in every year start..end; the budget spread evenly in whole rupiah, the remainder
        // to the first year so the years add up to the budget exactly.
        if (ini.start_year != 0 || ini.end_year != 0) {
            int y0 = ini.start_year ? ini.start_year : ini.end_year;
            int y1 = std::max(y0, ini.end_year);
            std::int64_t n = y1 - y0 + 1;
            std::int64_t each = b / n, rest = b - each * n;
            for (int y = y0; y <= y1; ++y) {
                auto& e = years[y];
                e.key = std::to_string(y);
                add_to(e, each + (y == y0 ? rest : 0));
            }
        }

        const InitiativeReach* r = i < reach.size() ? &reach[i] : nullptr;
        std::string kode = r ? r->kecamatan_code : "";
        auto& k = kec[kode];
        k.key = kode;
        add_to(k, b);
        for (auto& z : s.by_zone) {
            bool inside = r && std::find(r->zone_codes.begin(), r->zone_codes.end(), z.zone_code) != r->zone_codes.end();
            if (inside) {
                ++z.count_inside;
                z.budget_inside_rp = add_rupiah(z.budget_inside_rp, b, kTotals);
            } else {
                ++z.count_outside;
                z.budget_outside_rp = add_rupiah(z.budget_outside_rp, b, kTotals);
            }
        }
    }
    s.by_opd = from_map(opd);
    s.by_kecamatan = from_map(kec);
    for (auto& [y, e] : years) s.by_year.push_back(e);
    reach.resize(project.initiatives.size());
    for (std::size_t i = 0; i < reach.size(); ++i) {
        if (reach[i].id.empty()) reach[i].id = project.initiatives[i].id;
        if (reach[i].name.empty()) reach[i].name = project.initiatives[i].name;
    }
    s.reach = std::move(reach);
    return s;
}

}  // namespace pc
