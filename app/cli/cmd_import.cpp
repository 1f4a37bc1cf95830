// petacerdas import: brings one layer of any OGR source into a project file.
#include <algorithm>
#include <cstdio>

#include "cli.h"
#include "geo/error.h"
#include "geo/io/context_import.h"
#include "geo/io/import.h"
#include "geo/io/project_file.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas import PROJECT SOURCE --as TARGET [options]\n"
    "\n"
    "Imports one layer of SOURCE (GeoPackage, Shapefile, GeoJSON, KML, CSV with lon/lat or WKT columns,\n"
    "or a GeoTIFF for --as popgrid) into the project file PROJECT, reprojected to WGS 84. Fields are\n"
    "guessed from common names (BIG WADMKC/WADMKD/NAMOBJ/KDEPUM, Kemendagri kode/nama, penduduk ...)\n"
    "unless given with --field. Unusable input is refused and PROJECT is left untouched.\n"
    "\n"
    "TARGET: desa | kecamatan | kabupaten | facilities | zones | initiatives | popgrid | context\n"
    "  context: a reference layer on the map (roads, rivers, settlements, health points ...),\n"
    "  kept whole with its attributes in the project file and styled (BIG RBI roads by class); added on\n"
    "  top of the context layers already there. Only --layer and --label apply.\n"
    "\n"
    "Options:\n"
    "  --layer L              layer of SOURCE (default: the only/first layer with features)\n"
    "  --field KEY=FIELD      which source field holds KEY; repeatable. KEY is one of\n"
    "                         name, code, parent, bps, population, type, radius, lon, lat, wkt\n"
    "  --crs EPSG:x           CRS of SOURCE when it has none or a wrong one\n"
    "  --type KEY             facility type for every feature (when SOURCE has no type field)\n"
    "  --encoding ENC         text encoding of SOURCE (e.g. CP1252, ISO-8859-1)\n"
    "  --band N               raster band for --as popgrid with a raster (default 1)\n"
    "  --append               add to the layer instead of replacing it\n"
    "  --no-population        accept desa/kecamatan without a population field\n"
    "  --preview              print the layer, the field mapping that would be used and the first\n"
    "                         rows, and import nothing (PROJECT is not read or written)\n"
    "  --rows N               rows shown by --preview (default 5)\n"
    "  --label NAME           the name a context layer is listed under (default: its layer's name)\n"
    "  --new                  create PROJECT (refused when it exists); needs --district-code and --name\n"
    "  --district-code CODE   Kemendagri code of the district, e.g. 35.14 (with --new)\n"
    "  --name NAME            district name, e.g. \"Kabupaten Pasuruan\" (with --new)\n"
    "  --period 2025-2029     masterplan period (with --new, default 2025-2029)\n"
    "  -h, --help             this text\n"
    "\n"
    "Example:\n"
    "  petacerdas import p.gpkg desa.shp --as desa --new --district-code 35.14 --name \"Kabupaten Pasuruan\" \\\n"
    "      --field population=JUMLAH_PDK\n"
    "  petacerdas import p.gpkg JALAN_LN_25K.shp --as context --label Jalan\n";

Project new_project(const Args& a) {
    auto code = a.get("--district-code");
    auto name = a.get("--name");
    if (!code || !name) throw UsageError("--new needs --district-code and --name");
    int start = 2025, end = 2029;
    if (auto period = a.get("--period")) {
        if (std::sscanf(period->c_str(), "%d-%d", &start, &end) != 2 || start > end || start < 1900)
            throw UsageError("--period must look like 2025-2029, not '" + *period + "'");
    }
    Project p;
    p.settings.district_code = *code;
    p.settings.district_name = *name;
    p.settings.name = "Masterplan Smart City " + *name + " " + std::to_string(start) + "-" + std::to_string(end);
    p.settings.period_start = start;
    p.settings.period_end = end;
    p.settings.facility_types = default_facility_types();
    p.settings.opd = default_opd_list();
    return p;
}

void apply_field(FieldMapping& m, const std::string& spec) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw UsageError("--field needs KEY=FIELD, not '" + spec + "'");
    std::string key = spec.substr(0, eq), field = spec.substr(eq + 1);
    if (key == "name") m.name = field;
    else if (key == "code") m.code = field;
    else if (key == "parent" || key == "parent_code") m.parent_code = field;
    else if (key == "bps" || key == "bps_code") m.bps_code = field;
    else if (key == "population" || key == "pop") m.population = field;
    else if (key == "type") m.type = field;
    else if (key == "radius") m.radius = field;
    else if (key == "lon" || key == "x") m.lon = field;
    else if (key == "lat" || key == "y") m.lat = field;
    else if (key == "wkt") m.wkt = field;
    else throw UsageError("unknown --field key '" + key + "'");
}

bool is_raster(const std::string& path) {
    auto dot = path.rfind('.');
    if (dot == std::string::npos) return false;
    std::string ext = path.substr(dot + 1);
    for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext == "tif" || ext == "tiff" || ext == "vrt" || ext == "img" || ext == "asc";
}

