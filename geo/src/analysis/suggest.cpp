// Site suggestion (geo/analysis/suggest.h): lazy greedy, then single swaps and pair moves, on the
// exact demand.
//
// Every candidate's gain is an upper bound kept in a max-heap with the state version it was computed
// at. Covering more never raises a gain (submodularity), so the top entry, once recomputed for the
// current state and still on top, is the best candidate (CELF). Taking a chosen site s back (to try a
// swap) can raise only the gains of candidates whose discs meet s's: those are recomputed (or their
// bounds raised by what s gave back), which keeps every bound valid. A trial that puts the state back
// as it was restores the bounds it marked before instead of recomputing them.
#include <algorithm>
#include <cmath>
#include <map>
#include <queue>

#include "engine_state.h"
#include "geo/analysis/suggest.h"
#include "suggest_setup.h"

namespace pc {

using analysis::State;
using namespace analysis::suggest;

namespace {

class Search {
public:
    Search(Setup& s, const WorkControl& control) : s_(s), control_(control) {
        const std::size_t n = s.candidates.size();
        gain_.assign(n, 0);
        at_.assign(n, 0);
        chosen_.assign(n, 0);
        // Candidates binned by cells of the disc's diameter: the discs meeting one are in the 3×3 cells.
        for (auto& p : s.centres) box_.add(p);
        // At most about a million bins (small radii over a province).
        cell_ = std::max(2 * s.radius * 1.000001 + 1e-6, std::max(box_.x1 - box_.x0, box_.y1 - box_.y0) / 1000);
        nx_ = int((box_.x1 - box_.x0) / cell_) + 1;
        ny_ = int((box_.y1 - box_.y0) / cell_) + 1;
        bins_.assign(std::size_t(nx_) * std::size_t(ny_), {});
        for (std::size_t j = 0; j < n; ++j) bins_[bin(s.centres[j])].push_back(std::uint32_t(j));
    }

    // Exact gains of every candidate (the first bounds).
    void start() {
        const std::size_t n = s_.candidates.size();
        for (std::size_t j = 0; j < n; ++j) {
            if ((j & 255) == 0) {
                control_.check();
                control_.report(0.2 + 0.5 * double(j) / double(n), "evaluating candidates");
            }
            refresh(j);
        }
    }

    // The best candidate for the current state (not chosen): index and exact gain.
    std::pair<std::size_t, double> best() {
        while (!heap_.empty()) {
            const Entry e = heap_.top();
            if (chosen_[e.j] || e.gain != gain_[e.j] || e.at != at_[e.j]) {
                heap_.pop();  // superseded
                continue;
            }
            if (e.at == version_) return {e.j, e.gain};
            heap_.pop();
            refresh(e.j);
        }
        return {s_.candidates.size(), 0.0};
    }

    void choose(std::size_t j) {
        chosen_[j] = 1;
        if (!geoms_.count(j)) geoms_[j] = disc_geometry(s_.c(), s_.discs[j]);
        s_.demand->cover(s_.discs[j], geoms_[j].get());
        ++version_;
    }

    // Takes a chosen site back; `others` are the sites staying. Its neighbours' gains are recomputed.
    // `bounds` false: the caller restores a mark at once, which sets the bounds near j.
    void unchoose(std::size_t j, const std::vector<std::size_t>& others, bool bounds = true) {
        chosen_[j] = 0;
        // Every other site: the tiles rebuilt reach beyond j's disc.
        std::vector<const Disc*> discs;
        std::vector<const GEOSGeometry*> geoms;
        for (auto o : others) {
            discs.push_back(&s_.discs[o]);
            geoms.push_back(geoms_.at(o).get());
        }
        s_.demand->rebuild_under(s_.discs[j], discs, geoms);
        ++version_;
        if (!bounds) return;
        // The neighbours' gains may rise: recomputed, or where they are many (discs large against the
        // spacing) raised by what j gave back, a bound the heap recomputes only for those on top.
        const double back = gain(j);
        std::vector<std::size_t> ns;
        near(j, [&](std::size_t k) {
            if (!chosen_[k] && k != j) ns.push_back(k);
        });
        for (auto k : ns) {
            if (ns.size() <= kEagerNeighbours) {
                refresh(k);
                continue;
            }
            gain_[k] += back;
            at_[k] = 0;
            heap_.push({gain_[k], k, 0});
        }
        gain_[j] = back;
        at_[j] = version_;
        heap_.push({back, j, version_});
    }

