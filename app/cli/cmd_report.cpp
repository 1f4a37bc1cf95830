// petacerdas report: the masterplan annex of a project as a self-contained HTML file and a PDF,
// with its maps drawn offscreen (no display needed).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <spawn.h>
#include <sys/wait.h>

#include "cli.h"
#include "cli_render.h"
#include "geo/error.h"
#include "geo/analysis/suggest.h"
#include "geo/report/html.h"
#include "geo/report/suggest_html.h"
#include "offscreen/egl_context.h"
#include "render/png.h"
#include "render/scenario_split.h"

extern char** environ;

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas report PROJECT --out DIR [--lang id|en] [--map-size WxH] [--top N] [--no-pdf]\n"
    "                         [--suggest SERVICE:N ...]\n"
    "\n"
    "Writes the masterplan annex of PROJECT: DIR/report.html (one self-contained file: maps embedded,\n"
    "styles inline) and DIR/report.pdf (A4, printed from the HTML by WeasyPrint). It holds the district\n"
    "summary, coverage per kecamatan for every service, the top service gaps, the initiatives per\n"
    "pillar, OPD and year, the maps (district overview and every saved view, a view's baseline/plan\n"
    "comparison drawn as in the application), the change per kecamatan of every compared plan, one atlas page per\n"
    "kecamatan (its map, its figures, its initiatives) and an appendix of the parameters and input\n"
    "hashes. The numbers are those of the CSV tables of 'petacerdas analyze'.\n"
    "Needs no display: maps are drawn offscreen through EGL on Mesa.\n"
    "\n"
    "Options:\n"
    "  --out DIR        output folder (created when missing)\n"
    "  --lang id|en     Bahasa Indonesia (default) or English\n"
    "  --map-size WxH   pixels of each map (default 1800x1200)\n"
    "  --top N          gaps listed per service (default 10)\n"
    "  --no-pdf         write the HTML only\n"
    "  --suggest S:N    add a section suggesting N more sites of service S (as `petacerdas suggest`, desa\n"
    "                   candidates): the cumulative curve, the map and the table; repeatable\n"
    "  -h, --help       this text\n";

std::string find_in_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string all = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= all.size()) {
        std::size_t end = all.find(':', start);
        if (end == std::string::npos) end = all.size();
        std::filesystem::path candidate = std::filesystem::path(all.substr(start, end - start)) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        start = end + 1;
    }
    return {};
}

// WeasyPrint prints the HTML with its @page rules (A4, page numbers, page breaks).
void print_pdf(const std::string& html, const std::string& pdf) {
    const std::string weasyprint = find_in_path("weasyprint");
    if (weasyprint.empty())
        throw std::runtime_error("weasyprint not found: install it (scripts/install-deps.sh) or use --no-pdf");
    std::vector<std::string> args{weasyprint, "--quiet", html, pdf};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, weasyprint.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + weasyprint);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("weasyprint failed to print " + html + " to " + pdf);
}

ReportMap to_report_map(gui::MapImageRenderer& r, NamedMap m) {
    // Type sized for an A4 page (the map spans ~18 cm): a layout 1000 pixels high.
    m.request.scale = m.request.height / 1000.0;
    gui::MapImage img = r.render(m.request);
    return {m.request.title, m.request.caption, gui::encode_png_rgba(img.width, img.height, img.rgba.data())};
}