void print_preview(const ImportPreview& p, ImportTarget target) {
    std::printf("source:   %s\nlayer:    %s (%s, %lld features, %s, CRS %s)\n", p.file.c_str(), p.layer.c_str(),
                p.driver.c_str(), p.features, p.geometry_type.c_str(), p.crs.empty() ? "none" : p.crs.c_str());
    std::printf("target:   %s\nmapping (guessed unless given with --field):\n", to_key(target));
    const auto& m = p.mapping;
    const std::pair<const char*, const std::string*> slots[] = {
        {"name", &m.name}, {"code", &m.code}, {"parent", &m.parent_code}, {"bps", &m.bps_code},
        {"population", &m.population}, {"type", &m.type}, {"radius", &m.radius}, {"lon", &m.lon},
        {"lat", &m.lat}, {"wkt", &m.wkt}};
    for (auto& [k, v] : slots) std::printf("  %-11s %s\n", k, v->empty() ? "-" : v->c_str());
    // A plain table, columns as wide as their content (capped).
    std::vector<std::size_t> w(p.fields.size());
    auto cell = [](const std::string& s) { return s.size() > 40 ? s.substr(0, 37) + "..." : s; };
    for (std::size_t c = 0; c < p.fields.size(); ++c) {
        w[c] = cell(p.fields[c]).size();
        for (auto& r : p.rows)
            if (c < r.size()) w[c] = std::max(w[c], cell(r[c]).size());
    }
    std::printf("first %zu rows:\n", p.rows.size());
    auto line = [&](const std::vector<std::string>& r) {
        std::string s;
        for (std::size_t c = 0; c < p.fields.size(); ++c) {
            std::string v = c < r.size() ? cell(r[c]) : "";
            s += (c ? " | " : "") + v + std::string(w[c] - v.size(), ' ');
        }
        std::printf("%s\n", s.c_str());
    };
    line(p.fields);
    for (auto& r : p.rows) line(r);
}

// --as context: the layer is added as it is (no field mapping), with its default style.
int import_context(const Args& a, const std::string& project_path, const std::string& source) {
    require_file(source, "source");
    require_file(project_path, "project file");
    Progress load("reading " + project_path);
    Project p = load_project(project_path);
    load.done();
    Progress read("reading context layer " + source);
    ContextReadReport rep;
    ContextLayer layer = read_context_layer(source, a.get("--layer").value_or(""), &rep);
    read.done(std::to_string(layer.feature_count()) + " features");
    if (auto label = a.get("--label")) layer.name = *label;
    for (auto& w : rep.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    std::printf("context layer %s (%s, %zu features, CRS %s)%s%s\n", layer.name.c_str(), to_key(layer.kind),
                layer.feature_count(), rep.source_crs.c_str(), layer.class_field.empty() ? "" : ", classes by ",
                layer.class_field.c_str());
    p.context_layers.push_back(std::move(layer));
    Progress save("writing " + project_path);
    save_project(p, project_path);
    save.done();
    return kOk;
}

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv,
                   {"--as", "--layer", "--field", "--crs", "--type", "--encoding", "--band", "--district-code", "--name",
                    "--period", "--rows", "--label"},
                   {"--append", "--no-population", "--new", "--preview"});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 2) throw UsageError("needs PROJECT and SOURCE");
    const std::string project_path = a.positional[0], source = a.positional[1];
    auto as = a.get("--as");
    if (!as) throw UsageError("needs --as TARGET");
    if (*as == "context") {
        for (const char* o : {"--field", "--crs", "--type", "--encoding", "--band", "--district-code", "--name", "--period", "--rows"})
            if (a.get(o)) throw UsageError(std::string(o) + " does not go with --as context");
        for (const char* f : {"--append", "--no-population", "--new", "--preview"})
            if (a.has(f)) throw UsageError(std::string(f) + " does not go with --as context");
        return import_context(a, project_path, source);
    }
    auto target = parse_import_target(*as);
    if (!target) throw UsageError("unknown --as target '" + *as + "'");
    if (!a.has("--new") && (a.get("--district-code") || a.get("--name")))
        throw UsageError("--district-code and --name go with --new");

    ImportOptions opt;
    opt.target = *target;
    opt.layer = a.get("--layer").value_or("");
    for (auto& f : a.all("--field")) apply_field(opt.mapping, f);
    opt.source_crs = a.get("--crs").value_or("");
    opt.facility_type = a.get("--type").value_or("");
    opt.encoding = a.get("--encoding").value_or("");
    opt.require_population = !a.has("--no-population");
    opt.replace = !a.has("--append");

    if (a.has("--preview")) {
        require_file(source, "source");
        auto rows = a.integer("--rows", 5);
        if (rows < 0) throw UsageError("--rows must be 0 or more");
        print_preview(preview_import(source, opt, std::size_t(rows)), *target);
        return kOk;
    }

    Project p;
    if (a.has("--new")) p = new_project(a);  // usage errors first
    require_file(source, "source");
    if (a.has("--new")) {
        if (file_exists(project_path))
            throw UsageError("--new: '" + project_path + "' exists already (leave out --new to add to it)");
    } else {
        require_file(project_path, "project file");
        Progress load("reading " + project_path);
        p = load_project(project_path);
        load.done();
    }

    if (*target == ImportTarget::PopulationGrid && is_raster(source)) {
        Progress read("reading population raster " + source);
        auto grid = read_population_raster(source, int(a.integer("--band", 1)));
        read.done(std::to_string(grid.cells.size()) + " cells");
        p.population_grid = std::move(grid);
    } else {
        Progress imp("importing " + source + " as " + *as);
        ImportReport r = import_layer(p, source, opt);
        imp.done(std::to_string(r.imported) + " of " + std::to_string(r.read) + " features");
        std::printf("layer %s: read %zu, imported %zu, skipped %zu, repaired %zu, re-encoded %zu; CRS %s\n",
                    r.layer.c_str(), r.read, r.imported, r.skipped, r.repaired, r.reencoded, r.source_crs.c_str());
        const auto& m = r.mapping;
        std::printf("fields: name=%s code=%s parent=%s population=%s type=%s radius=%s\n", m.name.c_str(),
                    m.code.c_str(), m.parent_code.c_str(), m.population.c_str(), m.type.c_str(), m.radius.c_str());
        for (auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    }

    Progress save("writing " + project_path);
    save_project(p, project_path);
    save.done();
    std::printf("project: %s (%zu kecamatan, %zu desa, %zu facilities, %zu zones, %zu initiatives%s)\n",
                project_path.c_str(), p.kecamatan.size(), p.desa.size(), p.facilities.size(), p.zones.size(),
                p.initiatives.size(), p.population_grid ? ", population grid" : "");
    return kOk;
}