    // Before taking a site away (or trying one) and putting the state back as it was: the bounds
    // near it, to restore afterwards instead of recomputing them.
    struct Mark {
        std::size_t centre = 0;
        std::vector<std::size_t> ids;
        std::vector<double> bound;
        std::vector<char> exact;
    };
    Mark mark(std::size_t j) {
        Mark m;
        m.centre = j;
        near(j, [&](std::size_t k) {
            m.ids.push_back(k);
            m.bound.push_back(gain_[k]);
            m.exact.push_back(at_[k] == version_);
        });
        log_.clear();
        logging_ = true;
        return m;
    }
    // The state is again the one of `m` (only m.centre's disc went or came and was undone): the bounds
    // near it as they were; gains computed meanwhile away from it are exact for this state too.
    void restore(const Mark& m) {
        logging_ = false;
        for (auto [k, v] : log_) {
            if (chosen_[k] || at_[k] != v || s_.discs[k].box.meets(s_.discs[m.centre].box)) continue;
            at_[k] = version_;
            heap_.push({gain_[k], k, version_});
        }
        log_.clear();
        for (std::size_t q = 0; q < m.ids.size(); ++q) {
            const std::size_t k = m.ids[q];
            if (chosen_[k]) continue;
            gain_[k] = m.bound[q];
            at_[k] = m.exact[q] ? version_ : 0;
            heap_.push({gain_[k], k, at_[k]});
        }
    }

    double gain(std::size_t j) const { return s_.demand->mass_inside(s_.discs[j]); }
    // The gain of `j` once `first` is chosen too (then taken back; `others` are the sites staying).
    double gain_with(std::size_t first, const std::vector<std::size_t>& others, std::size_t j) {
        const Mark m = mark(first);
        choose(first);
        const double g = gain(j);
        unchoose(first, others, false);
        restore(m);
        return g;
    }
    // Up to k candidates near a or b (their discs meeting a's or b's), best gain first: recomputed
    // in the order of their bounds until no bound left can beat the k-th.
    std::vector<std::size_t> best_near(std::size_t a, std::size_t b, std::size_t k) {
        if (k == 0) return {};
        std::vector<std::size_t> ids;
        auto add = [&](std::size_t j) {
            if (!chosen_[j]) ids.push_back(j);
        };
        near(a, add);
        near(b, add);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        std::sort(ids.begin(), ids.end(), [&](auto x, auto y) { return gain_[x] > gain_[y] || (gain_[x] == gain_[y] && x < y); });
        std::vector<std::pair<double, std::size_t>> exact;
        for (auto j : ids) {
            if (exact.size() >= k && exact[k - 1].first >= gain_[j]) break;
            if (at_[j] != version_) refresh(j);
            exact.push_back({gain_[j], j});
            std::sort(exact.begin(), exact.end(), [](auto& x, auto& y) { return x.first > y.first || (x.first == y.first && x.second < y.second); });
        }
        std::vector<std::size_t> out;
        for (std::size_t q = 0; q < exact.size() && out.size() < k; ++q) out.push_back(exact[q].second);
        return out;
    }

    std::size_t evaluations() const { return evaluations_; }

private:
    struct Entry {
        double gain;
        std::size_t j;
        std::uint64_t at;
        bool operator<(const Entry& o) const { return gain < o.gain || (gain == o.gain && j > o.j); }
    };
    std::size_t bin(planar::Pt p) const {
        const int x = std::clamp(int((p.x - box_.x0) / cell_), 0, nx_ - 1), y = std::clamp(int((p.y - box_.y0) / cell_), 0, ny_ - 1);
        return std::size_t(y) * std::size_t(nx_) + std::size_t(x);
    }
    template <class F>
    void near(std::size_t j, F&& f) const {
        const planar::Pt p = s_.centres[j];
        const int x = std::clamp(int((p.x - box_.x0) / cell_), 0, nx_ - 1), y = std::clamp(int((p.y - box_.y0) / cell_), 0, ny_ - 1);
        for (int yy = std::max(0, y - 1); yy <= std::min(ny_ - 1, y + 1); ++yy)
            for (int xx = std::max(0, x - 1); xx <= std::min(nx_ - 1, x + 1); ++xx)
                for (auto k : bins_[std::size_t(yy) * std::size_t(nx_) + std::size_t(xx)])
                    if (s_.discs[k].box.meets(s_.discs[j].box)) f(k);
    }
    void refresh(std::size_t j) {
        gain_[j] = gain(j);
        at_[j] = version_;
        ++evaluations_;
        if (logging_) log_.push_back({j, version_});
        heap_.push({gain_[j], j, version_});
    }

