// petacerdas suggest: where the next sites of a service cover the most people not covered yet.
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "cli.h"
#include "geo/analysis/suggest.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"
#include "geo/io/suggest_output.h"
#include "geo/memory.h"
#include "geo/report/suggest_html.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas suggest PROJECT --service TYPE (--count N | --budget RP --cost-per-site RP)\n"
    "                          [--radius M] [--within ZONE|KECAMATAN] [--candidates desa|grid:500|FILE]\n"
    "                          [--layer L] [--out DIR] [--lang id|en] [--no-swaps] [--no-grid] [--crs EPSG:x]\n"
    "                          [--timings]\n"
    "\n"
    "Chooses where N more sites of a service (a facility type: bts, puskesmas, sekolah, wifi ...) cover\n"
    "the most people the existing ones do not (maximal covering location). The people are the\n"
    "analysis's own population pieces (grid cells cut by desa, or desa spread by area), each site\n"
    "serves the disc `analyze` gives a facility there, so the people a site adds are the people\n"
    "`analyze` finds covered after placing it. Existing facilities are kept. Method: greedy with lazy\n"
    "re-evaluation, then single swaps until no swap of a chosen site for a candidate adds anyone.\n"
    "\n"
    "Prints the sites in the order of the cumulative curve (each adds the most it can given the ones\n"
    "before) and writes DIR/sites.csv, DIR/sites_desa.csv, DIR/sites.gpkg (for QGIS: the sites, their\n"
    "service areas, the people each adds per desa) and DIR/suggestion.html (the cumulative curve, the\n"
    "map and the table, ready for the masterplan).\n"
    "\n"
    "Options:\n"
    "  --service TYPE       facility type key (the project's facility types)\n"
    "  --count N            number of sites\n"
    "  --budget RP          with --cost-per-site: N = floor(budget / cost); the cost per person is reported\n"
    "  --cost-per-site RP   cost of one site in rupiah\n"
    "  --radius M           service radius in metres (default: the type's)\n"
    "  --within X           only the people of a zone (KPPN/KSPN code or name) or a kecamatan (code or\n"
    "                       name); candidates inside it\n"
    "  --candidates C       desa: the desa's points on surface (default); grid:M: a grid of M metres in\n"
    "                       the analysis CRS inside the area; FILE: the points of any vector file (GPKG,\n"
    "                       Shapefile, GeoJSON, CSV with lon/lat ...), e.g. land the district owns\n"
    "  --layer L            the layer of FILE\n"
    "  --out DIR            output folder (default: beside PROJECT, <name>_suggest_<service>/)\n"
    "  --lang id|en         language of suggestion.html (default id)\n"
    "  --no-swaps           greedy only\n"
    "  --no-grid            ignore the population grid (desa population spread by area)\n"
    "  --crs EPSG:x         analysis CRS (as analyze)\n"
    "  --timings            print the CPU time of the whole command on stderr\n"
    "  -h, --help           this text\n";

std::vector<SiteCandidate> read_candidates(const Project& p, const std::string& path, const std::string& layer,
                                           const std::string& service) {
    Project scratch;
    scratch.settings = p.settings;
    ImportOptions io;
    io.target = ImportTarget::Facilities;
    io.layer = layer;
    io.facility_type = service;
    const ImportReport rep = import_layer(scratch, path, io);
    std::vector<SiteCandidate> out;
    for (std::size_t i = 0; i < scratch.facilities.size(); ++i) {
        const auto& f = scratch.facilities[i];
        const std::string feature = f.name.empty() ? "feature " + std::to_string(i + 1) : f.name;
        if (f.geometry.kind != GeometryKind::Point || f.geometry.points.size() != 1)
            throw InputError({path, rep.layer, feature, "geometry"},
                             std::string("a candidate site must be a single point, not ") + to_string(f.geometry.kind));
        out.push_back({f.geometry.points[0], feature});
    }
    if (out.empty()) throw InputError({path, rep.layer, "", ""}, "no candidate sites in the layer");
    return out;
}

long long rupiah(const Args& a, const char* name) {
    const long long v = a.integer(name, -1);
    if (v < 0) throw UsageError(std::string(name) + " must be a whole number of rupiah, at least 0");
    return v;
}

