#include "geo/report/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "geo/report/tables.h"
#include "write_file.h"

namespace pc {

namespace {

bool id(ReportLanguage l) { return l == ReportLanguage::Indonesian; }

// The text in the report's language: English first, Bahasa Indonesia second.
struct Say {
    ReportLanguage lang;
    const char* operator()(const char* en, const char* in) const { return id(lang) ? in : en; }
};

std::string esc(const std::string& s) {
    std::string o;
    o.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

const char* pillar_label(Pillar p, ReportLanguage l) {
    static const char* en[] = {"Smart Governance", "Smart Branding", "Smart Economy",
                               "Smart Society",    "Smart Living",   "Smart Environment"};
    static const char* in[] = {"Smart Governance (tata kelola)", "Smart Branding (citra daerah)",
                               "Smart Economy (ekonomi)",        "Smart Society (masyarakat)",
                               "Smart Living (lingkungan hidup)", "Smart Environment (lingkungan)"};
    return id(l) ? in[std::size_t(p) % 6] : en[std::size_t(p) % 6];
}

const char* status_label(Status s, ReportLanguage l) {
    static const char* en[] = {"Proposed", "Planned", "Ongoing", "Done"};
    static const char* in[] = {"Usulan", "Rencana", "Berjalan", "Selesai"};
    return id(l) ? in[std::size_t(s) % 4] : en[std::size_t(s) % 4];
}

// How a column of the metrics tables is printed.
enum class Unit { Text, Count, Persons, Km2, Percent, Metres, Rupiah };

Unit unit_of(const std::string& column) {
    if (column == "count" || column == "features_used" || column == "features_outside" || column == "rank")
        return Unit::Count;
    if (column.find("ratio") != std::string::npos) return Unit::Percent;
    if (column.find("population") != std::string::npos) return Unit::Persons;
    if (column.find("km2") != std::string::npos) return Unit::Km2;
    if (column.find("budget") != std::string::npos || column.ends_with("_rp")) return Unit::Rupiah;
    if (column.ends_with("_m")) return Unit::Metres;
    return Unit::Text;
}

const char* unit_key(Unit u) {
    switch (u) {
        case Unit::Percent: return "percent";
        case Unit::Rupiah: return "rp";
        case Unit::Text: return "text";
        default: return "number";
    }
}

double number(const ReportCell& c) {
    if (auto* d = std::get_if<double>(&c)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&c)) return double(*i);
    return NAN;
}

std::string text(const ReportCell& c) {
    if (auto* s = std::get_if<std::string>(&c)) return *s;
    return {};
}

std::string column_title(const std::string& column, Say say) {
    static const std::map<std::string, std::pair<const char*, const char*>> titles = {
        {"service", {"Service", "Layanan"}},
        {"label", {"Service", "Layanan"}},
        {"code", {"Code", "Kode"}},
        {"name", {"Name", "Nama"}},
        {"parent_code", {"Kecamatan", "Kecamatan"}},
        {"area_km2", {"Area (km²)", "Luas (km²)"}},
        {"covered_km2", {"Covered area (km²)", "Luas terlayani (km²)"}},
        {"coverage_ratio_area", {"Area covered", "Cakupan luas"}},
        {"population", {"Population", "Penduduk"}},
        {"covered_population", {"Covered population", "Penduduk terlayani"}},
        {"uncovered_population", {"Uncovered population", "Penduduk belum terlayani"}},
        {"coverage_ratio_population", {"Population covered", "Cakupan penduduk"}},
        {"nearest_facility_m", {"Nearest facility (m)", "Fasilitas terdekat (m)"}},
        {"features_used", {"Facilities", "Fasilitas"}},
        {"rank", {"Rank", "Peringkat"}},
        {"uncovered_km2", {"Uncovered area (km²)", "Luas belum terlayani (km²)"}},
        {"count", {"Initiatives", "Inisiatif"}},
        {"budget_rp", {"Budget", "Anggaran"}},
        {"pillar", {"Pillar", "Pilar"}},
        {"opd", {"OPD", "OPD"}},
        {"year", {"Year", "Tahun"}},
        {"key", {"Item", "Butir"}},
        {"value", {"Value", "Nilai"}},
    };
    auto it = titles.find(column);
    return it == titles.end() ? column : say(it->second.first, it->second.second);
}

class Writer {
public:
    Writer(const HtmlReportInput& in) : in_(in), p_(*in.project), r_(*in.result), lang_(in.language), say_{lang_} {
        ReportOptions ro;
        ro.gap_rows = in.top_gaps;
        for (auto& t : metrics_tables(r_, ro)) tables_.emplace(t.name, std::move(t));
        for (const auto& s : p_.settings.facility_types) service_label_[s.key] = s.label;
        for (const auto& s : r_.services)
            if (!service_label_.count(s.service)) service_label_[s.service] = s.label;
    }

