// The metrics panel driven by real pointer events (XTEST under Xvfb, see x_pointer.h): a click on a
// row of the kecamatan table or of the top-gaps list flies the map to that unit and outlines it; the
// initiative charts draw each bar in its pillar's colour, with lengths in the ratio of the counts and
// budgets the core computes. Everything is read back from the pixels of the frame.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <unistd.h>

#include "app.h"
#include "geo/analysis/summary.h"
#include "render/i18n.h"
#include "panels.h"
#include "x_pointer.h"
#include "window_test.h"

using namespace pc;
using namespace pc::gui;
using namespace pc::gui::test;
using pc::gui::testing::XPointer;
namespace fs = std::filesystem;

namespace {

bool close_to(std::uint32_t px, Rgba c, int tol) {
    for (int shift : {24, 16, 8})
        if (std::abs(int((px >> shift) & 0xff) - int((c >> shift) & 0xff)) > tol) return false;
    return true;
}

void capture(App& app) {
    app.request_capture();
    app.frame();
}

// Clicks the item `label` at the top level of the metrics panel (a header, a radio button, a gaps
// line), found by walking the pointer down the panel.
// `dx`: how far from the panel's left edge the item is.
void click_item(App& app, XPointer& ptr, const std::string& label, double dx = 30) {
    (void)app;
    ImGuiWindow* panel = XPointer::window("###Metrics");
    REQUIRE(panel != nullptr);
    const ImGuiID id = XPointer::item_id(panel, label.c_str());
    auto y = ptr.find_item(id, panel->Pos.x + dx, panel->Pos.y + 30, panel->Pos.y + panel->Size.y - 4, 5);
    INFO("item '" << label << "'");
    REQUIRE(y.has_value());
    ptr.click(panel->Pos.x + dx, *y);
}

// Distance from (x, y) to the screen outline of `g`.
double distance_to_outline(const MapView& map, const Geometry& g, double x, double y) {
    double best = 1e18;
    for (const auto& poly : g.polygons)
        for (const auto& ring : poly.rings)
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const Coord a = map.to_screen(ring[i]), b = map.to_screen(ring[i + 1]);
                const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
                double t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0;
                t = std::clamp(t, 0.0, 1.0);
                best = std::min(best, std::hypot(x - a.x - t * dx, y - a.y - t * dy));
            }
    return best;
}

// The camera shows `unit` in its middle, and the outline colour lies along the unit's boundary and
// nowhere else on the map.
void check_focused(App& app, const AdminUnit& unit) {
    MapView& map = app.map();
    const Camera& cam = map.camera;
    const Envelope e = unit.geometry.envelope();
    const Coord centre = map.to_lonlat(cam.vx + cam.vw / 2, cam.vy + cam.vh / 2);
    INFO("unit " << unit.code << " " << unit.name << "; view centre " << centre.x << ", " << centre.y);
    CHECK(centre.x > e.min_x);
    CHECK(centre.x < e.max_x);
    CHECK(centre.y > e.min_y);
    CHECK(centre.y < e.max_y);
    CHECK(std::abs(centre.x - e.centre().x) < 0.01 * (e.max_x - e.min_x) + 1e-6);
    CHECK(std::abs(centre.y - e.centre().y) < 0.01 * (e.max_y - e.min_y) + 1e-6);
    CHECK(app.ui().focused_unit == unit.code);

    capture(app);
    // Along the boundary: points every 5 px of every edge on screen, inside the view.
    std::size_t on = 0, sampled = 0;
    for (const auto& poly : unit.geometry.polygons)
        for (const auto& ring : poly.rings)
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const Coord a = map.to_screen(ring[i]), b = map.to_screen(ring[i + 1]);
                const int steps = std::max(1, int(std::hypot(b.x - a.x, b.y - a.y) / 5));
                for (int k = 0; k < steps; ++k) {
                const Coord s{a.x + (b.x - a.x) * k / steps, a.y + (b.y - a.y) * k / steps};
                if (!cam.contains_screen(s.x, s.y)) continue;
                ++sampled;
                bool hit = false;
                for (int dy = -2; dy <= 2 && !hit; ++dy)
                    for (int dx = -2; dx <= 2 && !hit; ++dx) hit = close_to(app.pixel(s.x + dx, s.y + dy), kFocusedUnitColour, 12);
                on += hit;
                }
            }
    INFO("outline colour at " << on << " of " << sampled << " boundary points");
    REQUIRE(sampled > 10);
    CHECK(double(on) / double(sampled) > 0.85);  // labels are drawn over it in places
    // Away from the boundary (more than 8 px): none.
    std::size_t away = 0, away_hits = 0;
    for (double y = cam.vy + 4; y < cam.vy + cam.vh - 4; y += 7)
        for (double x = cam.vx + 4; x < cam.vx + cam.vw - 4; x += 7) {
            if (distance_to_outline(map, unit.geometry, x, y) < 8) continue;
            ++away;
            away_hits += close_to(app.pixel(x, y), kFocusedUnitColour, 12);
        }
    INFO("outline colour at " << away_hits << " of " << away << " pixels away from the boundary");
    CHECK(away > 1000);
    CHECK(away_hits == 0);
}

