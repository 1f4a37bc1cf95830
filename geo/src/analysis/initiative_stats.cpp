// Initiative statistics: counts and budgets per pillar, element, status, OPD, year, kecamatan and
// zone. Pure bookkeeping over the model and the per-initiative facts the engine found.
#include <algorithm>
#include <map>
#include <set>

#include "geo/analysis/summary.h"

namespace pc {

namespace {
void add(std::vector<CountBudget>& v, const std::string& key, std::int64_t budget, std::size_t count = 1) {
    for (auto& e : v)
        if (e.key == key) {
            e.count += count;
            e.budget_rp += budget;
            return;
        }
    v.push_back({key, count, budget});
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
        const std::int64_t b = ini.budget_rp;
        ++s.count;
        s.budget_rp += b;
        add(s.by_pillar, to_key(ini.pillar), b);
        add(s.by_element, to_key(ini.element), b);
        add(s.by_status, to_key(ini.status), b);
        auto& o = opd[ini.opd];
        o.key = ini.opd;
        ++o.count;
        o.budget_rp += b;

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
                ++e.count;
                e.budget_rp += each + (y == y0 ? rest : 0);
            }
        }

        const InitiativeReach* r = i < reach.size() ? &reach[i] : nullptr;
        std::string kode = r ? r->kecamatan_code : "";
        auto& k = kec[kode];
        k.key = kode;
        ++k.count;
        k.budget_rp += b;
        for (auto& z : s.by_zone) {
            bool inside = r && std::find(r->zone_codes.begin(), r->zone_codes.end(), z.zone_code) != r->zone_codes.end();
            if (inside) {
                ++z.count_inside;
                z.budget_inside_rp += b;
            } else {
                ++z.count_outside;
                z.budget_outside_rp += b;
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