    std::string write() {
        head();
        cover();
        summary();
        maps();
        scenarios();
        for (const auto& section : in_.sections) out_ += section;
        coverage_per_kecamatan();
        gaps();
        initiatives();
        atlas();
        appendix();
        out_ += "</body>\n</html>\n";
        return std::move(out_);
    }

private:
    std::string num(double v, int decimals) const { return format_number(v, decimals, lang_); }
    std::string cell(const ReportCell& c, Unit u) const {
        if (u == Unit::Text) return esc(text(c));
        double v = number(c);
        if (std::isnan(v)) return "–";
        switch (u) {
            case Unit::Count: return num(v, 0);
            case Unit::Persons: return num(v, 0);
            case Unit::Km2: return num(v, 2);
            case Unit::Percent: return num(v * 100, 1) + "&nbsp;%";
            case Unit::Metres: return num(v, 0);
            case Unit::Rupiah: return "Rp&nbsp;" + num(v, 0);
            case Unit::Text: break;
        }
        return {};
    }
    const ReportTable& table(const std::string& name) const { return tables_.at(name); }
    std::string service_name(const std::string& key) const {
        auto it = service_label_.find(key);
        return it == service_label_.end() ? key : it->second;
    }

    // A table of chosen columns of a metrics table, rows filtered by `keep`; the markup names the
    // source table and columns so that a reader (or a test) can match every cell to the CSV.
    template <class Keep>
    void data_table(const ReportTable& t, const std::vector<std::string>& columns, Keep keep,
                    const std::string& attrs = "", std::size_t max_rows = 0) {
        std::vector<std::size_t> idx;
        for (auto& c : columns) idx.push_back(t.column(c));
        out_ += "<table class=\"data\" data-table=\"" + t.name + "\"" + attrs + ">\n<thead><tr>";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            Unit u = unit_of(columns[i]);
            out_ += "<th data-column=\"" + columns[i] + "\" data-unit=\"" + unit_key(u) + "\"" +
                    (u == Unit::Text ? "" : " class=\"n\"") + ">" + esc(column_title(columns[i], say_)) + "</th>";
        }
        out_ += "</tr></thead>\n<tbody>\n";
        std::size_t n = 0;
        for (const auto& row : t.rows) {
            if (!keep(row)) continue;
            if (max_rows && n >= max_rows) break;
            ++n;
            out_ += "<tr>";
            for (std::size_t i = 0; i < columns.size(); ++i) {
                Unit u = unit_of(columns[i]);
                std::string v = idx[i] < row.size() ? cell(row[idx[i]], u) : "";
                if (columns[i] == "service" || columns[i] == "label") {
                    // The label for people, the key for machines (and tests) that match rows to the CSV.
                    const std::string key = text(row[idx[i]]);
                    out_ += "<td data-key=\"" + esc(key) + "\">" + esc(service_name(key)) + "</td>";
                    continue;
                }
                out_ += u == Unit::Text ? "<td>" + v + "</td>" : "<td class=\"n\">" + v + "</td>";
            }
            out_ += "</tr>\n";
        }
        out_ += "</tbody></table>\n";
    }