const AdminUnit& unit_by_code(const std::vector<AdminUnit>& units, const std::string& code) {
    for (const auto& u : units)
        if (u.code == code) return u;
    FAIL("no unit " << code);
    return units.front();
}

// Bars of one colour inside the panel: per band of consecutive rows that hold the colour, the
// longest run in it (top band first), and where the runs start.
struct Bar {
    double y = 0, x0 = 0, length = 0;
};
std::vector<Bar> bars_of(const App& app, const ImGuiWindow* panel, Rgba colour) {
    std::vector<Bar> bars;
    bool in_band = false;
    for (int y = int(panel->Pos.y); y < int(panel->Pos.y + panel->Size.y); ++y) {
        int best = 0, best_x0 = 0, run = 0;
        for (int x = int(panel->Pos.x); x < int(panel->Pos.x + panel->Size.x); ++x) {
            if (close_to(app.pixel(x, y), colour, 6)) {
                ++run;
                if (run > best) {
                    best = run;
                    best_x0 = x - run + 1;
                }
            } else {
                run = 0;
            }
        }
        if (best >= 1) {
            if (!in_band) bars.push_back({double(y), double(best_x0), 0});
            if (best > bars.back().length) {
                bars.back().length = best;
                bars.back().x0 = best_x0;
            }
        }
        in_band = best >= 1;
    }
    return bars;
}

// Bar lengths in the ratio of `values` (the largest is the reference), within 2 px; no bar for 0.
void check_ratios(const std::vector<double>& lengths, const std::vector<double>& values, const std::string& what) {
    REQUIRE(lengths.size() == values.size());
    const std::size_t imax = std::size_t(std::max_element(values.begin(), values.end()) - values.begin());
    REQUIRE(values[imax] > 0);
    const double ref = lengths[imax];
    CHECK(ref > 40);
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO(what << " bar " << i << ": " << lengths[i] << " px for " << values[i] << " (max " << values[imax] << " at "
                  << ref << " px)");
        CHECK(std::abs(lengths[i] - ref * values[i] / values[imax]) <= 2.0);
    }
}

}  // namespace

