// petacerdas analyze: the coverage and service-gap analysis of a project, with every output.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "cli.h"
#include "geo/analysis/engine.h"
#include "geo/io/project_file.h"
#include "geo/memory.h"
#include "geo/plan/plan.h"
#include "geo/report/csv.h"
#include "geo/report/format.h"
#include "geo/report/markdown.h"
#include "geo/report/xlsx.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas analyze PROJECT [--out DIR] [--crs EPSG:x] [--top N] [--no-grid] [--inside-only] [--no-save]\n"
    "\n"
    "PROJECT is a project file or a shared plan (postgresql://host/database?schema=NAME; the metrics are\n"
    "written into the plan when the role is its coordinator).\n"
    "\n"
    "Computes, for every facility type and for initiatives with a service radius, the service area\n"
    "(union of buffers clipped to the district) and per desa, kecamatan, district and KPPN/KSPN zone:\n"
    "area, covered area, population, covered and uncovered population, coverage ratios, distance to\n"
    "the nearest facility; the service-gap ranking; initiative counts and budgets per pillar, element,\n"
    "OPD, year, kecamatan and zone; data-quality findings; provenance (parameters + SHA-256 of inputs).\n"
    "\n"
    "Writes the metrics into PROJECT (GeoPackage tables and gap layers) and into DIR:\n"
    "  metrics_*.csv, gap_ranking.csv, initiatives_*.csv, data_quality.csv, provenance.csv\n"
    "  metrics.xlsx (one sheet per table), summary.md (a summary to paste into a report)\n"
    "\n"
    "Options:\n"
    "  --out DIR     output folder (default: beside PROJECT, <name>_analysis/)\n"
    "  --crs EPSG:x  analysis CRS in metres (default: the project's, else the WGS 84 UTM zone of the\n"
    "                district's centroid, e.g. EPSG:32749)\n"
    "  --top N       gaps to rank and keep with their geometry (default 10)\n"
    "  --no-grid     ignore the population grid: spread desa population by area\n"
    "  --inside-only count only the facilities and initiatives that stand inside the district (also a\n"
    "                project setting). By default every feature whose service area reaches the district\n"
    "                counts, wherever it stands: a tower or a puskesmas across the border serves the\n"
    "                people it reaches (data_quality lists those features and the desa they reach)\n"
    "  --no-save     do not write the metrics into PROJECT\n"
    "  --timings     print the CPU time of the engine (preparation and run) and of the whole command,\n"
    "                and the engine's minor page faults, on stderr (for benchmarks)\n"
    "  -h, --help    this text\n";

