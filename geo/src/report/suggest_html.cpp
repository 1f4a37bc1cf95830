// Site suggestion as SVG and HTML (geo/report/suggest_html.h).
#include "geo/report/suggest_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "geo/error.h"

namespace pc {

namespace {

std::string esc(const std::string& s) {
    std::string o;
    for (char ch : s) {
        switch (ch) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += ch;
        }
    }
    return o;
}

std::string num(double v, int decimals = 1) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

struct Words {
    const char* title;
    const char* sites;
    const char* people_added;
    const char* cumulative;
    const char* share;
    const char* desa;
    const char* kecamatan;
    const char* serves;
    const char* cost_per_person;
    const char* curve;
    const char* map;
    const char* method;
};

const Words& words(ReportLanguage l) {
    static const Words id{"Usulan lokasi", "Jumlah lokasi", "Penduduk baru terlayani", "Kumulatif",
                          "Porsi dari yang belum terlayani", "Desa", "Kecamatan", "Desa yang dilayani",
                          "Biaya per orang (Rp)", "Kurva kumulatif: penduduk terlayani menurut jumlah lokasi",
                          "Peta lokasi usulan dan jangkauan layanannya",
                          "Metode: maximal covering location pada potongan penduduk analisis (sel grid dipotong desa), "
                          "dikurangi jangkauan fasilitas yang ada; greedy dengan evaluasi malas, lalu pertukaran tunggal "
                          "dan berpasangan sampai tidak ada yang menambah penduduk. Penduduk yang ditambahkan sama dengan "
                          "hasil analisis setelah lokasi ditempatkan."};
    static const Words en{"Suggested sites", "Number of sites", "People newly covered", "Cumulative",
                          "Share of the uncovered", "Desa", "Kecamatan", "Desa served", "Cost per person (Rp)",
                          "Cumulative curve: people covered against the number of sites",
                          "Map of the suggested sites and their service areas",
                          "Method: maximal covering location on the analysis's population pieces (grid cells cut by "
                          "desa) minus what the existing facilities cover; greedy with lazy re-evaluation, then single "
                          "and pair swaps until none adds anyone. The people added equal the analysis after placing "
                          "the sites."};
    return l == ReportLanguage::English ? en : id;
}

}  // namespace

std::string suggestion_curve_svg(const SuggestResult& r, ReportLanguage language, int width, int height) {
    const Words& w = words(language);
    const double left = 80, right = 20, top = 20, bottom = 50;
    const double pw = width - left - right, ph = height - top - bottom;
    const std::size_t n = r.sites.size();
    const double ymax = std::max(1.0, r.people_added) * 1.05;
    auto X = [&](double k) { return left + pw * k / double(std::max<std::size_t>(n, 1)); };
    auto Y = [&](double v) { return top + ph * (1 - v / ymax); };
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"suggest-curve\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\" style=\"max-width:100%;height:auto\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" font-family=\"Noto Sans, sans-serif\" font-size=\"12\">\n";
    // Axes and gridlines (five steps).
    for (int g = 0; g <= 5; ++g) {
        const double v = ymax / 1.05 * g / 5;
        s += "<line x1=\"" + num(left) + "\" y1=\"" + num(Y(v)) + "\" x2=\"" + num(left + pw) + "\" y2=\"" + num(Y(v)) +
             "\" stroke=\"#ddd\"/>\n<text x=\"" + num(left - 6) + "\" y=\"" + num(Y(v) + 4) + "\" text-anchor=\"end\">" +
             format_number(v, 0, language) + "</text>\n";
    }
    // Bars: the people each site adds, at its position on the curve.
    const double bw = pw / double(std::max<std::size_t>(n, 1)) * 0.6;
    for (std::size_t k = 0; k < n; ++k) {
        const double x = X(double(k) + 0.5) - bw / 2;
        s += "<rect class=\"bar\" x=\"" + num(x) + "\" y=\"" + num(Y(r.sites[k].people_added)) + "\" width=\"" + num(bw) +
             "\" height=\"" + num(Y(0) - Y(r.sites[k].people_added)) + "\" fill=\"#9ecae1\"/>\n";
    }
    // The cumulative line from (0, 0).
    std::string pts = num(X(0)) + "," + num(Y(0));
    for (std::size_t k = 0; k < n; ++k) pts += " " + num(X(double(k + 1))) + "," + num(Y(r.sites[k].cumulative));
    s += "<polyline class=\"cumulative\" points=\"" + pts + "\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\"/>\n";
    for (std::size_t k = 0; k < n; ++k)
        s += "<circle cx=\"" + num(X(double(k + 1))) + "\" cy=\"" + num(Y(r.sites[k].cumulative)) +
             "\" r=\"3.5\" fill=\"#08519c\"/>\n";
    for (std::size_t k = 0; k <= n; ++k)
        s += "<text x=\"" + num(X(double(k))) + "\" y=\"" + num(top + ph + 16) + "\" text-anchor=\"middle\">" +
             std::to_string(k) + "</text>\n";
    s += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + ph) + "\" x2=\"" + num(left + pw) + "\" y2=\"" + num(top + ph) +
         "\" stroke=\"#333\"/>\n<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(height - 8.0) +
         "\" text-anchor=\"middle\">" + esc(w.sites) + "</text>\n";
    s += "<text x=\"" + num(left + 8) + "\" y=\"" + num(top + 12) + "\" fill=\"#08519c\">" + esc(w.cumulative) + " — " +
         esc(w.people_added) + "</text>\n</svg>\n";
    return s;
}