TEST_CASE("gui: a click on a kecamatan row or a top gap flies there and outlines the unit (real pointer)", "[gui][window][metrics]") {
    if (!display_available()) return;
    use_fresh_demo("metrics_fly");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    XPointer ptr(app);
    if (!XPointer::available()) return pc::test::skip("the X server has no XTEST extension: no real pointer");
    Document& doc = app.doc();
    MapView& map = app.map();
    ptr.move(5, 500, 2);
    const ServiceCoverage* s = doc.analysis().service(map.service);
    REQUIRE(s != nullptr);
    REQUIRE(s->kecamatan.size() >= 3);

    // The table sorts by name at first: the row of the first kecamatan in name order. Its item is
    // found by ID (PushID(row) inside the table's scroll area, then the name) under the pointer.
    std::vector<std::pair<std::string, std::string>> by_name;
    for (const auto& k : s->kecamatan) by_name.push_back({k.name, k.code});
    std::stable_sort(by_name.begin(), by_name.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // A row whose kecamatan is away from the district centre, where the map is at first.
    const Coord start = map.to_lonlat(map.camera.vx + map.camera.vw / 2, map.camera.vy + map.camera.vh / 2);
    int row = 0;
    for (int r = 0; r < 6; ++r) {
        const Envelope e = unit_by_code(doc.project().kecamatan, by_name[std::size_t(r)].second).geometry.envelope();
        if (start.x < e.min_x || start.x > e.max_x || start.y < e.min_y || start.y > e.max_y) {
            row = r;
            break;
        }
    }
    ImGuiWindow* panel = XPointer::window("###Metrics");
    REQUIRE(panel != nullptr);
    ImGuiWindow* table = XPointer::child_window(panel, "kecamatan_");
    REQUIRE(table != nullptr);
    const ImGuiID table_id = ImHashStr("kecamatan", 0, panel->ID);
    const ImGuiID row_id = ImHashStr(by_name[std::size_t(row)].first.c_str(), 0, ImHashData(&row, sizeof(row), table_id));
    auto y = ptr.find_item(row_id, table->Pos.x + 20, table->Pos.y, table->Pos.y + table->Size.y, 4);
    REQUIRE(y.has_value());
    ptr.click(table->Pos.x + 20, *y);
    const AdminUnit& kec = unit_by_code(doc.project().kecamatan, by_name[std::size_t(row)].second);
    check_focused(app, kec);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "fly_kecamatan_row.png").string()));

    // The second of the top gaps.
    REQUIRE(s->gap_ranking.size() >= 2);
    const UnitMetrics& gap = s->desa[s->gap_ranking[1]];
    char line[256];
    std::snprintf(line, sizeof line, "2. %s — %s %s", gap.name.c_str(), format_count(gap.uncovered_population).c_str(), tr("people"));
    ptr.move(5, 500, 1);
    click_item(app, ptr, line);
    const AdminUnit& desa = unit_by_code(doc.project().desa, gap.code);
    check_focused(app, desa);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "fly_top_gap.png").string()));
    CHECK_FALSE(doc.selection().has_value());  // the map's features stay as they were

    // The desa table: close the kecamatan table, open the desa one, sort it by uncovered people (a
    // click on the column header: most first), and click its first row.
    click_item(app, ptr, trid("Kecamatan"));
    click_item(app, ptr, trid("Desa"));
    panel = XPointer::window("###Metrics");
    ImGuiWindow* desa_table = XPointer::child_window(panel, "desa_");
    REQUIRE(desa_table != nullptr);
    const ImGuiID desa_table_id = ImHashStr("desa", 0, panel->ID);
    const int uncovered_column = 4;
    const ImGuiID header_id = ImHashStr(tr("Uncovered"), 0, ImHashData(&uncovered_column, sizeof(int), desa_table_id));
    bool header_found = false;
    for (double hx = desa_table->Pos.x + 10; hx < desa_table->Pos.x + desa_table->Size.x && !header_found; hx += 25) {
        ptr.move(hx, desa_table->Pos.y + ImGui::GetTextLineHeight() / 2 + 2);
        if (XPointer::hovered() == header_id) {
            header_found = true;
            ptr.click(hx, desa_table->Pos.y + ImGui::GetTextLineHeight() / 2 + 2);
        }
    }
    REQUIRE(header_found);
    std::size_t most = 0;
    for (std::size_t i = 0; i < s->desa.size(); ++i)
        if (s->desa[i].uncovered_population > s->desa[most].uncovered_population) most = i;
    const int first = 0;
    const ImGuiID first_row = ImHashStr(s->desa[most].name.c_str(), 0, ImHashData(&first, sizeof(first), desa_table_id));
    desa_table = XPointer::child_window(panel, "desa_");
    auto ry = ptr.find_item(first_row, desa_table->Pos.x + 20, desa_table->Pos.y, desa_table->Pos.y + desa_table->Size.y, 4);
    INFO("first row after sorting by uncovered: " << s->desa[most].name);
    REQUIRE(ry.has_value());
    ptr.click(desa_table->Pos.x + 20, *ry);
    check_focused(app, unit_by_code(doc.project().desa, s->desa[most].code));
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "fly_desa_row_sorted.png").string()));
}