int run(const std::vector<std::string>& argv) {
    namespace fs = std::filesystem;
    Args a = parse(argv, {"--out", "--lang", "--map-size", "--top", "--suggest"}, {"--no-pdf"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const auto out = a.get("--out");
    if (!out) throw UsageError("needs --out DIR");
    auto [width, height] = parse_size(a.get("--map-size").value_or("1800x1200"));
    const gui::Language lang = parse_language(a.get("--lang").value_or("id"));
    const long long top = a.integer("--top", 10);
    if (top < 1) throw UsageError("--top must be at least 1");
    gui::set_language(lang);

    const std::string project_path = a.positional[0];
    require_project(project_path);
    const auto started = std::chrono::steady_clock::now();
    Progress load("reading " + project_path);
    auto doc = Document::open(project_path);
    const Project& p = doc->project();
    load.done(std::to_string(p.desa.size()) + " desa, " + std::to_string(p.kecamatan.size()) + " kecamatan");

    Progress analyse("analyzing " + std::to_string(p.desa.size()) + " desa");
    const AnalysisResult& result = doc->analysis();
    analyse.done(std::to_string(result.services.size()) + " services");

    HtmlReportInput in;
    in.project = &p;
    in.result = &result;
    in.language = lang == gui::Language::English ? ReportLanguage::English : ReportLanguage::Indonesian;
    in.top_gaps = std::size_t(top);

    // The change table of every saved view that compares a plan (the same comparison twice: once).
    for (const View& v : p.views) {
        if (v.kind != ViewKind::Map || !gui::scenario_shows_plan(v.scenario.mode)) continue;
        const std::string svc = gui::scenario_service(p, v.choropleth.service);
        if (svc.empty()) continue;
        const bool seen = std::any_of(in.scenarios.begin(), in.scenarios.end(), [&](const ReportScenario& s) {
            return s.filter == v.scenario.filter && s.comparison.service == svc &&
                   s.comparison.gap_closed_drop_pct == v.scenario.gap_closed_drop_pct;
        });
        if (seen) continue;
        Progress cmp("comparing plan and baseline (" + v.name + ")");
        in.scenarios.push_back({v.name, v.scenario.filter,
                                compare_scenarios(gui::scenario_input(p, svc), v.scenario.filter, svc, v.scenario.gap_closed_drop_pct, doc->options())});
        cmp.done(std::to_string(in.scenarios.back().comparison.initiatives_in_plan) + " initiatives in the plan");
    }

    // Site suggestions asked for (--suggest SERVICE:N), each a section with its curve and map.
    if (!a.all("--suggest").empty()) {
        const CoverageEngine engine(p, doc->options());
        for (const auto& spec : a.all("--suggest")) {
            const auto colon = spec.rfind(':');
            SuggestOptions so;
            so.service = spec.substr(0, colon);
            long long n = 0;
            try {
                n = colon == std::string::npos ? 0 : std::stoll(spec.substr(colon + 1));
            } catch (...) {
            }
            if (so.service.empty() || n < 1) throw UsageError("--suggest needs SERVICE:N, e.g. bts:5");
            so.count = std::size_t(n);
            Progress sp("suggesting " + std::to_string(n) + " sites of " + so.service);
            const SuggestResult sr = suggest_sites(engine, p, so);
            in.sections.push_back(suggestion_section_html(sr, p, in.language, 0));
            sp.done(std::to_string(sr.candidates.size()) + " candidates");
        }
    }

    Progress maps("drawing maps (" + std::to_string(width) + "x" + std::to_string(height) + ")");
    gui::MapImageRenderer renderer(*doc);
    {
        Args none;
        for (const auto& m : maps_to_render(*doc, none, width, height, lang)) in.maps.push_back(to_report_map(renderer, m));
        for (const auto& m : view_maps(*doc, width, height, lang)) in.maps.push_back(to_report_map(renderer, m));
        for (const auto& k : p.kecamatan) {
            NamedMap m;
            m.request.width = width;
            m.request.height = height;
            m.request.language = lang;
            m.request.title = std::string("Kecamatan ") + k.name;
            m.request.extent_lonlat = k.geometry.envelope();
            m.request.highlight_units = {k.code};
            in.kecamatan_maps[k.code] = to_report_map(renderer, m);
        }
    }
    maps.done(std::to_string(in.maps.size() + in.kecamatan_maps.size()) + " maps, " + renderer.gl_renderer());

    fs::create_directories(*out);
    const std::string html = (fs::path(*out) / "report.html").string();
    Progress wh("writing " + html);
    write_html_report(in, html);
    wh.done();
    std::printf("html %s\n", html.c_str());
    if (!a.has("--no-pdf")) {
        const std::string pdf = (fs::path(*out) / "report.pdf").string();
        Progress wp("printing " + pdf + " (WeasyPrint)");
        print_pdf(html, pdf);
        wp.done();
        std::printf("pdf  %s\n", pdf.c_str());
    }
    std::printf("report %s in %s\n", out->c_str(),
                format_ms(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()).c_str());
    return kOk;
}

}  // namespace

const Command kReport{"report", "writes the masterplan annex (HTML and PDF) with maps, tables and atlas pages",
                      kUsageText, run};

}  // namespace pc::cli
