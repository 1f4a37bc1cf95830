// import_layer: any OGR vector source into the project, reprojected to lon/lat, checked, repaired.
#include "geo/io/import.h"

#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "geo/bounds.h"
#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/geos.h"
#include "geo/numbers.h"
#include "geo/spreadsheet_safe.h"
#include "io_internal.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

using io::iequals;
using io::lower;

constexpr double kMinLon = 94, kMaxLon = 142, kMinLat = -12, kMaxLat = 7;

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string encoding_from_cpg(const fs::path& shp) {
    auto cpg = shp;
    cpg.replace_extension(".cpg");
    std::ifstream in(cpg);
    if (!in) {
        cpg.replace_extension(".CPG");
        in.open(cpg);
        if (!in) return "";
    }
    std::string s;
    std::getline(in, s);
    s = trim(s);
    auto l = lower(s);
    if (l.find("utf") != std::string::npos && l.find('8') != std::string::npos) return "UTF-8";
    if (l.find("1252") != std::string::npos) return "CP1252";
    if (l.find("8859_1") != std::string::npos || l.find("8859-1") != std::string::npos) return "ISO-8859-1";
    return s;
}

// <stem>.fields.csv written by our Shapefile export: long,short per line.
std::map<std::string, std::string> short_to_long_names(const fs::path& shp) {
    std::map<std::string, std::string> m;
    auto side = shp;
    side.replace_extension(".fields.csv");
    std::ifstream in(side);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) { header = false; continue; }
        auto comma = line.find(',');
        if (comma == std::string::npos) continue;
        m[lower(trim(line.substr(comma + 1)))] = trim(line.substr(0, comma));
    }
    return m;
}

bool is_admin(ImportTarget t) {
    return t == ImportTarget::Kabupaten || t == ImportTarget::Kecamatan || t == ImportTarget::Desa;
}
bool wants_polygons(ImportTarget t) { return is_admin(t) || t == ImportTarget::Zones || t == ImportTarget::PopulationGrid; }

// Closes open rings and drops rings too short to be rings, then MakeValid keeping the polygonal part.
bool repair_polygons(GeosContext& ctx, Geometry& g, std::string& reason) {
    if (g.kind != GeometryKind::Polygon) return false;
    bool changed = false;
    std::vector<Polygon> kept;
    for (auto& p : g.polygons) {
        Polygon q;
        for (std::size_t i = 0; i < p.rings.size(); ++i) {
            Ring r = p.rings[i];
            if (!r.empty() && !(r.front() == r.back())) {
                r.push_back(r.front());
                changed = true;
                reason = std::string(i == 0 ? "outer" : "inner") + " ring not closed: closed it";
            }
            if (r.size() < 4) {
                changed = true;
                reason = "ring with too few points";
                if (i == 0) break;  // no shell: the polygon goes
                continue;
            }
            q.rings.push_back(std::move(r));
        }
        if (!q.rings.empty()) kept.push_back(std::move(q));
    }
    if (changed) g.polygons = std::move(kept);
    if (g.polygons.empty()) {
        g = Geometry{};
        return changed;
    }
    auto gg = ctx.from(g);
    if (!ctx.is_valid(gg.get())) {
        reason = ctx.is_valid_reason(gg.get());
        // The "structure" method unions shells and subtracts holes: an islet drawn as a nested shell
        // (most invalid Indonesian boundaries) is kept as land, not turned into a hole as the
        // default "linework" method would.
        GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx.get());
        GEOSMakeValidParams_setMethod_r(ctx.get(), params, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(ctx.get(), params, 0);
        GEOSGeometry* raw = GEOSMakeValidWithParams_r(ctx.get(), gg.get(), params);
        GEOSMakeValidParams_destroy_r(ctx.get(), params);
        auto valid = ctx.own(raw, "make valid");
        auto poly = ctx.polygonal_part(valid.get());
        g = ctx.to_geometry(poly.get());
        if (g.kind != GeometryKind::Polygon) g = Geometry{};
        changed = true;
    }
    return changed;
}

struct FieldRef {
    int index = -1;
    std::string name;  // logical name (long name for our own Shapefiles)
    explicit operator bool() const { return index >= 0; }
};

}  // namespace

namespace io {
std::vector<OGRLayer*> kind_siblings(GDALDataset& ds, OGRLayer& layer) {
    std::vector<OGRLayer*> out;
    if (!ds.GetDriver() || std::string(ds.GetDriver()->GetDescription()) != "GPKG") return out;
    auto* defn = layer.GetLayerDefn();
    auto same_fields = [&](OGRLayer* other) {
        auto* d = other->GetLayerDefn();
        if (d->GetFieldCount() != defn->GetFieldCount()) return false;
        for (int i = 0; i < d->GetFieldCount(); ++i)
            if (!iequals(d->GetFieldDefn(i)->GetNameRef(), defn->GetFieldDefn(i)->GetNameRef()) ||
                d->GetFieldDefn(i)->GetType() != defn->GetFieldDefn(i)->GetType())
                return false;
        auto *a = layer.GetSpatialRef(), *b = other->GetSpatialRef();
        return (!a && !b) || (a && b && a->IsSame(b));
    };
    for (GeometryKind kind : {GeometryKind::Line, GeometryKind::Polygon})
        if (OGRLayer* sib = ds.GetLayerByName(kind_layer_name(layer.GetName(), kind).c_str());
            sib && sib != &layer && same_fields(sib))
            out.push_back(sib);
    return out;
}
}  // namespace io