TEST_CASE("gui: initiative charts: pillar colours, bars in the ratio of counts and budgets (real pointer)", "[gui][window][metrics]") {
    if (!display_available()) return;
    use_fresh_demo("metrics_charts");
    App app(AppOptions{});
    REQUIRE(app.settle());  // read in the background, drawn, figures computed
    XPointer ptr(app);
    if (!XPointer::available()) return pc::test::skip("the X server has no XTEST extension: no real pointer");
    Document& doc = app.doc();
    ptr.move(5, 500, 2);
    const Project& p = doc.project();
    REQUIRE(p.initiatives.size() >= 6);
    // What the core counts (the initiative statistics), and by hand from the initiatives.
    const InitiativeStats stats = summarise_initiatives(p, {});
    std::vector<double> counts(6, 0), budgets(6, 0);
    for (const auto& i : p.initiatives) {
        counts[std::size_t(i.pillar)] += 1;
        budgets[std::size_t(i.pillar)] += double(i.budget_rp);
    }
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(double(stats.by_pillar[i].count) == counts[i]);
        CHECK(double(stats.by_pillar[i].budget_rp) == budgets[i]);
    }

    // Room for the charts: close the summary, the kecamatan table and the gaps by their headers.
    for (const char* h : {"District summary", "Kecamatan", "Top service gaps"}) click_item(app, ptr, trid(h));
    ImGuiWindow* panel = XPointer::window("###Metrics");
    ptr.move(5, 500, 1);
    capture(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "charts_pillar_count.png").string()));

    auto pillar_bars = [&] {
        std::vector<double> lengths, ys, x0s;
        for (std::size_t i = 0; i < 6; ++i) {
            const auto bars = bars_of(app, panel, pillar_colour(Pillar(i)));
            INFO("pillar " << i << ": " << bars.size() << " bands of its colour");
            CHECK(bars.size() <= 1);
            lengths.push_back(bars.empty() ? 0 : bars.front().length);
            ys.push_back(bars.empty() ? -1 : bars.front().y);
            x0s.push_back(bars.empty() ? -1 : bars.front().x0);
        }
        // One under the other in pillar order, all starting at one x.
        double last_y = -1, x0 = -1;
        for (std::size_t i = 0; i < 6; ++i) {
            if (ys[i] < 0) continue;
            CHECK(ys[i] > last_y);
            last_y = ys[i];
            if (x0 < 0) x0 = x0s[i];
            CHECK(std::abs(x0s[i] - x0) <= 1);
        }
        return lengths;
    };
    check_ratios(pillar_bars(), counts, "count");

    // Budgets: the radio button under the pillar chart's header.
    const ImGuiStyle& st = ImGui::GetStyle();
    click_item(app, ptr, tr("Budget"),
               st.WindowPadding.x + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(tr("Count")).x +
                   st.ItemSpacing.x + ImGui::GetFrameHeight() / 2);
    CHECK(app.ui().charts_by_budget);
    ptr.move(5, 500, 1);
    capture(app);
    REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / "charts_pillar_budget.png").string()));
    check_ratios(pillar_bars(), budgets, "budget");

    // Per OPD and per year (budgets still chosen): one bar per key, in the core's order.
    click_item(app, ptr, trid("Initiatives by pillar"));
    for (const char* h : {"Initiatives by OPD", "Initiatives by year"}) {
        click_item(app, ptr, trid(h));
        ptr.move(5, 500, 1);
        capture(app);
        const bool opd = std::string(h) == "Initiatives by OPD";
        const auto& rows = opd ? stats.by_opd : stats.by_year;
        const auto bars = bars_of(app, panel, opd ? kOpdBarColour : kYearBarColour);
        std::vector<double> lengths, values;
        std::size_t b = 0;
        for (const auto& r : rows) {
            values.push_back(double(r.budget_rp));
            // A zero has no bar: it takes no band.
            lengths.push_back(r.budget_rp > 0 && b < bars.size() ? bars[b++].length : 0);
        }
        INFO(h << ": " << bars.size() << " bars for " << rows.size() << " keys");
        CHECK(b == bars.size());
        check_ratios(lengths, values, h);
        REQUIRE(app.write_png((fs::path(PC_SCREENSHOT_DIR) / (opd ? "charts_opd_budget.png" : "charts_year_budget.png")).string()));
        click_item(app, ptr, trid(h));  // closed again: the next chart gets the room
    }

    // Counts per year (an initiative counts in every year it runs), switched back under the pillar chart.
    click_item(app, ptr, trid("Initiatives by pillar"));
    click_item(app, ptr, tr("Count"), ImGui::GetStyle().WindowPadding.x + ImGui::GetFrameHeight() / 2);
    CHECK_FALSE(app.ui().charts_by_budget);
    click_item(app, ptr, trid("Initiatives by pillar"));
    click_item(app, ptr, trid("Initiatives by year"));
    ptr.move(5, 500, 1);
    capture(app);
    const auto year_bars = bars_of(app, panel, kYearBarColour);
    std::vector<double> year_lengths, year_counts;
    for (std::size_t k = 0; k < stats.by_year.size(); ++k) {
        year_counts.push_back(double(stats.by_year[k].count));
        year_lengths.push_back(k < year_bars.size() ? year_bars[k].length : 0);
    }
    CHECK(year_bars.size() == stats.by_year.size());
    check_ratios(year_lengths, year_counts, "year count");
}
