// The project reader as it was before the SQLite store: OGR's GeoPackage driver. Kept as the
// independent reference the SQLite reader is compared with.
#include "ogr_project_reader.h"

#include <cpl_json.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "geo/error.h"
#include "geo/gdal.h"
#include "io/io_internal.h"

namespace fs = std::filesystem;

namespace pc::test {
namespace {
constexpr const char* kTable = "views";
// Reads one row; every problem names the view (its position and name) and the field.
struct ViewRow {
    const std::string& file;
    OGRFeature& f;
    OGRFeatureDefn& defn;
    std::string who;

    InputError error(const char* field, const std::string& what) const {
        return InputError({file, kTable, who, field}, what);
    }
    int idx(const char* field) const {
        int i = defn.GetFieldIndex(field);
        if (i < 0) throw InputError({file, kTable, "", field}, "field missing");
        return i;
    }
    bool null(const char* field) const { return !f.IsFieldSetAndNotNull(idx(field)); }
    std::string str(const char* field) const { return null(field) ? std::string() : f.GetFieldAsString(idx(field)); }
    double real(const char* field, double fallback) const { return null(field) ? fallback : f.GetFieldAsDouble(idx(field)); }
    std::int64_t integer(const char* field, std::int64_t fallback) const {
        return null(field) ? fallback : f.GetFieldAsInteger64(idx(field));
    }
    CPLJSONArray array(const char* field) const {
        const std::string text = str(field);
        if (text.empty()) return CPLJSONArray();
        CPLJSONDocument d;
        CPLErrorReset();
        if (!d.LoadMemory(text) || d.GetRoot().GetType() != CPLJSONObject::Type::Array)
            throw error(field, "not a JSON array: '" + text + "'");
        return d.GetRoot().ToArray();
    }
    std::vector<std::string> strings(const CPLJSONArray& a, const char* field) const {
        std::vector<std::string> out;
        for (int i = 0; i < a.Size(); ++i) {
            if (a[i].GetType() != CPLJSONObject::Type::String) throw error(field, "list item " + std::to_string(i) + " is not text");
            out.push_back(a[i].ToString());
        }
        return out;
    }
    template <class E, class Parse>
    std::vector<E> keys(const CPLJSONArray& a, const char* field, Parse parse) const {
        std::vector<E> out;
        for (const auto& k : strings(a, field)) {
            auto e = parse(k);
            if (!e) throw error(field, "unknown value '" + k + "'");
            out.push_back(*e);
        }
        return out;
    }
};

ViewScenario read_scenario(const ViewRow& r) {
    ViewScenario s;
    const std::string text = r.str("scenario");
    if (text.empty()) return s;
    CPLJSONDocument d;
    CPLErrorReset();
    if (!d.LoadMemory(text) || d.GetRoot().GetType() != CPLJSONObject::Type::Object)
        throw r.error("scenario", "not a JSON object: '" + text + "'");
    const CPLJSONObject o = d.GetRoot();
    const std::string mode = o.GetString("mode", "off");
    auto m = parse_scenario_mode(mode);
    if (!m) throw r.error("scenario", "unknown scenario mode '" + mode + "'");
    s.mode = *m;
    CPLJSONArray years = o.GetArray("years");
    for (int i = 0; years.IsValid() && i < years.Size(); ++i) {
        if (years[i].GetType() != CPLJSONObject::Type::Integer) throw r.error("scenario", "a year is not a whole number");
        s.filter.years.push_back(years[i].ToInteger());
    }
    CPLJSONArray st = o.GetArray("statuses"), pl = o.GetArray("pillars");
    if (st.IsValid()) s.filter.statuses = r.keys<Status>(st, "scenario", parse_status);
    if (pl.IsValid()) s.filter.pillars = r.keys<Pillar>(pl, "scenario", parse_pillar);
    s.swipe_position = o.GetDouble("swipe_position", 0.5);
    s.gap_closed_drop_pct = o.GetDouble("gap_closed_drop_pct", 50);
    if (!(s.swipe_position >= 0 && s.swipe_position <= 1)) throw r.error("scenario", "swipe_position is not within 0..1");
    return s;
}

}  // namespace

std::vector<View> read_views_with_ogr(const std::string& file, GDALDataset& ds) {
    OGRLayer* layer = ds.GetLayerByName(kTable);
    if (!layer) return {};
    std::vector<std::pair<std::int64_t, View>> rows;
    layer->ResetReading();
    for (auto& f : *layer) {
        ViewRow r{file, *f, *layer->GetLayerDefn(), std::to_string(f->GetFID())};
        View v;
        r.who = std::to_string(f->GetFID()) + " (" + r.str("name") + ")";
        v.id = r.str("uuid");
        if (!is_uuid(v.id)) throw r.error("uuid", "not a UUID: '" + v.id + "'");
        v.name = r.str("name");
        v.caption = r.str("caption");
        v.notes = r.str("notes");
        const std::string kind = r.str("kind");
        auto k = parse_view_kind(kind.empty() ? "map" : kind);
        if (!k) throw r.error("kind", "unknown view kind '" + kind + "'");
        v.kind = *k;
        const bool has_extent = !r.null("min_lon");
        if (has_extent) {
            for (const char* c : {"min_lat", "max_lon", "max_lat"})
                if (r.null(c)) throw r.error(c, "extent incomplete: min_lon is set but this is empty");
            v.extent = Envelope{r.real("min_lon", 0), r.real("min_lat", 0), r.real("max_lon", 0), r.real("max_lat", 0)};
            if (!(v.extent.min_x <= v.extent.max_x && v.extent.min_y <= v.extent.max_y) ||
                v.extent.min_x < -180 || v.extent.max_x > 180 || v.extent.min_y < -90 || v.extent.max_y > 90)
                throw r.error("min_lon", "extent is not a lon/lat box (min <= max, within ±180/±90)");
        }
        v.layers = r.keys<ViewLayer>(r.array("layers"), "layers", parse_view_layer);
        v.choropleth.service = r.str("choropleth_service");
        const std::string metric = r.str("choropleth_metric"), method = r.str("choropleth_method");
        auto m = parse_view_metric(metric.empty() ? "coverage_population" : metric);
        if (!m) throw r.error("choropleth_metric", "unknown metric '" + metric + "'");
        v.choropleth.metric = *m;
        auto cm = parse_view_class_method(method.empty() ? "quantile" : method);
        if (!cm) throw r.error("choropleth_method", "unknown classification method '" + method + "'");
        v.choropleth.method = *cm;
        v.choropleth.classes = int(r.integer("choropleth_classes", 5));
        if (v.choropleth.classes < 1 || v.choropleth.classes > 12)
            throw r.error("choropleth_classes", "number of classes must be 1..12");
        v.highlight_units = r.strings(r.array("highlight_units"), "highlight_units");
        v.highlight_initiatives = r.strings(r.array("highlight_initiatives"), "highlight_initiatives");
        v.scenario = read_scenario(r);
        rows.emplace_back(r.integer("position", std::int64_t(rows.size())), std::move(v));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<View> out;
    for (auto& [pos, v] : rows) out.push_back(std::move(v));
    return out;
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

Project load_project_with_ogr(const std::string& path) {
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
    p.views = read_views_with_ogr(path, *ds);
    return p;
}

}  // namespace pc::test