    void figure(const ReportMap& m, const std::string& cls = "map") {
        if (m.png.empty()) return;
        out_ += "<figure class=\"" + cls + "\"><img alt=\"" + esc(m.title) + "\" src=\"data:image/png;base64," +
                base64(m.png) + "\">";
        if (!m.title.empty() || !m.caption.empty())
            out_ += "<figcaption><b>" + esc(m.title) + "</b>" + (m.caption.empty() ? "" : " — " + esc(m.caption)) +
                    "</figcaption>";
        out_ += "</figure>\n";
    }

    void head() {
        out_ += "<!DOCTYPE html>\n<html lang=\"" + std::string(id(lang_) ? "id" : "en") +
                "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title()) + "</title>\n<style>\n" + kCss +
                "</style>\n</head>\n<body>\n";
    }
    std::string district() const {
        return p_.settings.district_name.empty() ? p_.settings.name : p_.settings.district_name;
    }
    std::string period() const {
        const auto& s = p_.settings;
        if (s.period_start <= 0) return {};
        return std::to_string(s.period_start) + (s.period_end > s.period_start ? "–" + std::to_string(s.period_end) : "");
    }
    std::string title() const {
        return std::string(say_("Smart city masterplan annex — ", "Lampiran masterplan smart city — ")) + district();
    }

    void cover() {
        const auto& s = p_.settings;
        out_ += "<section class=\"cover\">\n<p class=\"kicker\">" +
                std::string(say_("Smart city masterplan annex", "Lampiran masterplan smart city")) + "</p>\n<h1>" +
                esc(district()) + "</h1>\n";
        if (!period().empty())
            out_ += "<p class=\"period\">" + std::string(say_("Masterplan period ", "Periode masterplan ")) + period() +
                    "</p>\n";
        if (!s.name.empty()) out_ += "<p>" + esc(s.name) + "</p>\n";
        out_ += "<p class=\"meta\">" + std::string(say_("Coverage and service-gap analysis", "Analisis cakupan dan kesenjangan layanan")) +
                ": " + esc(r_.provenance.tool) + ", " + esc(r_.provenance.computed_at) + "<br>" +
                say_("Analysis CRS", "CRS analisis") + " " + esc(r_.provenance.analysis_crs) + " · " +
                say_("population method", "metode penduduk") + " " + to_key(r_.provenance.population_method) + "<br>" +
                say_("Inputs (SHA-256)", "Masukan (SHA-256)") + " <code>" + esc(r_.provenance.inputs_sha256) +
                "</code></p>\n</section>\n";
    }

    void summary() {
        out_ += "<section class=\"page\">\n<h2>1. " + std::string(say_("District summary", "Ringkasan kabupaten")) + "</h2>\n";
        double pop = 0, area = 0;
        if (!r_.services.empty()) {
            pop = r_.services.front().district.population;
            area = r_.services.front().district.area_km2;
        }
        out_ += "<table class=\"facts\">\n";
        auto fact = [&](const char* en, const char* in, const std::string& v) {
            out_ += "<tr><th>" + std::string(say_(en, in)) + "</th><td>" + v + "</td></tr>\n";
        };
        fact("District", "Kabupaten/kota", esc(district()) + (p_.settings.district_code.empty() ? "" : " (" + esc(p_.settings.district_code) + ")"));
        if (!period().empty()) fact("Masterplan period", "Periode masterplan", period());
        fact("Kecamatan", "Kecamatan", num(double(p_.kecamatan.size()), 0));
        fact("Desa/kelurahan", "Desa/kelurahan", num(double(p_.desa.size()), 0));
        if (!r_.services.empty()) {
            fact("Area", "Luas", num(area, 2) + " km²");
            fact("Population", "Penduduk", num(pop, 0));
        }
        fact("Facilities", "Fasilitas", num(double(p_.facilities.size()), 0));
        fact("Initiatives", "Inisiatif", num(double(r_.initiatives.count), 0) + " · Rp&nbsp;" + num(double(r_.initiatives.budget_rp), 0));
        out_ += "</table>\n<h3>" + std::string(say_("Coverage of the district per service", "Cakupan kabupaten per layanan")) + "</h3>\n";
        data_table(table("metrics_district"),
                   {"service", "features_used", "area_km2", "covered_km2", "coverage_ratio_area", "population",
                    "covered_population", "uncovered_population", "coverage_ratio_population"},
                   [](const auto&) { return true; });
        out_ += "</section>\n";
    }

