// The project file: one GeoPackage, written beside the target and renamed over it.
#include "geo/io/project_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"
#include "views_table.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

void remove_quietly(const std::string& p) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(p + suffix, ec);
}

}  // namespace

namespace io {
// Writes all tables into a new GeoPackage at `path` (which must not exist) and closes it.
void write_geopackage(const Project& project, const AnalysisResult* metrics, const std::string& path) {
    auto tables = project_tables(project, metrics);
    CPLStringList dco;
    auto ds = create_vector(path, "GPKG", dco.List());
    for (auto& t : tables) {
        WriteOptions o;
        if (t.geometry_type != wkbNone) o.layer_options = {"GEOMETRY_NAME=geom", "FID=fid"};
        else o.layer_options = {"FID=fid"};
        if (t.geometry_type != wkbUnknown) {
            write_table(*ds, t, o);
            continue;
        }
        // Mixed geometry: one layer per kind present (the point layer always, under the table's
        // name), FIDs numbered across them so that loading restores the model's order.
        for (GeometryKind kind : kLayerKinds) {
            const bool present = std::any_of(t.geometries.begin(), t.geometries.end(),
                                             [&](const Geometry* g) { return g && g->kind == kind; });
            if (!present && kind != GeometryKind::Point) continue;
            WriteOptions k = o;
            k.layer_name = kind_layer_name(t.name, kind);
            k.geometry_type = kind_layer_type(t, kind);
            k.keep = [kind](const Geometry* g) { return in_kind_layer(g, kind); };
            k.fid_from_row = true;
            write_table(*ds, t, k);
        }
    }
    if (auto absent = absent_extras_table(project); !absent.rows.empty()) {
        WriteOptions o;
        o.layer_options = {"FID=fid"};
        write_table(*ds, absent, o);
    }
    write_views_table(*ds, project.views);
    write_layer_styles(*ds, project_styles(project, metrics));
    CPLErrorReset();
    ds->FlushCache();
    GDALDataset* raw = ds.release();
    CPLErrorReset();
    GDALClose(raw);
    if (CPLGetLastErrorType() >= CE_Failure) throw GdalError("cannot close '" + path + "': " + gdal_last_error());
}
}  // namespace io