std::string suggestion_map_svg(const SuggestResult& r, const Project& project, int width, int height) {
    Envelope e;
    for (auto& d : project.desa) e.expand(d.geometry.envelope());
    for (auto& s : r.sites) e.expand(s.service_area.envelope());
    if (e.empty()) e = Envelope{0, 0, 1, 1};
    const double k = std::cos(e.centre().y * M_PI / 180);
    const double sx = (width - 20) / std::max(1e-9, e.width() * k), sy = (height - 20) / std::max(1e-9, e.height());
    const double sc = std::min(sx, sy);
    auto P = [&](Coord c) { return num(10 + (c.x - e.min_x) * k * sc, 2) + "," + num(10 + (e.max_y - c.y) * sc, 2); };
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"suggest-map\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\" style=\"max-width:100%;height:auto\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" font-family=\"Noto Sans, sans-serif\">\n";
    auto path_of = [&](const Geometry& g) {
        std::string d;
        for (auto& poly : g.polygons)
            for (auto& ring : poly.rings) {
                for (std::size_t i = 0; i < ring.size(); ++i) d += (i ? "L" : "M") + P(ring[i]);
                d += "Z";
            }
        return d;
    };
    s += "<g class=\"desa\" fill=\"#f7f7f7\" stroke=\"#999\" stroke-width=\"0.5\">\n";
    for (auto& d : project.desa) s += "<path d=\"" + path_of(d.geometry) + "\"/>\n";
    s += "</g>\n<g class=\"areas\" fill=\"#d7263d\" fill-opacity=\"0.18\" stroke=\"#d7263d\" stroke-width=\"1\">\n";
    for (auto& site : r.sites) s += "<path d=\"" + path_of(site.service_area) + "\"/>\n";
    s += "</g>\n<g class=\"sites\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\">\n";
    for (std::size_t i = 0; i < r.sites.size(); ++i) {
        const std::string p = P(r.sites[i].lonlat);
        const auto comma = p.find(',');
        const std::string x = p.substr(0, comma), y = p.substr(comma + 1);
        s += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"8\" fill=\"#d7263d\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
             "<text x=\"" + x + "\" y=\"" + num(std::stod(y) + 4, 2) + "\" fill=\"#fff\">" + std::to_string(i + 1) + "</text>\n";
    }
    s += "</g>\n</svg>\n";
    return s;
}