    Setup& s_;
    const WorkControl& control_;
    std::vector<double> gain_;
    std::vector<std::uint64_t> at_;
    std::vector<char> chosen_;
    std::priority_queue<Entry> heap_;
    std::uint64_t version_ = 1;
    std::size_t evaluations_ = 0;
    std::map<std::size_t, GeomPtr> geoms_;
    bool logging_ = false;
    std::vector<std::pair<std::size_t, std::uint64_t>> log_;  // refreshes since mark()
    static constexpr std::size_t kEagerNeighbours = 2048;
    planar::Box box_;
    double cell_ = 1;
    int nx_ = 1, ny_ = 1;
    std::vector<std::vector<std::uint32_t>> bins_;
};

// The desa (and its kecamatan) that holds a local point; none outside every desa.
void locate_desa(const State& st, planar::Pt lp, SuggestedSite& site) {
    std::size_t best = st.desa.size();
    st.desa_units.units.grid.query(planar::Box::of(lp, lp), [&](std::uint32_t di) {
        if (di < best && st.desa_units.units.polys[di].locate(lp) != planar::Poly::PointLoc::Out) best = di;
    });
    if (best == st.desa.size()) return;
    site.desa_code = st.desa[best].code;
    site.desa_name = st.desa[best].name;
    site.kecamatan_code = st.kec[st.desa[best].kec].code;
    site.kecamatan_name = st.kec[st.desa[best].kec].name;
}

}  // namespace

std::size_t sites_for_budget(std::int64_t budget_rp, std::int64_t cost_per_site_rp) {
    if (cost_per_site_rp <= 0) throw InputError({"", "", "", "--cost-per-site"}, "the cost of a site must be positive");
    if (budget_rp < 0) throw InputError({"", "", "", "--budget"}, "the budget must not be negative");
    return std::size_t(budget_rp / cost_per_site_rp);
}

SuggestResult suggest_sites(const CoverageEngine& engine, const Project& project, const SuggestOptions& o,
                            const WorkControl& control) {
    const State& st = engine.state();
    control.report(0, "preparing");
    Setup s = build_setup(st, project, o, control);
    SuggestResult r;
    r.service = s.service;
    r.service_label = s.service_label;
    r.within_label = s.within_label;
    r.radius_m = s.radius;
    r.quadrant_segments = st.options.quadrant_segments;
    r.analysis_crs = st.crs;
    r.population = s.population;
    r.uncovered_before = s.demand->total();

    Search search(s, control);
    search.start();
    const double eps = 1e-9 * std::max(1.0, r.uncovered_before);

    // Greedy.
    std::vector<std::size_t> chosen;
    while (chosen.size() < o.count) {
        control.check();
        auto [j, g] = search.best();
        if (j >= s.candidates.size() || !(g > eps)) break;  // no candidate adds anyone
        search.choose(j);
        chosen.push_back(j);
        r.greedy_people += g;
    }
    control.report(0.8, "swaps");

    // Swaps: take each chosen site back in turn and put the best candidate in its place; when no
    // single swap helps, take back two sites near each other and put the best pair in their place.
    auto others_than = [&](std::initializer_list<std::size_t> out) {
        std::vector<std::size_t> v;
        for (std::size_t q = 0; q < chosen.size(); ++q)
            if (std::find(out.begin(), out.end(), q) == out.end()) v.push_back(chosen[q]);
        return v;
    };
    const std::size_t limit = search.evaluations() + (o.max_swap_evaluations
                                                          ? o.max_swap_evaluations
                                                          : std::max<std::size_t>(200000, 20 * s.candidates.size()));
    auto over_limit = [&] {
        if (search.evaluations() < limit) return false;
        r.swaps_complete = false;
        return true;
    };
    auto single_swaps = [&] {
        bool any = false;
        for (std::size_t pass = 0; pass < o.max_swap_passes; ++pass) {
            bool improved = false;
            for (std::size_t k = 0; k < chosen.size() && !over_limit(); ++k) {
                control.check();
                const std::size_t site = chosen[k];
                const auto m = search.mark(site);
                search.unchoose(site, others_than({k}));
                const double loss = search.gain(site);
                auto [j, g] = search.best();
                if (j < s.candidates.size() && j != site && g > loss + eps) {
                    chosen[k] = j;
                    ++r.swaps;
                    improved = any = true;
                    search.choose(j);
                } else {
                    search.choose(site);
                    search.restore(m);
                }
            }
            if (!improved || over_limit()) break;
        }
        return any;
    };
    auto pair_moves = [&] {
        bool any = false;
        const double reach = 4 * s.radius;  // farther apart, no candidate's disc meets both
        for (std::size_t a = 0; a < chosen.size(); ++a)
            for (std::size_t b = a + 1; b < chosen.size() && !over_limit(); ++b) {
                control.check();
                const planar::Pt pa = s.centres[chosen[a]], pb = s.centres[chosen[b]];
                if (std::hypot(pa.x - pb.x, pa.y - pb.y) >= reach) continue;
                const std::size_t sa = chosen[a], sb = chosen[b];
                search.unchoose(sa, others_than({a}));
                const auto rest = others_than({a, b});
                search.unchoose(sb, rest);
                // What the two give back, then the best pair: each of the best candidates near them
                // with the best candidate given it.
                const double restore = search.gain(sa) + search.gain_with(sa, rest, sb);
                double best_value = restore + eps;
                std::size_t best_a = sa, best_b = sb;
                for (auto first : search.best_near(sa, sb, o.pair_candidates)) {
                    const double g1 = search.gain(first);
                    const auto m = search.mark(first);
                    search.choose(first);
                    auto [second, g2] = search.best();
                    search.unchoose(first, rest, false);
                    search.restore(m);
                    if (second < s.candidates.size() && g1 + g2 > best_value) {
                        best_value = g1 + g2;
                        best_a = first;
                        best_b = second;
                    }
                }
                if (best_a != sa || best_b != sb) {
                    chosen[a] = best_a;
                    chosen[b] = best_b;
                    ++r.swaps;
                    any = true;
                }
                search.choose(chosen[a]);
                search.choose(chosen[b]);
            }
        return any;
    };
    if (o.swaps && !chosen.empty()) {
        single_swaps();
        for (std::size_t round = 0; round < o.max_swap_passes && chosen.size() > 1 && !over_limit() && pair_moves(); ++round)
            single_swaps();
    }

    // The cumulative curve: the chosen sites in greedy order from the demand as it was, with the
    // people each adds per desa.
    s.demand->reset();
    std::vector<std::size_t> left = chosen;
    std::vector<double> per_owner(st.desa.size());
    analysis::Lease<analysis::Projection> proj(const_cast<State&>(st).projections);
    while (!left.empty()) {
        std::size_t bi = 0;
        double bg = -1;
        for (std::size_t q = 0; q < left.size(); ++q) {
            const double g = search.gain(left[q]);
            if (g > bg) {
                bg = g;
                bi = q;
            }
        }
        const std::size_t j = left[bi];
        left.erase(left.begin() + std::ptrdiff_t(bi));
        std::fill(per_owner.begin(), per_owner.end(), 0.0);
        SuggestedSite site;
        site.candidate = j;
        site.lonlat = s.candidates[j].lonlat;
        site.label = s.candidates[j].label;
        site.people_added = s.demand->mass_inside(s.discs[j], &per_owner);
        r.people_added += site.people_added;
        site.cumulative = r.people_added;
        locate_desa(st, s.centres[j], site);
        {
            std::vector<double> xy;
            for (auto& v : s.discs[j].v) {
                xy.push_back(v.x + st.origin.x);
                xy.push_back(v.y + st.origin.y);
            }
            proj->inverse(xy.data(), xy.size() / 2);
            Ring ring;
            for (std::size_t q = 0; q < xy.size(); q += 2) ring.push_back({xy[q], xy[q + 1]});
            ring.push_back(ring.front());
            site.service_area = Geometry::polygon(std::move(ring));
        }
        for (std::size_t i = 0; i < per_owner.size(); ++i)
            if (per_owner[i] > 0) {
                const auto& d = st.desa[i];
                site.serves.push_back({d.code, d.name, st.kec[d.kec].code, st.kec[d.kec].name, per_owner[i]});
            }
        std::sort(site.serves.begin(), site.serves.end(), [](auto& a, auto& b) { return a.people > b.people; });
        search.choose(j);
        r.sites.push_back(std::move(site));
    }
    r.evaluations = search.evaluations();
    r.candidates = std::move(s.candidates);
    control.report(1, "done");
    return r;
}

SuggestProblem suggest_problem(const CoverageEngine& engine, const Project& project, const SuggestOptions& o) {
    Setup s = build_setup(engine.state(), project, o, {});
    SuggestProblem p;
    for (auto id : s.demand->base()) {
        const auto& piece = s.demand->pieces()[id];
        p.demand.push_back({s.c().to_geometry(piece.geom.get()), piece.density});
    }
    for (auto& c : s.centres) p.centres.push_back({c.x, c.y});
    p.radius_m = s.radius;
    p.quadrant_segments = engine.state().options.quadrant_segments;
    p.candidates = std::move(s.candidates);
    return p;
}

double suggest_value(const CoverageEngine& engine, const Project& project, const SuggestOptions& o,
                     const std::vector<std::size_t>& chosen) {
    Setup s = build_setup(engine.state(), project, o, {});
    double sum = 0;
    for (auto j : chosen) {
        if (j >= s.discs.size()) throw std::out_of_range("suggest_value: no such candidate");
        sum += s.demand->mass_inside(s.discs[j]);
        auto g = disc_geometry(s.c(), s.discs[j]);
        s.demand->cover(s.discs[j], g.get());
    }
    return sum;
}

}  // namespace pc