int run(const std::vector<std::string>& argv) {
    namespace fs = std::filesystem;
    prefer_huge_pages();
    Args a = parse(argv, {"--service", "--count", "--budget", "--cost-per-site", "--radius", "--within", "--candidates",
                          "--layer", "--out", "--crs", "--lang"},
                   {"--no-swaps", "--no-grid", "--timings"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const std::string project_path = a.positional[0];
    SuggestOptions o;
    o.service = a.get("--service").value_or("");
    if (o.service.empty()) throw UsageError("--service TYPE is required");
    long long cost = 0;
    if (a.get("--budget") || a.get("--cost-per-site")) {
        if (!a.get("--budget") || !a.get("--cost-per-site")) throw UsageError("--budget and --cost-per-site go together");
        if (a.get("--count")) throw UsageError("give --count or --budget with --cost-per-site, not both");
        cost = rupiah(a, "--cost-per-site");
        o.count = sites_for_budget(rupiah(a, "--budget"), cost);
        if (o.count == 0) throw UsageError("the budget does not buy one site");
    } else {
        const long long n = a.integer("--count", 0);
        if (n < 1) throw UsageError("--count N (at least 1) or --budget with --cost-per-site is required");
        o.count = std::size_t(n);
    }
    if (auto r = a.get("--radius")) {
        try {
            o.radius_m = std::stod(*r);
        } catch (...) {
            throw UsageError("--radius must be a number of metres");
        }
        if (!(o.radius_m > 0)) throw UsageError("--radius must be positive");
    }
    o.within = a.get("--within").value_or("");
    o.swaps = !a.has("--no-swaps");
    const std::string cand = a.get("--candidates").value_or("desa");

    require_file(project_path, "project file");
    Progress load("reading " + project_path);
    Project p = load_project(project_path);
    load.done(std::to_string(p.desa.size()) + " desa");
    if (cand == "desa") {
        o.source = CandidateSource::DesaCentres;
    } else if (cand.rfind("grid:", 0) == 0) {
        o.source = CandidateSource::Grid;
        try {
            o.grid_spacing_m = std::stod(cand.substr(5));
        } catch (...) {
            throw UsageError("--candidates grid:M needs a spacing in metres");
        }
        if (!(o.grid_spacing_m > 0)) throw UsageError("--candidates grid:M needs a positive spacing");
    } else {
        require_file(cand, "candidate file");
        o.source = CandidateSource::Given;
        o.given = read_candidates(p, cand, a.get("--layer").value_or(""), o.service);
    }

    AnalysisOptions opt;
    opt.analysis_crs = a.get("--crs").value_or("");
    opt.use_population_grid = !a.has("--no-grid");
    opt.keep_gap_geometry = false;
    Progress prep("preparing the coverage engine");
    CoverageEngine engine(p, opt);
    prep.done(engine.analysis_crs() + ", " + to_key(engine.population_method()));
    Progress search("choosing " + std::to_string(o.count) + " sites");
    SuggestResult r = suggest_sites(engine, p, o);
    search.done(std::to_string(r.candidates.size()) + " candidates, " + std::to_string(r.evaluations) +
                " evaluations, " + std::to_string(r.swaps) + " swaps");

    fs::path pf(project_path);
    const std::string out_dir =
        a.get("--out").value_or((pf.parent_path() / (pf.stem().string() + "_suggest_" + o.service)).string());
    auto files = write_suggestion(r, out_dir, cost);
    const std::string lang = a.get("--lang").value_or("id");
    if (lang != "id" && lang != "en") throw UsageError("--lang is id or en");
    const std::string html = (fs::path(out_dir) / "suggestion.html").string();
    write_suggestion_html(r, p, lang == "en" ? ReportLanguage::English : ReportLanguage::Indonesian, cost, html);
    files.files.push_back(html);

    std::printf("%s, radius %.0f m, %s: %zu candidates\n", r.service_label.c_str(), r.radius_m, r.within_label.c_str(),
                r.candidates.size());
    std::printf("people %.0f, not covered by the existing sites %.0f\n", r.population, r.uncovered_before);
    std::printf("%4s  %-20s %-24s %-20s %12s %12s %8s%s\n", "site", "lon,lat", "desa", "kecamatan", "people added",
                "cumulative", "share", cost > 0 ? "   Rp/person" : "");
    for (std::size_t k = 0; k < r.sites.size(); ++k) {
        const auto& s = r.sites[k];
        char ll[64];
        std::snprintf(ll, sizeof ll, "%.5f,%.5f", s.lonlat.x, s.lonlat.y);
        std::printf("%4zu  %-20s %-24s %-20s %12.0f %12.0f %7.1f%%", k + 1, ll, s.desa_name.c_str(), s.kecamatan_name.c_str(),
                    s.people_added, s.cumulative, r.uncovered_before > 0 ? 100 * s.cumulative / r.uncovered_before : 0.0);
        if (cost > 0) std::printf(" %11.0f", s.people_added > 0 ? double(cost) / s.people_added : 0.0);
        std::printf("\n");
    }
    if (r.sites.size() < o.count)
        std::printf("only %zu sites add anyone: the others would cover no one not covered yet\n", r.sites.size());
    std::printf("greedy %.1f people, after %zu swaps %.1f\n", r.greedy_people, r.swaps, r.people_added);
    if (!r.swaps_complete)
        std::printf("swaps stopped at the work limit (%zu evaluations): a swap may be left that adds people\n", r.evaluations);
    for (auto& f : files.files) std::printf("wrote %s\n", f.c_str());
    if (a.has("--timings")) std::fprintf(stderr, "cpu_ms whole=%.1f\n", process_cpu_ms());
    return kOk;
}

}  // namespace

const Command kSuggest{"suggest", "where the next sites of a service cover the most people not covered yet",
                       kUsageText, run};

}  // namespace pc::cli