std::string suggestion_section_html(const SuggestResult& r, const Project& project, ReportLanguage language,
                                    std::int64_t cost) {
    const Words& w = words(language);
    auto n0 = [&](double v) { return format_number(v, 0, language); };
    std::string h = "<section class=\"suggestion\">\n<h2>" + esc(w.title) + ": " + esc(r.service_label) + " (" +
                    n0(r.radius_m) + " m), " + esc(r.within_label) + "</h2>\n";
    h += "<p>" + n0(r.population) + (language == ReportLanguage::English ? " people, " : " penduduk, ") + n0(r.uncovered_before) +
         (language == ReportLanguage::English ? " not covered by the existing sites; " : " belum terlayani fasilitas yang ada; ") +
         std::to_string(r.sites.size()) + (language == ReportLanguage::English ? " sites add " : " lokasi menambah ") +
         n0(r.people_added) + " (" + format_number(r.uncovered_before > 0 ? 100 * r.people_added / r.uncovered_before : 0, 1, language) +
         " %).</p>\n<p class=\"method\">" + esc(w.method) + "</p>\n";
    h += "<figure><figcaption>" + esc(w.curve) + "</figcaption>\n" + suggestion_curve_svg(r, language) + "</figure>\n";
    h += "<figure><figcaption>" + esc(w.map) + "</figcaption>\n" + suggestion_map_svg(r, project) + "</figure>\n";
    h += "<table>\n<tr><th>#</th><th>" + esc(w.desa) + "</th><th>" + esc(w.kecamatan) + "</th><th>" + esc(w.people_added) +
         "</th><th>" + esc(w.cumulative) + "</th><th>" + esc(w.share) + "</th>" +
         (cost > 0 ? "<th>" + esc(w.cost_per_person) + "</th>" : std::string()) + "<th>" + esc(w.serves) + "</th></tr>\n";
    for (std::size_t k = 0; k < r.sites.size(); ++k) {
        const auto& s = r.sites[k];
        std::string served;
        for (std::size_t q = 0; q < s.serves.size() && q < 3; ++q)
            served += (q ? "; " : "") + esc(s.serves[q].name) + " (" + n0(s.serves[q].people) + ")";
        h += "<tr><td>" + std::to_string(k + 1) + "</td><td>" + esc(s.desa_name) + "</td><td>" + esc(s.kecamatan_name) +
             "</td><td class=\"n\">" + n0(s.people_added) + "</td><td class=\"n\">" + n0(s.cumulative) + "</td><td class=\"n\">" +
             format_number(r.uncovered_before > 0 ? 100 * s.cumulative / r.uncovered_before : 0, 1, language) + " %</td>" +
             (cost > 0 ? "<td class=\"n\">" + n0(s.people_added > 0 ? double(cost) / s.people_added : 0) + "</td>" : std::string()) +
             "<td>" + served + "</td></tr>\n";
    }
    h += "</table>\n</section>\n";
    return h;
}

void write_suggestion_html(const SuggestResult& r, const Project& project, ReportLanguage language, std::int64_t cost,
                           const std::string& path) {
    const std::string page =
        "<!DOCTYPE html>\n<html lang=\"" + std::string(language == ReportLanguage::English ? "en" : "id") +
        "\"><head><meta charset=\"utf-8\"><title>" + esc(words(language).title) + " — " + esc(r.service_label) +
        "</title><style>body{font-family:'Noto Sans',sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em}td.n{text-align:right}figure{margin:1em 0}"
        "figcaption{font-weight:bold;margin-bottom:.3em}.method{color:#555}</style></head><body>\n" +
        suggestion_section_html(r, project, language, cost) + "</body></html>\n";
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary);
        f << page;
        if (!f) throw IoError("cannot write '" + tmp + "'");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw IoError("cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
}

}  // namespace pc