std::vector<LayerInfo> list_layers(const std::string& path) {
    auto ds = open_vector(path);
    std::vector<LayerInfo> out;
    for (auto* layer : ds->GetLayers()) {
        LayerInfo li;
        li.name = layer->GetName();
        li.geometry_type = OGRGeometryTypeToName(layer->GetGeomType());
        li.features = layer->GetFeatureCount();
        auto* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) li.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());
        if (auto* srs = layer->GetSpatialRef()) li.crs = io::crs_label(*srs);
        out.push_back(std::move(li));
    }
    return out;
}

ImportReport import_layer(Project& project, const std::string& path, const ImportOptions& opt) {
    gdal_init();
    ImportReport rep;
    rep.file = path;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError({path}, "file does not exist");
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) throw InputError({path}, "file is empty");

    const fs::path fpath(path);
    const auto ext = lower(fpath.extension().string());
    const bool shapefile = ext == ".shp" || ext == ".dbf";
    // Shapefile text is read as raw bytes and decoded here (so recoding is seen and counted).
    CPLStringList open_options;
    if (shapefile) open_options.SetNameValue("ENCODING", "");
    // GeoJSON has no date type: dates are text, kept as written (GDAL would parse and reformat them).
    if (ext == ".geojson" || ext == ".json") open_options.SetNameValue("DATE_AS_STRING", "YES");
    // CSV: no type guessing by GDAL (it would read the code "35.10" as the number 35.1); columns are
    // typed by a .csvt beside the file (our CSV export writes one), else text, and the numeric slots
    // (population, radius, lon/lat, years, budget) are parsed here, decimal comma included.
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              open_options.List()));
    if (!ds) {
        auto msg = gdal_last_error();
        throw InputError({path}, "cannot open as a vector data source" + (msg.empty() ? "" : ": " + msg));
    }
    const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    const bool csv = driver == "CSV";

    // ---- the layer ----
    OGRLayer* layer = nullptr;
    if (!opt.layer.empty()) {
        layer = ds->GetLayerByName(opt.layer.c_str());
        if (!layer) {
            std::string names;
            for (auto* l : ds->GetLayers()) names += std::string(names.empty() ? "" : ", ") + l->GetName();
            throw InputError({path, opt.layer}, "no such layer (layers: " + names + ")");
        }
    } else {
        for (auto* l : ds->GetLayers())
            if (l->GetFeatureCount() > 0) { layer = l; break; }
        if (!layer && ds->GetLayerCount() > 0) layer = ds->GetLayer(0);
        if (!layer) throw InputError({path}, "the file holds no layer");
    }
    const std::string lname = layer->GetName();
    rep.layer = lname;
    auto* defn = layer->GetLayerDefn();
    // Facilities and initiatives of a PetaCerdas GeoPackage are split by geometry kind: read as one.
    std::vector<OGRLayer*> parts = {layer};
    if (opt.target == ImportTarget::Facilities || opt.target == ImportTarget::Initiatives)
        for (OGRLayer* sib : io::kind_siblings(*ds, *layer)) {
            parts.push_back(sib);
            (rep.layer += '+') += sib->GetName();
        }
    // Not the layers' counts alone: a GeoPackage's cached count can be stale (0 for a layer that
    // holds rows), so a layer that says 0 is looked into.
    const bool empty = std::none_of(parts.begin(), parts.end(), [&](OGRLayer* l) {
        return l->GetFeatureCount() > 0 || io::LayerReader(*ds, *l, path).next() != nullptr;
    });
    if (empty) throw InputError({path, lname}, "the layer is empty");

    // ---- fields and mapping ----
    std::map<std::string, std::string> renames;
    if (shapefile) renames = short_to_long_names(fpath);
    std::vector<std::string> names;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        std::string n = defn->GetFieldDefn(i)->GetNameRef();
        auto it = renames.find(lower(n));
        names.push_back(it != renames.end() ? it->second : n);
    }
    auto find_field = [&](const std::string& n) -> FieldRef {
        if (n.empty()) return {};
        for (std::size_t i = 0; i < names.size(); ++i)
            if (iequals(names[i], n)) return {int(i), names[i]};
        return {};
    };
    auto find_any = [&](std::initializer_list<const char*> cands) -> FieldRef {
        for (auto* c : cands)
            if (auto f = find_field(c)) return f;
        return {};
    };
    auto fields_list = [&] {
        std::string s;
        for (auto& n : names) s += (s.empty() ? "" : ", ") + n;
        return s;
    };

    FieldMapping m = guess_mapping(names, opt.target);
    const FieldMapping& given = opt.mapping;
    auto take = [&](std::string& slot, const std::string& g, const char* what) {
        if (g.empty()) return;
        auto f = find_field(g);
        if (!f) throw InputError({path, lname, "", g}, std::string("the ") + what + " field is not in the layer (fields: " + fields_list() + ")");
        slot = f.name;
    };
    take(m.name, given.name, "name");
    take(m.code, given.code, "code");
    take(m.parent_code, given.parent_code, "parent code");
    take(m.bps_code, given.bps_code, "BPS code");
    take(m.population, given.population, "population");
    take(m.type, given.type, "type");
    take(m.radius, given.radius, "radius");
    take(m.lon, given.lon, "longitude");
    take(m.lat, given.lat, "latitude");
    take(m.wkt, given.wkt, "WKT");

    // Geometry: the layer's own, or CSV-style columns.
    const bool layer_geom = !csv && defn->GetGeomFieldCount() > 0;
    bool use_wkt = false, use_lonlat = false;
    if (!layer_geom) {
        use_wkt = !m.wkt.empty();
        use_lonlat = !use_wkt && !m.lon.empty() && !m.lat.empty();
        if (!use_wkt && !use_lonlat)
            throw InputError({path, lname}, "no geometry: the layer has neither a geometry column nor lon/lat or WKT "
                                            "columns (fields: " + fields_list() + ")");
    }
    // Our CSV export names the point coordinates geom_lon/geom_lat when the table has lon/lat of its
    // own (cell sites): those are the coordinate columns then, and lon/lat are the table's fields.
    if (use_wkt && given.lon.empty() && find_field("geom_lon") && find_field("geom_lat")) {
        m.lon = "geom_lon";
        m.lat = "geom_lat";
    }
    // Coordinate columns of a table source are consumed, not kept as extras.
    std::vector<FieldRef> coordinate_columns;
    if (!layer_geom)
        for (auto* n : {&m.lon, &m.lat, &m.wkt})
            if (auto f = find_field(*n)) coordinate_columns.push_back(f);
    if (layer_geom || !use_wkt) m.wkt.clear();
    if (layer_geom || !use_lonlat) { m.lon.clear(); m.lat.clear(); }
    const std::string geom_field = layer_geom ? (std::string(layer->GetGeometryColumn()).empty() ? "geometry" : layer->GetGeometryColumn())
                                              : (use_wkt ? m.wkt : m.lon + "/" + m.lat);

    // ---- CRS ----
    std::unique_ptr<OGRSpatialReference> src;
    try {
        if (!opt.source_crs.empty()) src = make_srs(opt.source_crs, "source CRS");
    } catch (const InputError& e) {
        throw InputError({path, lname}, e.reason());
    }
    if (!src) {
        const OGRSpatialReference* lsrs = layer_geom ? layer->GetSpatialRef() : nullptr;
        if (lsrs) {
            src.reset(lsrs->Clone());
        } else if (!layer_geom) {
            src = wgs84();
            rep.warnings.push_back("no CRS given for the " + geom_field + " columns: assumed EPSG:4326 (WGS 84 lon/lat)");
        } else if (shapefile && fs::exists(fs::path(fpath).replace_extension(".prj"), ec)) {
            throw InputError({path, lname, "", geom_field},
                             "unknown coordinate reference system: the .prj cannot be understood; give the source CRS");
        } else {
            throw InputError({path, lname, "", geom_field},
                             "no coordinate reference system (a Shapefile without .prj?): give the source CRS");
        }
    }
    if (src->IsLocal() || (!src->IsGeographic() && !src->IsProjected()))
        throw InputError({path, lname, "", geom_field}, "unknown coordinate reference system '" + io::crs_label(*src) + "'");
    src->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    rep.source_crs = io::crs_label(*src);
    const std::optional<CrsTransform> to_lonlat = io::transform_to_lonlat(*src, path, lname, geom_field);

    // ---- slots ----
    const ImportTarget target = opt.target;
    FieldRef f_name = find_field(m.name), f_code = find_field(m.code), f_parent = find_field(m.parent_code),
             f_bps = find_field(m.bps_code), f_pop = find_field(m.population), f_type = find_field(m.type),
             f_radius = find_field(m.radius), f_lon = find_field(m.lon), f_lat = find_field(m.lat),
             f_wkt = find_field(m.wkt), f_uuid = find_field("uuid");
    if (!is_admin(target) && target != ImportTarget::Zones) { f_code = {}; m.code.clear(); }
    if (!is_admin(target)) { f_parent = {}; f_bps = {}; m.parent_code.clear(); m.bps_code.clear(); }
    if (target != ImportTarget::Facilities && target != ImportTarget::Zones) { f_type = {}; m.type.clear(); }
    if (target != ImportTarget::Facilities && target != ImportTarget::Initiatives) { f_radius = {}; m.radius.clear(); }
    if (!is_admin(target) && target != ImportTarget::PopulationGrid) { f_pop = {}; m.population.clear(); }

    if (is_admin(target) && !f_pop) {
        if (opt.require_population && target != ImportTarget::Kabupaten)
            throw InputError({path, lname, "", "population"},
                             "no population field (looked for penduduk, jumlah_penduduk, jml_pddk, population, pop, "
                             "pop_sp2020, pop_est_sp2020, pop_ghs; fields: " + fields_list() +
                             "): name it in the field mapping, or import without population");
        rep.warnings.push_back("no population field: units imported without population");
    }
    if (target == ImportTarget::PopulationGrid && !f_pop)
        throw InputError({path, lname, "", "population"}, "no population field (looked for pop, population, penduduk, "
                                                          "value; fields: " + fields_list() + ")");
    if (target == ImportTarget::Facilities && !f_type && opt.facility_type.empty())
        throw InputError({path, lname, "", "type"}, "no facility type field (jenis, type, tipe, kategori) and no facility "
                                                    "type given for the whole layer (fields: " + fields_list() + ")");
    if (is_admin(target) && !f_code) rep.warnings.push_back("no code field: units have no code");
    rep.mapping = m;

    // Initiative attributes by fixed names.
    struct InitFields {
        FieldRef description, pillar, element, opd, start, end, budget, funding, status, quick_win, rpjmd;
    } fi;
    if (target == ImportTarget::Initiatives) {
        fi.description = find_any({"deskripsi", "description", "keterangan"});
        fi.pillar = find_any({"pilar", "pillar", "dimensi"});
        fi.element = find_any({"elemen", "element"});
        fi.opd = find_any({"opd", "agency"});
        fi.start = find_any({"tahun_mulai", "start_year"});
        fi.end = find_any({"tahun_selesai", "end_year"});
        fi.budget = find_any({"anggaran_rp", "budget_rp", "anggaran", "budget"});
        fi.funding = find_any({"sumber_dana", "funding_source"});
        fi.status = find_any({"status"});
        fi.quick_win = find_any({"quick_win", "quickwin"});
        fi.rpjmd = find_any({"rpjmd_ref", "rpjmd"});
        if (!fi.pillar) throw InputError({path, lname, "", "pilar"}, "no pillar field (pilar, pillar; fields: " + fields_list() + ")");
    }

    // Every other field is kept as an extra (not for initiatives: the model has no slot).
    std::set<int> used;
    for (auto* f : {&f_name, &f_code, &f_parent, &f_bps, &f_pop, &f_type, &f_radius, &f_lon, &f_lat, &f_wkt, &f_uuid,
                    &fi.description, &fi.pillar, &fi.element, &fi.opd, &fi.start, &fi.end, &fi.budget, &fi.funding,
                    &fi.status, &fi.quick_win, &fi.rpjmd})
        if (*f) used.insert(f->index);
    for (auto& f : coordinate_columns) used.insert(f.index);
    // KML: GDAL's LIBKML driver gives every layer fields of its own (the placemark's description,
    // time span, altitude mode, tessellate, extrude, visibility, draw order, icon); they are the
    // source's fields only when a placemark has a value there other than the driver's default.
    if (driver == "LIBKML") {
        const std::map<std::string, std::string> defaults = {
            {"description", ""}, {"timestamp", ""}, {"begin", ""}, {"end", ""}, {"altitudeMode", ""}, {"tessellate", "-1"},
            {"extrude", "0"}, {"visibility", "-1"}, {"drawOrder", ""}, {"icon", ""}};
        for (auto& [field, fallback] : defaults) {
            const int i = defn->GetFieldIndex(field.c_str());
            if (i < 0 || used.count(i)) continue;
            bool valued = false;
            for (OGRLayer* part : parts) {
                part->ResetReading();
                for (auto& f : *part)
                    valued = valued || (f->IsFieldSetAndNotNull(i) && f->GetFieldAsString(i) != fallback);
                part->ResetReading();
            }
            if (!valued) used.insert(i);
        }
    }
    std::vector<std::string> reserved = {"uuid", "fid", "geom", "geometry", "name"};
    if (is_admin(target)) reserved.insert(reserved.end(), {"code", "parent_code", "bps_code", "population"});
    if (target == ImportTarget::Facilities) reserved.insert(reserved.end(), {"type", "radius_m"});
    if (target == ImportTarget::Zones) reserved.insert(reserved.end(), {"code", "kind"});
    struct ExtraCol {
        int index;
        std::string name;
    };
    std::vector<ExtraCol> extra_cols;
    std::vector<std::string> dropped;
    for (int i = 0; i < int(names.size()); ++i) {
        if (used.count(i)) continue;
        if (target == ImportTarget::Initiatives || target == ImportTarget::PopulationGrid) {
            dropped.push_back(names[std::size_t(i)]);
            continue;
        }
        std::string n = names[std::size_t(i)];
        auto clashes = [&](const std::string& x) {
            for (auto& r : reserved)
                if (iequals(r, x)) return true;
            for (auto& e : extra_cols)
                if (iequals(e.name, x)) return true;
            return false;
        };
        while (clashes(n)) n += "_src";
        if (n != names[std::size_t(i)])
            rep.warnings.push_back("field '" + names[std::size_t(i)] + "' kept as '" + n + "' (its name is taken)");
        extra_cols.push_back({i, n});
    }
    if (target == ImportTarget::Initiatives && !dropped.empty()) {
        std::string s;
        for (auto& d : dropped) s += (s.empty() ? "" : ", ") + d;
        rep.warnings.push_back("initiatives keep no extra fields; not imported: " + s);
    }

    // ---- text decoding ----
    std::string encoding = opt.encoding;
    bool force_recode = false;
    if (shapefile) {
        auto cpg = encoding_from_cpg(fpath);
        if (!opt.encoding.empty()) force_recode = true;
        else if (!cpg.empty() && cpg != "UTF-8") { encoding = cpg; force_recode = true; }
    }
    auto decode = [&](std::string s) {
        if (csv) s = spreadsheet_unquoted(std::move(s));  // the formula guard of our CSV exports
        bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) return s;
        if (force_recode || !io::is_valid_utf8(s)) {
            ++rep.reencoded;
            return io::recode_to_utf8(s, encoding);
        }
        return s;
    };

    // ---- features ----
    GeosContext geos;
    std::vector<AdminUnit> units;
    std::vector<Facility> facilities;
    std::vector<Zone> zones;
    std::vector<Initiative> initiatives;
    std::vector<PopulationCell> cells;
    std::map<std::string, std::string> codes_seen;  // code -> feature label
    std::set<std::string> uuids_seen;
    std::size_t no_geometry = 0, unplaced = 0, pop_missing = 0, population_warnings = 0, no_population_cells = 0, repaired_warnings = 0;

    // Appending: ids already in the target layer stay unique.
    if (!opt.replace) {
        auto add_ids = [&](const auto& v) {
            for (auto& x : v) uuids_seen.insert(x.id);
        };
        switch (target) {
            case ImportTarget::Kabupaten: add_ids(project.kabupaten); break;
            case ImportTarget::Kecamatan: add_ids(project.kecamatan); break;
            case ImportTarget::Desa: add_ids(project.desa); break;
            case ImportTarget::Facilities: add_ids(project.facilities); break;
            case ImportTarget::Zones: add_ids(project.zones); break;
            case ImportTarget::Initiatives: add_ids(project.initiatives); break;
            case ImportTarget::PopulationGrid: break;
        }
    }
    std::size_t uuid_replaced = 0;

    // A PetaCerdas GeoPackage lists the extra fields a feature does not have although its layer has
    // the column (absent_extras): such a feature gets none of them back, not NULLs.
    std::map<std::string, std::set<std::string>> absent;  // uuid -> source field names
    if (driver == "GPKG" && f_uuid)
        if (OGRLayer* a = ds->GetLayerByName(io::kAbsentExtrasTable)) {
            auto* ad = a->GetLayerDefn();
            const int al = ad->GetFieldIndex("layer"), au = ad->GetFieldIndex("uuid"), af = ad->GetFieldIndex("field");
            if (al >= 0 && au >= 0 && af >= 0) {
                io::LayerReader rows(*ds, *a, path);
                while (auto r = rows.next())
                    if (iequals(r->GetFieldAsString(al), lname)) absent[r->GetFieldAsString(au)].insert(r->GetFieldAsString(af));
                rows.finish(&rep.warnings);
            }
        }

    std::vector<GIntBig> facility_fids, initiative_fids;  // to merge split layers back in FID order
    for (OGRLayer* part : parts) {
        const std::string part_name = part->GetName();
        io::LayerReader reader(*ds, *part, path);
        while (auto feat = reader.next()) {
            ++rep.read;
            const GIntBig fid = feat->GetFID();
            auto text = [&](const FieldRef& f) -> std::string {
                if (!f || !feat->IsFieldSetAndNotNull(f.index)) return "";
                return trim(decode(feat->GetFieldAsString(f.index)));
            };
            const std::string code = text(f_code), name = text(f_name);
            std::string label = std::to_string(fid);
            if (!code.empty() || !name.empty()) label += " (" + code + (code.empty() || name.empty() ? "" : " ") + name + ")";
            auto fail = [&](const std::string& field, const std::string& why) {
                throw InputError({path, part_name, label, field}, why);
            };
            // Number slots: a typed cell as it is, text as planners write it (geo/numbers.h); every
            // value is checked against its bound (geo/bounds.h) where it is used.
            auto where = [&](const FieldRef& f) { return Where{path, part_name, label, f.name}; };
            auto cell_type = [&](const FieldRef& f) { return defn->GetFieldDefn(f.index)->GetType(); };
            auto cell_text = [&](const FieldRef& f) { return trim(decode(feat->GetFieldAsString(f.index))); };
            auto is_set = [&](const FieldRef& f) {
                return f && feat->IsFieldSetAndNotNull(f.index) &&
                       (cell_type(f) != OFTString || !trim(feat->GetFieldAsString(f.index)).empty());
            };
            auto decimal = [&](const FieldRef& f, double (*parse_text)(const std::string&, const Where&)) -> std::optional<double> {
                if (!is_set(f)) return std::nullopt;
                const auto t = cell_type(f);
                if (t == OFTInteger || t == OFTInteger64) return double(feat->GetFieldAsInteger64(f.index));
                if (t == OFTReal) return feat->GetFieldAsDouble(f.index);  // finiteness: the bound checks
                return parse_text(cell_text(f), where(f));
            };
            auto quantity = [&](const FieldRef& f) { return decimal(f, parse_quantity); };
            auto coordinate = [&](const FieldRef& f) { return decimal(f, parse_coordinate); };
            auto year = [&](const FieldRef& f) -> std::optional<int> {
                if (!is_set(f)) return std::nullopt;
                const auto t = cell_type(f);
                if (t == OFTInteger || t == OFTInteger64) return year_from_number(double(feat->GetFieldAsInteger64(f.index)), where(f));
                if (t == OFTReal) return year_from_number(feat->GetFieldAsDouble(f.index), where(f));
                return parse_year(cell_text(f), where(f));
            };
            auto rupiah = [&](const FieldRef& f) -> std::optional<std::int64_t> {
                if (!is_set(f)) return std::nullopt;
                const auto t = cell_type(f);
                if (t == OFTInteger || t == OFTInteger64) {
                    const std::int64_t v = feat->GetFieldAsInteger64(f.index);
                    check_budget(v, where(f));
                    return v;
                }
                if (t == OFTReal) return rupiah_from_number(feat->GetFieldAsDouble(f.index), where(f));
                return parse_rupiah(cell_text(f), where(f));
            };
            auto population = [&](AdminLevel level) {
                auto v = quantity(f_pop);
                if (v)
                    if (auto w = check_population(level, *v, where(f_pop)); !w.empty() && ++population_warnings <= 10)
                        rep.warnings.push_back(w);
                return v;
            };

            // Geometry in lon/lat.
            Geometry g;
            if (layer_geom) {
                g = io::from_ogr(feat->GetGeometryRef());
            } else if (use_wkt) {
                std::string w = text(f_wkt);
                if (!w.empty()) {
                    OGRGeometry* og = nullptr;
                    if (OGRGeometryFactory::createFromWkt(w.c_str(), nullptr, &og) != OGRERR_NONE || !og)
                        fail(f_wkt.name, "not valid WKT: '" + w.substr(0, 60) + "'");
                    std::unique_ptr<OGRGeometry> own(og);
                    g = io::from_ogr(og);
                }
            } else {
                auto x = coordinate(f_lon), y = coordinate(f_lat);
                if (x && y) g = Geometry::point(*x, *y);
            }
            const bool placed = !g.empty();
            if (!placed) {
                if (is_admin(target) || target == ImportTarget::PopulationGrid)
                    fail(geom_field, "no geometry: without its boundary its people would drop out of every figure");
                if (target != ImportTarget::Initiatives) {
                    ++no_geometry;
                    ++rep.skipped;
                    if (no_geometry <= 5) rep.warnings.push_back("feature " + label + " has no geometry: skipped");
                    continue;
                }
                ++unplaced;  // an initiative without a place still counts in the budgets and years
            }
            if (placed && to_lonlat) {
                try {
                    to_lonlat->apply_in_place(g);
                } catch (const GdalError& e) {
                    fail(geom_field, std::string("cannot transform to lon/lat: ") + e.what());
                }
            }
            if (placed) {
                auto e = g.envelope();
                bool inside = e.min_x >= kMinLon && e.max_x <= kMaxLon && e.min_y >= kMinLat && e.max_y <= kMaxLat;
                if (!inside) {
                    bool swapped = e.min_y >= kMinLon && e.max_y <= kMaxLon && e.min_x >= kMinLat && e.max_x <= kMaxLat;
                    char buf[160];
                    std::snprintf(buf, sizeof buf, "coordinates x %.6f..%.6f, y %.6f..%.6f", e.min_x, e.max_x, e.min_y, e.max_y);
                    if (swapped) fail(geom_field, std::string(buf) + ": longitude and latitude look swapped");
                    fail(geom_field, std::string(buf) + " are outside Indonesia (lon 94..142, lat -12..7 after "
                                     "reprojection from " + rep.source_crs + ")");
                }
            }
            if (placed && wants_polygons(target) && g.kind != GeometryKind::Polygon)
                fail(geom_field, std::string("expected polygons, found ") + to_string(g.kind));
            if (g.kind == GeometryKind::Polygon) {
                std::string reason;
                bool rep_done = false;
                try {
                    rep_done = repair_polygons(geos, g, reason);
                } catch (const GeosError& e) {
                    fail(geom_field, std::string("geometry cannot be repaired: ") + e.what());
                }
                if (rep_done) {
                    ++rep.repaired;
                    if (++repaired_warnings <= 10)
                        rep.warnings.push_back("feature " + label + ": invalid geometry repaired (" + reason + ")");
                }
                if (g.empty()) {
                    ++rep.skipped;
                    rep.warnings.push_back("feature " + label + ": nothing left of the geometry after repair: skipped");
                    continue;
                }
            }

            // Identity.
            Uuid id;
            if (f_uuid) {
                auto u = lower(text(f_uuid));
                if (is_uuid(u) && !uuids_seen.count(u)) id = u;
                else if (is_uuid(u) && ++uuid_replaced <= 5)
                    rep.warnings.push_back("feature " + label + ": UUID " + u + " is already in use: given a new one");
            }
            if (id.empty()) id = new_uuid();
            uuids_seen.insert(id);

            if (!code.empty() && (is_admin(target) || target == ImportTarget::Zones)) {
                auto [it, fresh] = codes_seen.emplace(code, label);
                if (!fresh) fail(f_code.name, "duplicate code '" + code + "' (also feature " + it->second + ")");
            }

            std::vector<ExtraField> extra;
            const std::set<std::string>* not_had = nullptr;
            if (!absent.empty())
                if (auto it = absent.find(text(f_uuid)); it != absent.end()) not_had = &it->second;
            for (auto& c : extra_cols) {
                if (not_had && not_had->count(names[std::size_t(c.index)])) continue;
                ExtraField x{c.name, {}};
                if (feat->IsFieldSetAndNotNull(c.index)) {
                    auto t = defn->GetFieldDefn(c.index)->GetType();
                    if (t == OFTInteger || t == OFTInteger64) x.value = std::int64_t(feat->GetFieldAsInteger64(c.index));
                    else if (t == OFTReal) x.value = feat->GetFieldAsDouble(c.index);
                    else x.value = decode(feat->GetFieldAsString(c.index));
                }
                extra.push_back(std::move(x));
            }

            switch (target) {
                case ImportTarget::Kabupaten:
                case ImportTarget::Kecamatan:
                case ImportTarget::Desa: {
                    AdminUnit u;
                    u.id = id;
                    u.level = target == ImportTarget::Kabupaten   ? AdminLevel::Kabupaten
                              : target == ImportTarget::Kecamatan ? AdminLevel::Kecamatan
                                                                  : AdminLevel::Desa;
                    u.code = code;
                    u.name = name;
                    u.parent_code = text(f_parent);
                    u.bps_code = text(f_bps);
                    u.population = population(u.level);
                    if (f_pop && !u.population) ++pop_missing;
                    u.geometry = std::move(g);
                    u.extra = std::move(extra);
                    units.push_back(std::move(u));
                    break;
                }
                case ImportTarget::Facilities: {
                    Facility f;
                    f.id = id;
                    f.type = lower(text(f_type));
                    if (f.type.empty()) f.type = lower(opt.facility_type);
                    if (f.type.empty()) fail(f_type.name, "no facility type");
                    f.name = name;
                    f.radius_m = quantity(f_radius);  // none: the type's default; never a bad value's
                    if (f.radius_m) check_radius(*f.radius_m, where(f_radius));
                    f.geometry = std::move(g);
                    f.extra = std::move(extra);
                    facilities.push_back(std::move(f));
                    facility_fids.push_back(fid);
                    break;
                }
                case ImportTarget::Zones: {
                    Zone z;
                    z.id = id;
                    z.code = code;
                    z.name = name;
                    z.kind = text(f_type);
                    z.geometry = std::move(g);
                    z.extra = std::move(extra);
                    zones.push_back(std::move(z));
                    break;
                }
                case ImportTarget::Initiatives: {
                    Initiative in;
                    in.id = id;
                    in.name = name;
                    in.description = text(fi.description);
                    auto pv = text(fi.pillar);
                    auto p = parse_pillar(pv);
                    if (!p) fail(fi.pillar.name, "unknown pillar '" + pv + "' (governance, branding, economy, society, living, environment)");
                    in.pillar = *p;
                    if (auto ev = text(fi.element); !ev.empty()) {
                        auto e = parse_element(ev);
                        if (!e) fail(fi.element.name, "unknown element '" + ev + "' (struktur, infrastruktur, suprastruktur)");
                        in.element = *e;
                    }
                    if (auto sv = text(fi.status); !sv.empty()) {
                        auto s = parse_status(sv);
                        if (!s) fail(fi.status.name, "unknown status '" + sv + "' (usulan, rencana, berjalan, selesai)");
                        in.status = *s;
                    }
                    in.opd = text(fi.opd);
                    in.start_year = year(fi.start).value_or(0);
                    in.end_year = year(fi.end).value_or(in.start_year);
                    in.budget_rp = rupiah(fi.budget).value_or(0);
                    in.funding_source = text(fi.funding);
                    if (fi.quick_win && feat->IsFieldSetAndNotNull(fi.quick_win.index)) {
                        auto q = lower(text(fi.quick_win));
                        in.quick_win = q == "1" || q == "true" || q == "ya" || q == "yes" || q == "y" || q == "t";
                    }
                    in.rpjmd_ref = text(fi.rpjmd);
                    in.radius_m = quantity(f_radius);
                    if (in.radius_m && *in.radius_m == 0) in.radius_m.reset();  // 0: serves no area
                    if (in.radius_m) check_radius(*in.radius_m, where(f_radius));
                    if (in.end_year < in.start_year) fail(fi.end ? fi.end.name : "tahun_selesai", "end year before start year");
                    {
                        auto& st = project.settings;
                        if (st.period_start && st.period_end && in.start_year &&
                            (in.start_year < st.period_start || in.end_year > st.period_end))
                            rep.warnings.push_back("initiative " + label + ": years " + std::to_string(in.start_year) + "-" +
                                                   std::to_string(in.end_year) + " outside the masterplan period " +
                                                   std::to_string(st.period_start) + "-" + std::to_string(st.period_end));
                    }
                    in.geometry = std::move(g);
                    initiatives.push_back(std::move(in));
                    initiative_fids.push_back(fid);
                    break;
                }
                case ImportTarget::PopulationGrid: {
                    auto pop = population(AdminLevel::Desa);  // a cell is held to a desa's bounds
                    if (!pop || *pop == 0) {
                        ++no_population_cells;
                        ++rep.skipped;
                        continue;
                    }
                    cells.push_back({std::move(g), *pop});
                    break;
                }
            }
            ++rep.imported;
        }
        reader.finish(&rep.warnings);
        io::check_number_columns(*ds, *part, path);  // after the read, which names a damaged page's feature
    }
    if (parts.size() > 1) {
        auto in_fid_order = [](auto& items, const std::vector<GIntBig>& fids) {
            std::vector<std::size_t> idx(items.size());
            for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
            std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return fids[a] < fids[b]; });
            std::remove_reference_t<decltype(items)> sorted;
            for (auto i : idx) sorted.push_back(std::move(items[i]));
            items = std::move(sorted);
        };
        in_fid_order(facilities, facility_fids);
        in_fid_order(initiatives, initiative_fids);
    }
    if (uuid_replaced)
        rep.warnings.push_back(std::to_string(uuid_replaced) + " features had a UUID already in use: given new ones");
    if (rep.imported == 0) throw InputError({path, lname}, "no usable feature in the layer");
    if (unplaced) rep.warnings.push_back(std::to_string(unplaced) + " initiatives have no geometry: imported without a place");
    if (no_geometry > 5) rep.warnings.push_back(std::to_string(no_geometry) + " features without geometry skipped in all");
    if (rep.repaired > 10) rep.warnings.push_back(std::to_string(rep.repaired) + " invalid geometries repaired in all");
    if (pop_missing) rep.warnings.push_back(std::to_string(pop_missing) + " units have no population value");
    if (no_population_cells) rep.warnings.push_back(std::to_string(no_population_cells) + " cells without population left out");
    if (rep.reencoded) rep.warnings.push_back(std::to_string(rep.reencoded) + " text values converted to UTF-8 from " +
                                              (encoding.empty() ? "CP1252" : encoding));

    // ---- commit: nothing above touched the project ----
    auto put = [&](auto& dst, auto& src) {
        if (opt.replace) dst = std::move(src);
        else dst.insert(dst.end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    };
    switch (target) {
        case ImportTarget::Kabupaten: put(project.kabupaten, units); break;
        case ImportTarget::Kecamatan: put(project.kecamatan, units); break;
        case ImportTarget::Desa: put(project.desa, units); break;
        case ImportTarget::Facilities: {
            for (auto& f : facilities)
                if (!project.facility_type(f.type)) {
                    FacilityType t;
                    t.key = f.type;
                    t.label = f.type;
                    if (!t.label.empty()) t.label[0] = char(std::toupper(static_cast<unsigned char>(t.label[0])));
                    t.default_radius_m = 1000;
                    t.colour = 0x808080ff;
                    project.settings.facility_types.push_back(t);
                    rep.warnings.push_back("new facility type '" + f.type + "' added with a default radius of 1000 m");
                }
            put(project.facilities, facilities);
            break;
        }
        case ImportTarget::Zones: put(project.zones, zones); break;
        case ImportTarget::Initiatives: put(project.initiatives, initiatives); break;
        case ImportTarget::PopulationGrid: {
            if (!project.population_grid || opt.replace) project.population_grid = PopulationGrid{};
            auto& grid = *project.population_grid;
            grid.source = grid.source.empty() ? path + ":" + lname : grid.source + ";" + path + ":" + lname;
            grid.cells.insert(grid.cells.end(), std::make_move_iterator(cells.begin()), std::make_move_iterator(cells.end()));
            break;
        }
    }
    return rep;
}

}  // namespace pc
