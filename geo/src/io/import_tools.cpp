// Import helpers that do not change the project: a preview of what an import would read, and the
// population join onto the desa layer.
#include <cpl_string.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "geo/bounds.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/import.h"
#include "geo/numbers.h"
#include "io_internal.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

GDALDatasetUniquePtr open_table(const std::string& path) {
    gdal_init();
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError({path}, "file does not exist");
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) throw InputError({path}, "file is empty");
    CPLErrorReset();
    // CSV and XLSX cells as text: a code such as 35.10 must not become the number 35.1.
    CPLStringList oo;
    const auto ext = io::lower(fs::path(path).extension().string());
    if (ext == ".xlsx" || ext == ".ods") oo.SetNameValue("FIELD_TYPES", "STRING");
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, oo.List()));
    if (!ds) throw InputError({path}, "cannot open as a table or vector data source: " + gdal_last_error());
    return ds;
}

std::string text_of(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return "";
    std::string s = f.GetFieldAsString(i);
    return io::is_valid_utf8(s) ? s : io::recode_to_utf8(s, "");
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string digits(const std::string& s) {
    std::string d;
    for (char c : s)
        if (c >= '0' && c <= '9') d += c;
    return d;
}

}  // namespace

ImportPreview preview_import(const std::string& path, const ImportOptions& opt, std::size_t nrows) {
    auto ds = open_table(path);
    OGRLayer* l = io::pick_layer(*ds, path, opt.layer);
    ImportPreview p;
    p.file = path;
    p.layer = l->GetName();
    p.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    p.geometry_type = OGRGeometryTypeToName(l->GetGeomType());
    p.features = l->GetFeatureCount();
    if (opt.target == ImportTarget::Facilities || opt.target == ImportTarget::Initiatives)
        for (OGRLayer* sib : io::kind_siblings(*ds, *l)) {  // read with it by import_layer
            (p.layer += '+') += sib->GetName();
            p.features += sib->GetFeatureCount();
        }
    if (auto* srs = l->GetSpatialRef()) {
        const char* a = srs->GetAuthorityName(nullptr);
        const char* c = srs->GetAuthorityCode(nullptr);
        p.crs = a && c ? std::string(a) + ":" + c : (srs->GetName() ? srs->GetName() : "unnamed CRS");
    }
    auto* d = l->GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) p.fields.push_back(d->GetFieldDefn(i)->GetNameRef());
    FieldMapping m = guess_mapping(p.fields, opt.target);
    auto take = [&](std::string& slot, const std::string& given) {
        if (given.empty()) return;
        for (auto& f : p.fields)
            if (io::iequals(f, given)) { slot = f; return; }
        throw InputError({path, l->GetName(), "", given}, "field not in the layer");
    };
    const FieldMapping& g = opt.mapping;
    take(m.name, g.name); take(m.code, g.code); take(m.parent_code, g.parent_code); take(m.bps_code, g.bps_code);
    take(m.population, g.population); take(m.type, g.type); take(m.radius, g.radius);
    take(m.lon, g.lon); take(m.lat, g.lat); take(m.wkt, g.wkt);
    p.mapping = m;
    const bool geom = p.driver != "CSV" && d->GetGeomFieldCount() > 0;
    if (geom) p.fields.push_back("geometry");
    io::LayerReader reader(*ds, *l, path);
    while (p.rows.size() < nrows) {
        auto f = reader.next();
        if (!f) break;
        std::vector<std::string> row;
        for (int i = 0; i < d->GetFieldCount(); ++i) row.push_back(text_of(*f, i));
        if (geom) {
            std::string wkt;
            if (auto* gg = f->GetGeometryRef()) wkt = gg->exportToWkt();
            if (wkt.size() > 60) wkt = wkt.substr(0, 57) + "...";
            row.push_back(wkt);
        }
        p.rows.push_back(std::move(row));
    }
    return p;
}

PopulationJoinReport join_population(Project& project, const std::string& path, const std::string& key_field,
                                     const std::string& population_field, const std::string& layer_name) {
    auto ds = open_table(path);
    OGRLayer* l = io::pick_layer(*ds, path, layer_name);
    PopulationJoinReport rep;
    rep.file = path;
    rep.layer = l->GetName();
    auto* d = l->GetLayerDefn();
    auto field = [&](const std::string& n) {
        for (int i = 0; i < d->GetFieldCount(); ++i)
            if (io::iequals(d->GetFieldDefn(i)->GetNameRef(), n)) return i;
        std::string names;
        for (int i = 0; i < d->GetFieldCount(); ++i) names += std::string(i ? ", " : "") + d->GetFieldDefn(i)->GetNameRef();
        throw InputError({path, rep.layer, "", n}, "field not in the table (fields: " + names + ")");
    };
    const int ki = field(key_field), pi = field(population_field);
    if (project.desa.empty()) throw InputError({path, rep.layer}, "the project has no desa to join onto");

    std::map<std::string, std::size_t> by_code, by_digits;
    for (std::size_t i = 0; i < project.desa.size(); ++i) {
        by_code[project.desa[i].code] = i;
        by_digits[digits(project.desa[i].code)] = i;
    }
    std::vector<std::optional<double>> value(project.desa.size());
    std::map<std::size_t, std::string> row_of;  // desa index -> table row that set it
    io::LayerReader reader(*ds, *l, path);
    long long row = 0;
    while (auto f = reader.next()) {
        ++row;
        const std::string where = "row " + std::to_string(row);
        const std::string code = trim(text_of(*f, ki));
        if (code.empty()) continue;
        ++rep.rows;
        auto it = by_code.find(code);
        if (it == by_code.end()) {
            auto dg = digits(code);
            it = dg.empty() ? by_digits.end() : by_digits.find(dg);
            if (it == by_digits.end()) {
                rep.unmatched_codes.push_back(code);
                continue;
            }
        }
        const std::size_t di = it->second;
        if (auto [prev, fresh] = row_of.emplace(di, where); !fresh)
            throw InputError({path, rep.layer, where, key_field},
                             "duplicate code '" + code + "' (also " + prev->second + ")");
        std::string v = trim(text_of(*f, pi));
        if (v.empty()) {
            ++rep.empty_values;
            continue;
        }
        // As planners write numbers (geo/numbers.h): "12.345", "1.234,5", "12 345"; held to a desa's bounds.
        const Where at{path, rep.layer, where, population_field};
        const double x = parse_quantity(v, at);
        if (auto w = check_population(AdminLevel::Desa, x, at); !w.empty()) rep.warnings.push_back(w);
        value[di] = x;
    }
    reader.finish(nullptr);
    io::check_number_columns(*ds, *l, path);
    if (rep.rows == 0) throw InputError({path, rep.layer, "", key_field}, "no row with a code");
    for (std::size_t i = 0; i < project.desa.size(); ++i) {
        if (value[i]) {
            project.desa[i].population = value[i];
            ++rep.matched;
        } else if (!row_of.count(i)) {
            rep.desa_without_row.push_back(project.desa[i].code);
        }
    }
    return rep;
}

}  // namespace pc