    void maps() {
        if (in_.maps.empty()) return;
        out_ += "<section class=\"page\">\n<h2>2. " + std::string(say_("Maps", "Peta")) + "</h2>\n";
        bool first = true;
        for (const auto& m : in_.maps) {
            if (!first) out_ += "<div class=\"break\"></div>\n";
            first = false;
            figure(m);
        }
        out_ += "</section>\n";
    }

    // What the plan holds, in words: "all initiatives" or the years, statuses and pillars chosen.
    std::string filter_text(const ScenarioFilter& f) const {
        std::string t;
        auto add = [&](const std::string& part) { t += (t.empty() ? "" : "; ") + part; };
        if (!f.years.empty()) {
            std::string y;
            for (int v : f.years) y += (y.empty() ? "" : ", ") + std::to_string(v);
            add(std::string(say_("years ", "tahun ")) + y);
        }
        if (!f.statuses.empty()) {
            std::string y;
            for (Status v : f.statuses) y += (y.empty() ? "" : ", ") + std::string(status_label(v, lang_));
            add(std::string(say_("status ", "status ")) + y);
        }
        if (!f.pillars.empty()) {
            std::string y;
            for (Pillar v : f.pillars) y += (y.empty() ? "" : ", ") + std::string(pillar_label(v, lang_));
            add(std::string(say_("pillars ", "pilar ")) + y);
        }
        return t.empty() ? say_("all initiatives", "semua inisiatif") : t;
    }