int run(const std::vector<std::string>& argv) {
    namespace fs = std::filesystem;
    const double cpu_start = process_cpu_ms();
    prefer_huge_pages();
    Args a = parse(argv, {"--out", "--crs", "--top"}, {"--no-grid", "--no-save", "--timings", "--inside-only"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    const std::string project_path = a.positional[0];
    const long long top = a.integer("--top", 10);
    if (top < 1) throw UsageError("--top must be at least 1");
    AnalysisOptions opt;
    opt.analysis_crs = a.get("--crs").value_or("");
    opt.top_gaps = std::size_t(top);
    opt.use_population_grid = !a.has("--no-grid");
    opt.inside_only = a.has("--inside-only");
    // Beside the project file; for a shared plan, in the current folder.
    const fs::path folder = plan::is_plan_uri(project_path) ? fs::path() : fs::path(project_path).parent_path();
    const std::string out_dir = a.get("--out").value_or((folder / (project_stem(project_path) + "_analysis")).string());

    require_project(project_path);
    Progress load("reading " + project_path);
    OpenProjectFile file;  // open from the read to the save of the metrics
    Project p = load_project(project_path, &file);
    load.done(std::to_string(p.desa.size()) + " desa, " + std::to_string(p.kecamatan.size()) + " kecamatan, " +
              std::to_string(p.facilities.size()) + " facilities, " + std::to_string(p.initiatives.size()) +
              " initiatives");

    const double cpu_read = process_cpu_ms();
    const long faults_read = minor_page_faults();
    Progress prep("preparing " + std::to_string(p.desa.size()) + " desa" +
                  (p.population_grid && opt.use_population_grid
                       ? " and " + std::to_string(p.population_grid->cells.size()) + " population cells"
                       : std::string()));
    CoverageEngine engine(p, opt);
    prep.done(engine.analysis_crs() + ", " + to_key(engine.population_method()));

    Progress analyse("analyzing " + std::to_string(p.desa.size()) + " desa");
    AnalysisResult result = engine.run(p);
    analyse.done(std::to_string(result.services.size()) + " services");
    const double analysis_ms = prep.elapsed_ms();
    const double cpu_engine = process_cpu_ms();
    const long engine_faults = minor_page_faults() - faults_read;

    if (!a.has("--no-save")) {
        Progress save("writing metrics into " + project_path);
        SaveOptions metrics_only;
        metrics_only.metrics_only = true;  // the rest of the file is copied as it is
        metrics_only.kept_open = &file;
        try {
            save_project(p, project_path, &result, metrics_only);
            save.done();
        } catch (const plan::Refused& e) {
            // A shared plan takes the metrics from its coordinator only; the files below are written anyway.
            save.done("not saved");
            std::fprintf(stderr, "petacerdas analyze: %s\n", e.what());
        }
    }
    const double cpu_save = process_cpu_ms();
    ReportOptions ro;
    ro.gap_rows = std::size_t(top);
    Progress csv("writing CSV tables to " + out_dir);
    auto files = write_metrics_csv(result, out_dir, ro);
    const std::size_t tables = files.size() / 2;  // each table has its .csvt types sidecar
    csv.done(std::to_string(tables) + " tables");
    const double cpu_csv = process_cpu_ms();
    const std::string xlsx = (fs::path(out_dir) / "metrics.xlsx").string();
    Progress wb("writing " + xlsx);
    write_metrics_xlsx(result, xlsx, ro);
    wb.done();
    const double cpu_xlsx = process_cpu_ms();
    const std::string md = (fs::path(out_dir) / "summary.md").string();
    write_summary_markdown(p, result, md, std::size_t(top));
    if (a.has("--timings") || std::getenv("PC_CPU_TIMES")) {
        // Where the CPU went (for the benchmarks of the whole command; the printing below is not counted).
        const double end = process_cpu_ms();
        std::fprintf(stderr,
                     "cpu ms: start %.1f, read %.1f, engine %.1f, save %.1f, csv %.1f, xlsx %.1f, summary %.1f; "
                     "total %.1f, all but the engine %.1f\n",
                     cpu_start, cpu_read - cpu_start, cpu_engine - cpu_read, cpu_save - cpu_engine, cpu_csv - cpu_save,
                     cpu_xlsx - cpu_csv, end - cpu_xlsx, end, end - (cpu_engine - cpu_read));
    }

    const auto& s = p.settings;
    std::printf("%s (%s): %zu desa, %zu kecamatan; CRS %s; population method %s; analysis %s\n",
                s.district_name.c_str(), s.district_code.c_str(), p.desa.size(), p.kecamatan.size(),
                result.provenance.analysis_crs.c_str(), to_key(result.provenance.population_method),
                format_ms(analysis_ms).c_str());
    std::printf("\n%-14s %9s %10s %12s %12s %12s %14s\n", "service", "features", "area km2", "area cov.",
                "population", "pop. cov.", "uncovered pop.");
    for (auto& sv : result.services) {
        const auto& d = sv.district;
        std::printf("%-14s %9zu %10.1f %11.1f%% %12.0f %11.1f%% %14.0f%s\n", sv.service.c_str(), sv.features_used,
                    d.area_km2, d.coverage_ratio_area * 100, d.population, d.coverage_ratio_population * 100,
                    d.uncovered_population, sv.features_used == 0 ? "  (no features: missing data?)" : "");
    }
    if (result.services.empty())
        std::printf("(no facility data and no initiative with a service radius: add facilities with\n"
                    " petacerdas import %s SOURCE --as facilities --type KEY)\n",
                    project_path.c_str());
    const auto& in = result.initiatives;
    std::printf("\ninitiatives: %zu, %s\n", in.count, format_rupiah(in.budget_rp).c_str());
    for (auto& c : in.by_pillar)
        std::printf("  %-12s %3zu  %s\n", c.key.c_str(), c.count, format_rupiah(c.budget_rp).c_str());
    const auto& q = result.quality;
    if (q.geometries_repaired || q.facilities_outside || q.initiatives_outside || q.desa_overlap_pairs ||
        !q.warnings.empty())
        std::printf("\ndata quality: %zu geometries repaired, %zu facilities and %zu initiatives outside the "
                    "district (%zu and %zu of them serving across the border), %zu overlapping desa pairs (%.3f km2), "
                    "%zu warnings (see data_quality.csv)\n",
                    q.geometries_repaired, q.facilities_outside, q.initiatives_outside, q.facilities_across_border,
                    q.initiatives_across_border, q.desa_overlap_pairs, q.desa_overlap_km2, q.warnings.size());
    std::printf("\noutputs:\n");
    if (!a.has("--no-save")) std::printf("  project   %s (metrics tables and gap layers)\n", project_path.c_str());
    std::printf("  tables    %s/*.csv (%zu tables, column types in .csvt)\n", out_dir.c_str(), tables);
    std::printf("  workbook  %s\n", xlsx.c_str());
    std::printf("  summary   %s\n", md.c_str());
    std::printf("inputs_sha256 %s\n", result.provenance.inputs_sha256.c_str());
    if (a.has("--timings"))
        std::fprintf(stderr, "timings: engine_cpu_ms=%.3f engine_wall_ms=%.3f command_cpu_ms=%.3f engine_page_faults=%ld\n",
                     cpu_engine - cpu_read, analysis_ms, process_cpu_ms(), engine_faults);
    return kOk;
}

}  // namespace

const Command kAnalyze{"analyze", "coverage and gap analysis; writes metrics, CSV, XLSX and a Markdown summary",
                       kUsageText, run};

}  // namespace pc::cli