const char* kJoinUsageText =
    "Usage: petacerdas join-population PROJECT TABLE --key FIELD --field FIELD [--layer L]\n"
    "\n"
    "Sets the population of the desa of PROJECT from TABLE (CSV, XLSX or any OGR table), matching the\n"
    "table's --key column with the desa code (exactly, else by its digits: 3514242005 = 35.14.24.2005).\n"
    "Values may use a decimal comma or dotted thousands (12.345). Codes in the table that are not desa\n"
    "of the project, and desa the table does not mention, are listed. Duplicate codes and values that\n"
    "are not numbers are refused and PROJECT is left untouched.\n"
    "\n"
    "Options:\n"
    "  --key FIELD     column holding the desa code (e.g. kode)\n"
    "  --field FIELD   column holding the population (e.g. penduduk)\n"
    "  --layer L       sheet/layer of TABLE (default: the first with rows)\n"
    "  -h, --help      this text\n"
    "\n"
    "Example:\n"
    "  petacerdas join-population p.gpkg penduduk_2024.xlsx --key kode --field penduduk\n";

int run_join(const std::vector<std::string>& argv) {
    Args a = parse(argv, {"--key", "--field", "--layer"}, {});
    if (a.help) {
        std::printf("%s", kJoinUsageText);
        return kOk;
    }
    if (a.positional.size() != 2) throw UsageError("needs PROJECT and TABLE");
    auto key = a.get("--key"), field = a.get("--field");
    if (!key || !field) throw UsageError("needs --key FIELD and --field FIELD");
    const std::string project_path = a.positional[0], table = a.positional[1];
    require_file(project_path, "project file");
    require_file(table, "table");
    Progress load("reading " + project_path);
    Project p = load_project(project_path);
    load.done();
    Progress join("joining " + table);
    auto r = join_population(p, table, *key, *field, a.get("--layer").value_or(""));
    join.done(std::to_string(r.matched) + " desa");
    std::printf("table %s (layer %s): %zu rows with a code, %zu desa given a population, %zu empty values\n",
                r.file.c_str(), r.layer.c_str(), r.rows, r.matched, r.empty_values);
    auto list = [](const char* what, const std::vector<std::string>& v) {
        std::printf("%s: %zu\n", what, v.size());
        for (std::size_t i = 0; i < v.size() && i < 50; ++i) std::printf("  %s\n", v[i].c_str());
        if (v.size() > 50) std::printf("  ... and %zu more\n", v.size() - 50);
    };
    list("unmatched codes (in the table, not desa of the project)", r.unmatched_codes);
    list("desa without a row in the table (population unchanged)", r.desa_without_row);
    for (const auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    Progress save("writing " + project_path);
    save_project(p, project_path);
    save.done();
    return kOk;
}

}  // namespace

const Command kJoinPopulation{"join-population", "set desa populations from a CSV/XLSX table keyed by desa code",
                              kJoinUsageText, run_join};

const Command kImport{"import", "import a layer (GPKG, SHP, GeoJSON, KML, CSV, GeoTIFF) into a project", kUsageText,
                      run};

}  // namespace pc::cli