    void scenarios() {
        if (in_.scenarios.empty()) return;
        out_ += "<section class=\"page\">\n<h2>2b. " +
                std::string(say_("Plan against baseline", "Rencana terhadap kondisi awal")) + "</h2>\n<p>" +
                say_("Baseline: the existing facilities. Plan: the baseline plus the initiatives below, each serving "
                     "its radius as a facility of the compared service. A gap counts as closed when the uncovered "
                     "population drops by the threshold given (or to nobody).",
                     "Kondisi awal: fasilitas yang ada. Rencana: kondisi awal ditambah inisiatif di bawah, masing-masing "
                     "melayani radiusnya sebagai fasilitas layanan yang dibandingkan. Kesenjangan dianggap tertutup bila "
                     "penduduk yang belum terlayani turun sebesar ambang yang disebut (atau menjadi nol).") +
                "</p>\n";
        auto pct = [&](double a, double b) { return b > 0 ? num(100 * a / b, 1) + "&nbsp;%" : std::string("–"); };
        auto change = [&](double v) { return (v >= 0.5 ? "+" : "") + num(v, 0); };
        for (const auto& sc : in_.scenarios) {
            const ScenarioComparison& c = sc.comparison;
            out_ += "<h3>" + esc(sc.title) + " — " + esc(service_name(c.service)) + "</h3>\n<p>" +
                    say_("Plan: ", "Rencana: ") + esc(filter_text(sc.filter)) + " · " + num(double(c.initiatives_in_plan), 0) +
                    say_(" initiatives with a service radius", " inisiatif dengan radius layanan") + " · Rp&nbsp;" +
                    num(double(c.plan_budget_rp), 0) + " · " + say_("gap closed at a drop of ", "kesenjangan tertutup bila turun ") +
                    num(c.gap_closed_drop_pct, 0) + "&nbsp;%</p>\n";
            out_ += "<table class=\"data\" data-table=\"scenario\" data-service=\"" + esc(c.service) + "\" data-view=\"" +
                    esc(sc.title) + "\">\n<thead><tr><th>" + say_("Code", "Kode") + "</th><th>Kecamatan</th><th class=\"n\">" +
                    say_("Population", "Penduduk") + "</th><th class=\"n\">" + say_("Covered, baseline", "Terlayani, kondisi awal") +
                    "</th><th class=\"n\">" + say_("Covered, plan", "Terlayani, rencana") + "</th><th class=\"n\">" +
                    say_("Change", "Perubahan") + "</th><th class=\"n\">" + say_("Baseline", "Kondisi awal") +
                    "</th><th class=\"n\">" + say_("Plan", "Rencana") + "</th><th class=\"n\">" +
                    say_("Desa gaps closed", "Kesenjangan desa tertutup") + "</th></tr></thead>\n<tbody>\n";
            auto row = [&](const ScenarioUnit& u, bool total) {
                out_ += std::string(total ? "<tr class=\"total\">" : "<tr>") + "<td>" + esc(u.code) + "</td><td>" +
                        esc(u.name) + "</td><td class=\"n\">" + num(u.population, 0) + "</td><td class=\"n\">" +
                        num(u.baseline_covered_population, 0) + "</td><td class=\"n\">" + num(u.plan_covered_population, 0) +
                        "</td><td class=\"n\">" + change(u.covered_population_change()) + "</td><td class=\"n\">" +
                        pct(u.baseline_covered_population, u.population) + "</td><td class=\"n\">" +
                        pct(u.plan_covered_population, u.population) + "</td><td class=\"n\">" +
                        num(double(u.desa_gaps_closed), 0) + "</td></tr>\n";
            };
            // Largest gain first, as the application's scenario panel lists them.
            std::vector<const ScenarioUnit*> rows;
            for (const auto& k : c.kecamatan) rows.push_back(&k);
            std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
                return a->covered_population_change() > b->covered_population_change();
            });
            for (const ScenarioUnit* k : rows) row(*k, false);
            ScenarioUnit d = c.district;
            d.name = say_("District", "Kabupaten");  // short: the district's full name is on the cover
            row(d, true);
            out_ += "</tbody></table>\n";
        }
        out_ += "</section>\n";
    }

    void coverage_per_kecamatan() {
        out_ += "<section class=\"page\">\n<h2>3. " +
                std::string(say_("Coverage per kecamatan", "Cakupan per kecamatan")) + "</h2>\n";
        const auto& t = table("metrics_kecamatan");
        const std::size_t sc = t.column("service");
        for (const auto& s : r_.services) {
            out_ += "<h3>" + esc(service_name(s.service)) + "</h3>\n";
            data_table(t,
                       {"code", "name", "area_km2", "coverage_ratio_area", "population", "covered_population",
                        "uncovered_population", "coverage_ratio_population"},
                       [&](const auto& row) { return text(row[sc]) == s.service; },
                       " data-service=\"" + esc(s.service) + "\"");
        }
        out_ += "</section>\n";
    }

    void gaps() {
        out_ += "<section class=\"page\">\n<h2>4. " + std::string(say_("Top service gaps", "Kesenjangan layanan terbesar")) +
                "</h2>\n<p>" +
                say_("Desa ranked by the population outside the service area, then by the uncovered area.",
                     "Desa diurutkan menurut penduduk di luar area layanan, lalu luas yang belum terlayani.") +
                "</p>\n";
        const auto& t = table("gap_ranking");
        const std::size_t sc = t.column("service");
        for (const auto& s : r_.services) {
            out_ += "<h3>" + esc(service_name(s.service)) + "</h3>\n";
            data_table(t,
                       {"rank", "code", "name", "parent_code", "uncovered_population", "uncovered_km2",
                        "coverage_ratio_population", "nearest_facility_m"},
                       [&](const auto& row) { return text(row[sc]) == s.service; },
                       " data-service=\"" + esc(s.service) + "\"");
        }
        out_ += "</section>\n";
    }

    void initiatives() {
        out_ += "<section class=\"page\">\n<h2>5. " +
                std::string(say_("Initiatives per pillar, OPD and year", "Inisiatif per pilar, OPD dan tahun")) + "</h2>\n";
        auto all = [](const auto&) { return true; };
        out_ += "<h3>" + std::string(say_("Per pillar", "Per pilar")) + "</h3>\n";
        // Pillar keys printed as their names.
        {
            const auto& t = table("initiatives_by_pillar");
            out_ += "<table class=\"data\" data-table=\"initiatives_by_pillar\">\n<thead><tr><th data-column=\"pillar\" data-unit=\"text\">" +
                    column_title("pillar", say_) + "</th><th data-column=\"count\" data-unit=\"number\" class=\"n\">" +
                    column_title("count", say_) + "</th><th data-column=\"budget_rp\" data-unit=\"rp\" class=\"n\">" +
                    column_title("budget_rp", say_) + "</th></tr></thead>\n<tbody>\n";
            for (const auto& row : t.rows) {
                std::string key = text(row[0]);
                auto pl = parse_pillar(key);
                out_ += "<tr><td>" + esc(pl ? pillar_label(*pl, lang_) : key) + "</td><td class=\"n\">" +
                        cell(row[1], Unit::Count) + "</td><td class=\"n\">" + cell(row[2], Unit::Rupiah) + "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        out_ += "<h3>" + std::string(say_("Per OPD", "Per OPD")) + "</h3>\n";
        data_table(table("initiatives_by_opd"), {"opd", "count", "budget_rp"}, all);
        out_ += "<h3>" + std::string(say_("Per year (active initiatives; budget spread over their years)",
                                          "Per tahun (inisiatif aktif; anggaran dibagi rata atas tahunnya)")) +
                "</h3>\n";
        data_table(table("initiatives_by_year"), {"year", "count", "budget_rp"}, all);
        out_ += "</section>\n";
    }

    void atlas() {
        out_ += "<section class=\"page\">\n<h2>6. " + std::string(say_("Kecamatan atlas", "Atlas kecamatan")) + "</h2>\n</section>\n";
        const auto& t = table("metrics_kecamatan");
        const std::size_t code_c = t.column("code");
        std::map<std::string, std::vector<const Initiative*>> by_kec;
        std::map<Uuid, const Initiative*> by_id;
        for (const auto& in : p_.initiatives) by_id[in.id] = &in;
        for (const auto& rch : r_.initiatives.reach)
            if (auto it = by_id.find(rch.id); it != by_id.end()) by_kec[rch.kecamatan_code].push_back(it->second);
        for (const auto& k : p_.kecamatan) {
            out_ += "<section class=\"atlas\" data-kecamatan=\"" + esc(k.code) + "\">\n<h2>" +
                    std::string(say_("Kecamatan ", "Kecamatan ")) + esc(k.name) + " <small>" + esc(k.code) +
                    "</small></h2>\n";
            if (auto it = in_.kecamatan_maps.find(k.code); it != in_.kecamatan_maps.end()) figure(it->second, "map atlas-map");
            out_ += "<h3>" + std::string(say_("Coverage", "Cakupan")) + "</h3>\n";
            data_table(t,
                       {"service", "area_km2", "population", "covered_population", "uncovered_population",
                        "coverage_ratio_population"},
                       [&](const auto& row) { return text(row[code_c]) == k.code; },
                       " data-kecamatan=\"" + esc(k.code) + "\"");
            const auto& list = by_kec[k.code];
            out_ += "<h3>" + std::string(say_("Initiatives", "Inisiatif")) + " (" + num(double(list.size()), 0) + ")</h3>\n";
            if (list.empty()) {
                out_ += "<p class=\"none\">" + std::string(say_("No initiative in this kecamatan.", "Belum ada inisiatif di kecamatan ini.")) + "</p>\n";
            } else {
                out_ += std::string("<table class=\"data small\"><thead><tr><th>") + say_("Initiative", "Inisiatif") +
                        "</th><th>" + say_("Pillar", "Pilar") + "</th><th>OPD</th><th>" + say_("Years", "Tahun") +
                        "</th><th>Status</th><th class=\"n\">" + say_("Budget", "Anggaran") + "</th></tr></thead><tbody>\n";
                for (const Initiative* in : list) {
                    std::string years = in->start_year > 0 ? std::to_string(in->start_year) : "";
                    if (in->end_year > in->start_year) years += "–" + std::to_string(in->end_year);
                    out_ += "<tr><td>" + esc(in->name) + "</td><td>" + pillar_label(in->pillar, lang_) + "</td><td>" +
                            esc(in->opd) + "</td><td>" + years + "</td><td>" + status_label(in->status, lang_) +
                            "</td><td class=\"n\">Rp&nbsp;" + num(double(in->budget_rp), 0) + "</td></tr>\n";
                }
                out_ += "</tbody></table>\n";
            }
            out_ += "</section>\n";
        }
    }

    void appendix() {
        out_ += "<section class=\"page\">\n<h2>" + std::string(say_("Appendix: parameters and inputs", "Lampiran: parameter dan masukan")) +
                "</h2>\n<p>" +
                say_("Every number of this annex was computed with these parameters from inputs whose SHA-256 is "
                     "given; the same figures are in the CSV and XLSX outputs of petacerdas analyze.",
                     "Setiap angka dalam lampiran ini dihitung dengan parameter berikut dari masukan dengan SHA-256 "
                     "di bawah; angka yang sama ada di keluaran CSV dan XLSX dari petacerdas analyze.") +
                "</p>\n";
        data_table(table("provenance"), {"key", "value"}, [](const auto&) { return true; }, " class=\"prov\"");
        const auto& q = r_.quality;
        out_ += "<h3>" + std::string(say_("Data quality", "Kualitas data")) + "</h3>\n<ul>\n";
        out_ += "<li>" + std::string(say_("Geometries repaired: ", "Geometri diperbaiki: ")) + num(double(q.geometries_repaired), 0) + "</li>\n";
        out_ += "<li>" + std::string(say_("Facilities outside the district: ", "Fasilitas di luar kabupaten: ")) + num(double(q.facilities_outside), 0) +
                " (" + num(double(q.facilities_across_border), 0) + say_(" serve desa inside and count)", " melayani desa di dalam dan dihitung)") + "</li>\n";
        out_ += "<li>" + std::string(say_("Initiatives outside the district: ", "Inisiatif di luar kabupaten: ")) + num(double(q.initiatives_outside), 0) +
                " (" + num(double(q.initiatives_across_border), 0) + say_(" serve desa inside and count)", " melayani desa di dalam dan dihitung)") + "</li>\n";
        out_ += "<li>" + std::string(say_("Overlapping desa pairs: ", "Pasangan desa bertumpang tindih: ")) + num(double(q.desa_overlap_pairs), 0) + " (" + num(q.desa_overlap_km2, 3) + " km²)</li>\n";
        for (const auto& w : q.warnings) out_ += "<li>" + esc(w) + "</li>\n";
        out_ += "</ul>\n</section>\n";
    }

    static constexpr const char* kCss = R"CSS(
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 9pt "Noto Sans", sans-serif; color: #555; } }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; color: #1b1b1b; }
@media screen { body { max-width: 190mm; margin: auto; } }
h1 { font-size: 28pt; margin: 0 0 4mm 0; color: #0d3c73; }
h2 { font-size: 16pt; color: #0d3c73; border-bottom: 2px solid #1565c0; padding-bottom: 1mm; margin-top: 0; }
h2 small { font-size: 10pt; color: #555; font-weight: normal; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm 0; }
.cover { padding-top: 60mm; page-break-after: always; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.1em; color: #1565c0; }
.cover .period { font-size: 14pt; }
.cover .meta { margin-top: 40mm; font-size: 9pt; color: #444; }
code { font-size: 8pt; word-break: break-all; }
section.page, section.atlas { page-break-before: always; }
.cover + section.page { page-break-before: auto; }
.break { page-break-after: always; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0; font-size: 8pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border-bottom: 0.5pt solid #c8c8c8; padding: 1mm 1.2mm; text-align: left; vertical-align: top; }
thead th { background: #e8eef6; border-bottom: 1pt solid #7a90ad; }
th.n { text-align: right; }
td.n { text-align: right; white-space: nowrap; }
table.facts { width: auto; font-size: 10pt; }
table.facts th { background: none; padding-right: 8mm; }
table.small { font-size: 8pt; }
table.prov td { word-break: break-all; }
figure { margin: 0 0 4mm 0; }
figure img { width: 100%; border: 0.5pt solid #999; }
figcaption { font-size: 9pt; color: #333; margin-top: 1mm; }
.none { color: #666; font-style: italic; }
tr.total td { font-weight: bold; border-top: 1pt solid #7a90ad; }
)CSS";

    const HtmlReportInput& in_;
    const Project& p_;
    const AnalysisResult& r_;
    ReportLanguage lang_;
    Say say_;
    std::map<std::string, ReportTable> tables_;
    std::map<std::string, std::string> service_label_;
    std::string out_;
};

}  // namespace

std::string format_number(double v, int decimals, ReportLanguage language) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf, sign;
    if (!s.empty() && s[0] == '-') {
        sign = "-";
        s.erase(0, 1);
    }
    std::string whole = s, frac;
    if (auto dot = s.find('.'); dot != std::string::npos) {
        whole = s.substr(0, dot);
        frac = s.substr(dot + 1);
    }
    const char group = language == ReportLanguage::Indonesian ? '.' : ',';
    const char point = language == ReportLanguage::Indonesian ? ',' : '.';
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
        grouped += whole[i];
    }
    if (sign == "-" && grouped.find_first_not_of("0.,") == std::string::npos && frac.find_first_not_of('0') == std::string::npos)
        sign.clear();  // "-0,0" -> "0,0"
    return sign + grouped + (frac.empty() ? "" : std::string(1, point) + frac);
}

std::string base64(const std::vector<std::uint8_t>& b) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string o;
    o.reserve((b.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < b.size(); i += 3) {
        std::uint32_t n = (std::uint32_t(b[i]) << 16) | (std::uint32_t(b[i + 1]) << 8) | b[i + 2];
        o += k[n >> 18];
        o += k[(n >> 12) & 63];
        o += k[(n >> 6) & 63];
        o += k[n & 63];
    }
    if (i + 1 == b.size()) {
        std::uint32_t n = std::uint32_t(b[i]) << 16;
        o += k[n >> 18];
        o += k[(n >> 12) & 63];
        o += "==";
    } else if (i + 2 == b.size()) {
        std::uint32_t n = (std::uint32_t(b[i]) << 16) | (std::uint32_t(b[i + 1]) << 8);
        o += k[n >> 18];
        o += k[(n >> 12) & 63];
        o += k[(n >> 6) & 63];
        o += '=';
    }
    return o;
}

std::string html_report(const HtmlReportInput& input) {
    if (!input.project || !input.result) throw std::invalid_argument("html_report needs a project and its analysis");
    return Writer(input).write();
}

void write_html_report(const HtmlReportInput& input, const std::string& path) {
    report_detail::write_text_atomic(path, html_report(input));
}

}  // namespace pc
