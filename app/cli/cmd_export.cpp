// petacerdas export: every project layer (and optionally the metrics) to a GIS format.
#include <cstdio>

#include "cli.h"
#include "geo/analysis/engine.h"
#include "geo/io/export.h"
#include "geo/io/project_file.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas export PROJECT --format FORMAT --out PATH [--metrics]\n"
    "\n"
    "Exports every layer of PROJECT (kabupaten, kecamatan, desa, facilities, zones, initiatives) with\n"
    "its feature ids (UUID) and attributes.\n"
    "\n"
    "FORMAT: gpkg | kmz (PATH is one file) | geojson | shp | kml | csv (PATH is a folder, one file per layer).\n"
    "GeoJSON, KML, KMZ and CSV are WGS 84; the Shapefile keeps WGS 84 with .prj and .cpg (UTF-8), a\n"
    ".fields.csv of its 10-character field names and .qml/.sld styles. The GeoPackage carries the\n"
    "QGIS styles in its layer_styles table (QGIS opens it with our colours, classes and labels).\n"
    "KML/KMZ features are coloured by pillar (initiatives) and type (facilities), with an HTML table\n"
    "of their attributes as description (Google Earth).\n"
    "\n"
    "Options:\n"
    "  --format F    output format (required)\n"
    "  --out PATH    output file or folder (required)\n"
    "  --metrics     run the analysis and export the metrics tables and gap layers too\n"
    "  -h, --help    this text\n";

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--format", "--out"}, {"--metrics"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PROJECT");
    auto format_text = a.get("--format");
    auto out = a.get("--out");
    if (!format_text) throw UsageError("needs --format");
    if (!out) throw UsageError("needs --out");
    auto format = parse_export_format(*format_text);
    if (!format) throw UsageError("unknown --format '" + *format_text + "' (gpkg, geojson, shp, kml, kmz, csv)");

    const std::string project_path = a.positional[0];
    require_file(project_path, "project file");
    Progress load("reading " + project_path);
    Project p = load_project(project_path);
    load.done();
    std::optional<AnalysisResult> metrics;
    if (a.has("--metrics")) {
        Progress an("analyzing " + std::to_string(p.desa.size()) + " desa");
        CoverageEngine engine(p);
        metrics = engine.run(p);
        an.done();
    }
    Progress ex(std::string("exporting to ") + to_key(*format) + " " + *out);
    ExportReport r = export_project(p, metrics ? &*metrics : nullptr, *out, *format);
    ex.done(std::to_string(r.files.size()) + " files");
    for (auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    for (auto& f : r.files) std::printf("%s\n", f.c_str());
    return kOk;
}

}  // namespace

const Command kExport{"export", "export a project to GeoPackage, GeoJSON, Shapefile, KML, KMZ or CSV", kUsageText, run};

}  // namespace pc::cli