void save_project(const Project& project, const std::string& path, const AnalysisResult* metrics) {
    const fs::path target = fs::absolute(path);
    const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
    remove_quietly(tmp);
    try {
        io::write_geopackage(project, metrics, tmp);
        // On disk before it replaces the previous file: a crash leaves one or the other, whole.
        if (int fd = ::open(tmp.c_str(), O_RDONLY); fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
        std::error_code ec;
        fs::rename(tmp, target, ec);
        if (ec) throw GdalError("cannot replace '" + target.string() + "': " + ec.message());
    } catch (...) {
        remove_quietly(tmp);
        throw;
    }
}

namespace {

struct Reader {
    std::string file;
    GDALDataset& ds;

    OGRLayer* layer(const char* name, bool required) {
        OGRLayer* l = ds.GetLayerByName(name);
        if (!l && required) throw InputError({file, name}, "layer missing: not a PetaCerdas project file");
        return l;
    }
};

struct Row {
    const std::string& file;
    const std::string& layer;
    OGRFeature& f;
    OGRFeatureDefn& defn;

    int idx(const char* field, bool required = true) const {
        int i = defn.GetFieldIndex(field);
        if (i < 0 && required) throw InputError({file, layer, "", field}, "field missing");
        return i;
    }
    std::string label() const { return std::to_string(f.GetFID()); }
    std::string str(const char* field) const {
        int i = idx(field);
        return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
    }
    std::optional<double> real(const char* field) const {
        int i = idx(field);
        if (!f.IsFieldSetAndNotNull(i)) return std::nullopt;
        return f.GetFieldAsDouble(i);
    }
    std::int64_t integer(const char* field) const {
        int i = idx(field);
        return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsInteger64(i) : 0;
    }
    Uuid uuid() const {
        auto u = str("uuid");
        if (!is_uuid(u)) throw InputError({file, layer, label(), "uuid"}, "not a UUID: '" + u + "'");
        return u;
    }
    Geometry geometry() const { return io::from_ogr(f.GetGeometryRef()); }
    // The feature's extra fields: the layer's other columns, less those it does not have (`absent`).
    std::vector<ExtraField> extras(const std::set<std::string>& core, const std::set<std::string>* absent) const {
        std::vector<ExtraField> out;
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            auto* fd = defn.GetFieldDefn(i);
            std::string n = fd->GetNameRef();
            if (core.count(io::lower(n))) continue;
            if (absent && absent->count(n)) continue;
            ExtraField x{n, {}};
            if (f.IsFieldSetAndNotNull(i)) {
                switch (fd->GetType()) {
                    case OFTInteger:
                    case OFTInteger64: x.value = std::int64_t(f.GetFieldAsInteger64(i)); break;
                    case OFTReal: x.value = f.GetFieldAsDouble(i); break;
                    default: x.value = std::string(f.GetFieldAsString(i)); break;
                }
            }
            out.push_back(std::move(x));
        }
        return out;
    }
};

template <class Fn>
void each(const std::string& file, OGRLayer* l, Fn fn) {
    if (!l) return;
    const std::string name = l->GetName();
    l->ResetReading();
    for (auto& f : *l) fn(Row{file, name, *f, *l->GetLayerDefn()});
}

// (layer, uuid) -> extra fields the feature does not have (io::absent_extras_table).
using AbsentExtras = std::map<std::pair<std::string, std::string>, std::set<std::string>>;

const std::set<std::string>* absent_for(const AbsentExtras& a, const std::string& layer, const Uuid& id) {
    auto it = a.find({layer, id});
    return it == a.end() ? nullptr : &it->second;
}

// The features of a mixed-geometry table: its kind layers (`facilities`, `facilities_line`,
// `facilities_polygon`) merged back in FID order, which numbers the rows across them.
template <class T, class Make>
std::vector<T> read_kind_layers(const std::string& file, Reader& rd, const std::string& base, Make make) {
    std::vector<std::pair<GIntBig, T>> items;
    for (GeometryKind kind : io::kLayerKinds) {
        const std::string name = io::kind_layer_name(base, kind);
        each(file, rd.layer(name.c_str(), kind == GeometryKind::Point),
             [&](const Row& r) { items.emplace_back(r.f.GetFID(), make(r)); });
    }
    std::stable_sort(items.begin(), items.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<T> out;
    out.reserve(items.size());
    for (auto& it : items) out.push_back(std::move(it.second));
    return out;
}

std::vector<AdminUnit> read_admin(const std::string& file, OGRLayer* l, AdminLevel level, const AbsentExtras& absent) {
    std::vector<AdminUnit> out;
    const std::set<std::string> core = {"uuid", "code", "name", "parent_code", "bps_code", "population"};
    each(file, l, [&](const Row& r) {
        AdminUnit u;
        u.id = r.uuid();
        u.level = level;
        u.code = r.str("code");
        u.name = r.str("name");
        u.parent_code = r.str("parent_code");
        u.bps_code = r.str("bps_code");
        u.population = r.real("population");
        u.geometry = r.geometry();
        u.extra = r.extras(core, absent_for(absent, to_key(level), u.id));
        out.push_back(std::move(u));
    });
    return out;
}

int to_int(const std::string& file, const std::string& key, const std::string& v) {
    try {
        std::size_t used = 0;
        int x = std::stoi(v, &used);
        if (used == v.size()) return x;
    } catch (...) {
    }
    throw InputError({file, "settings", key, "value"}, "not a whole number: '" + v + "'");
}

}  // namespace

Project load_project(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError({path}, "project file does not exist");
    auto ds = open_vector(path);
    Reader rd{path, *ds};
    Project p;

    std::map<std::string, std::string> settings;
    each(path, rd.layer("settings", true), [&](const Row& r) { settings[r.str("key")] = r.str("value"); });
    auto setting = [&](const char* k) {
        auto it = settings.find(k);
        return it == settings.end() ? std::string() : it->second;
    };
    if (setting("format_version") != "1")
        throw InputError({path, "settings", "format_version", "value"},
                         "unsupported project format version '" + setting("format_version") + "'");
    auto& s = p.settings;
    s.name = setting("name");
    s.district_code = setting("district_code");
    s.district_name = setting("district_name");
    s.period_start = to_int(path, "period_start", setting("period_start"));
    s.period_end = to_int(path, "period_end", setting("period_end"));
    s.analysis_crs = setting("analysis_crs");
    each(path, rd.layer("facility_types", true), [&](const Row& r) {
        FacilityType t;
        t.key = r.str("key");
        t.label = r.str("label");
        t.default_radius_m = r.real("default_radius_m").value_or(0);
        auto c = r.str("colour");
        auto col = io::parse_colour(c);
        if (!col) throw InputError({path, "facility_types", r.label(), "colour"}, "not a #rrggbbaa colour: '" + c + "'");
        t.colour = *col;
        s.facility_types.push_back(std::move(t));
    });
    each(path, rd.layer("opd", true), [&](const Row& r) { s.opd.push_back(r.str("name")); });

    AbsentExtras absent;  // absent from files written before the table existed: every column is an extra
    each(path, rd.layer(io::kAbsentExtrasTable, false),
         [&](const Row& r) { absent[{r.str("layer"), r.str("uuid")}].insert(r.str("field")); });

    p.kabupaten = read_admin(path, rd.layer("kabupaten", true), AdminLevel::Kabupaten, absent);
    p.kecamatan = read_admin(path, rd.layer("kecamatan", true), AdminLevel::Kecamatan, absent);
    p.desa = read_admin(path, rd.layer("desa", true), AdminLevel::Desa, absent);

    p.facilities = read_kind_layers<Facility>(path, rd, "facilities", [&](const Row& r) {
        Facility f;
        f.id = r.uuid();
        f.type = r.str("type");
        f.name = r.str("name");
        f.radius_m = r.real("radius_m");
        f.geometry = r.geometry();
        f.extra = r.extras({"uuid", "type", "name", "radius_m"}, absent_for(absent, "facilities", f.id));
        return f;
    });
    each(path, rd.layer("zones", true), [&](const Row& r) {
        Zone z;
        z.id = r.uuid();
        z.code = r.str("code");
        z.name = r.str("name");
        z.kind = r.str("kind");
        z.geometry = r.geometry();
        z.extra = r.extras({"uuid", "code", "name", "kind"}, absent_for(absent, "zones", z.id));
        p.zones.push_back(std::move(z));
    });
    p.initiatives = read_kind_layers<Initiative>(path, rd, "initiatives", [&](const Row& r) {
        Initiative i;
        i.id = r.uuid();
        i.name = r.str("name");
        i.description = r.str("description");
        auto bad = [&](const char* field, const std::string& v) {
            return InputError({path, r.layer, r.label() + " (" + i.name + ")", field}, "unknown value '" + v + "'");
        };
        auto pv = r.str("pillar");
        auto pl = parse_pillar(pv);
        if (!pl) throw bad("pillar", pv);
        i.pillar = *pl;
        auto ev = r.str("element");
        auto el = parse_element(ev);
        if (!el) throw bad("element", ev);
        i.element = *el;
        i.opd = r.str("opd");
        i.start_year = int(r.integer("start_year"));
        i.end_year = int(r.integer("end_year"));
        i.budget_rp = r.integer("budget_rp");
        i.funding_source = r.str("funding_source");
        auto sv = r.str("status");
        auto st = parse_status(sv);
        if (!st) throw bad("status", sv);
        i.status = *st;
        i.quick_win = r.integer("quick_win") != 0;
        i.rpjmd_ref = r.str("rpjmd_ref");
        i.radius_m = r.real("radius_m");
        if (r.idx("service", false) >= 0) i.service = r.str("service");  // files before it had none
        i.geometry = r.geometry();
        return i;
    });
    if (setting("has_population_grid") == "1") {
        PopulationGrid g;
        g.source = setting("population_grid_source");
        each(path, rd.layer("population_grid", true), [&](const Row& r) {
            g.cells.push_back({r.geometry(), r.real("population").value_or(0)});
        });
        p.population_grid = std::move(g);
    }
    p.views = io::read_views_table(path, *ds);
    return p;
}

}  // namespace pc
