// The project's layers and settings tables, read with SQLite (layer_reader.h does the checking).
#include <algorithm>
#include <map>
#include <set>

#include "../io/context_tables.h"
#include "../io/table_model.h"
#include "../io/views_table.h"
#include "geo/bounds.h"
#include "geo/error.h"
#include "layer_reader.h"
#include "project_store.h"

namespace pc::store {
namespace {

struct Reader {
    GeoPackage& gpkg;

    std::optional<std::string> layer(const std::string& name, bool required) {
        auto l = gpkg.layer(name);
        if (!l && required) throw InputError({gpkg.file(), name}, "layer missing: not a PetaCerdas project file");
        return l;
    }
    template <class Fn>
    void each(const std::optional<std::string>& table, Fn fn) {
        if (!table) return;
        LayerReader r(gpkg, *table);
        while (r.next()) fn(r);
    }
};

// Features added in QGIS have no uuid (or a copied one): they get one derived from their row.
Uuid uuid_of(const LayerReader& r, std::set<std::string>& seen) {
    return feature_uuid(r.str("uuid"), r.table(), r.fid(), r.geometry_blob(), seen);
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
std::vector<T> read_kind_layers(Reader& rd, const std::string& base, Make make) {
    std::vector<std::pair<std::int64_t, T>> items;
    std::set<std::string> seen;
    for (GeometryKind kind : io::kLayerKinds) {
        const std::string name = io::kind_layer_name(base, kind);
        rd.each(rd.layer(name, kind == GeometryKind::Point),
                [&](const LayerReader& r) { items.emplace_back(r.fid(), make(r, seen)); });
    }
    std::stable_sort(items.begin(), items.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<T> out;
    out.reserve(items.size());
    for (auto& it : items) out.push_back(std::move(it.second));
    return out;
}

std::vector<AdminUnit> read_admin(Reader& rd, const char* layer, AdminLevel level, const AbsentExtras& absent) {
    std::vector<AdminUnit> out;
    const std::set<std::string> core = {"uuid", "code", "name", "parent_code", "bps_code", "population"};
    std::set<std::string> seen;
    rd.each(rd.layer(layer, true), [&](const LayerReader& r) {
        AdminUnit u;
        u.id = uuid_of(r, seen);
        u.level = level;
        u.code = r.str("code");
        u.name = r.str("name");
        u.parent_code = r.str("parent_code");
        u.bps_code = r.str("bps_code");
        u.population = r.real("population");
        validate_admin_unit(u, {rd.gpkg.file(), r.table(), r.label()});  // geo/bounds.h; its warning is the importer's
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

Project read_project(GeoPackage& gpkg) {
    const std::string& path = gpkg.file();
    Reader rd{gpkg};
    Project p;

    std::map<std::string, std::string> settings;
    rd.each(rd.layer("settings", true), [&](const LayerReader& r) { settings[r.str("key")] = r.str("value"); });
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
    s.period_start = year_or_unset(to_int(path, "period_start", setting("period_start")), {path, "settings", "period_start", "value"});
    s.period_end = year_or_unset(to_int(path, "period_end", setting("period_end")), {path, "settings", "period_end", "value"});
    s.analysis_crs = setting("analysis_crs");
    s.features_inside_only = setting("features_inside_only") == "1";  // absent in older files: off
    rd.each(rd.layer("facility_types", true), [&](const LayerReader& r) {
        FacilityType t;
        t.key = r.str("key");
        t.label = r.str("label");
        t.default_radius_m = r.real("default_radius_m").value_or(0);
        auto c = r.str("colour");
        auto col = io::parse_colour(c);
        if (!col) r.fail("colour", "not a #rrggbbaa colour: '" + c + "'");
        t.colour = *col;
        s.facility_types.push_back(std::move(t));
    });
    rd.each(rd.layer("opd", true), [&](const LayerReader& r) { s.opd.push_back(r.str("name")); });

    AbsentExtras absent;  // absent from files written before the table existed: every column is an extra
    rd.each(rd.layer(io::kAbsentExtrasTable, false),
            [&](const LayerReader& r) { absent[{r.str("layer"), r.str("uuid")}].insert(r.str("field")); });

    p.kabupaten = read_admin(rd, "kabupaten", AdminLevel::Kabupaten, absent);
    p.kecamatan = read_admin(rd, "kecamatan", AdminLevel::Kecamatan, absent);
    p.desa = read_admin(rd, "desa", AdminLevel::Desa, absent);

    p.facilities = read_kind_layers<Facility>(rd, "facilities", [&](const LayerReader& r, std::set<std::string>& seen) {
        Facility f;
        f.id = uuid_of(r, seen);
        f.type = r.str("type");
        f.name = r.str("name");
        f.radius_m = r.real("radius_m");
        validate_facility(f, {rd.gpkg.file(), r.table(), r.label() + " (" + f.name + ")"});
        f.geometry = r.geometry();
        f.extra = r.extras({"uuid", "type", "name", "radius_m"}, absent_for(absent, "facilities", f.id));
        return f;
    });
    std::set<std::string> zone_ids;
    rd.each(rd.layer("zones", true), [&](const LayerReader& r) {
        Zone z;
        z.id = uuid_of(r, zone_ids);
        z.code = r.str("code");
        z.name = r.str("name");
        z.kind = r.str("kind");
        z.geometry = r.geometry();
        z.extra = r.extras({"uuid", "code", "name", "kind"}, absent_for(absent, "zones", z.id));
        p.zones.push_back(std::move(z));
    });
    p.initiatives = read_kind_layers<Initiative>(rd, "initiatives", [&](const LayerReader& r, std::set<std::string>& seen) {
        Initiative i;
        i.id = uuid_of(r, seen);
        i.name = r.str("name");
        i.description = r.str("description");
        auto bad = [&](const char* field, const std::string& v) {
            throw InputError({path, r.table(), r.label() + " (" + i.name + ")", field}, "unknown value '" + v + "'");
        };
        // Empty (a feature added in QGIS, its fields left NULL) reads as the model's default; a
        // value we do not know is refused.
        auto pv = r.str("pillar");
        auto pl = pv.empty() ? std::optional<Pillar>(Initiative{}.pillar) : parse_pillar(pv);
        if (!pl) bad("pillar", pv);
        i.pillar = *pl;
        auto ev = r.str("element");
        auto el = ev.empty() ? std::optional<Element>(Initiative{}.element) : parse_element(ev);
        if (!el) bad("element", ev);
        i.element = *el;
        i.opd = r.str("opd");
        const Where at{path, r.table(), r.label() + " (" + i.name + ")"};
        i.start_year = year_or_unset(r.integer("start_year"), {at.file, at.layer, at.feature, "start_year"});
        i.end_year = year_or_unset(r.integer("end_year"), {at.file, at.layer, at.feature, "end_year"});
        i.budget_rp = r.integer("budget_rp");
        i.funding_source = r.str("funding_source");
        auto sv = r.str("status");
        auto st = sv.empty() ? std::optional<Status>(Initiative{}.status) : parse_status(sv);
        if (!st) bad("status", sv);
        i.status = *st;
        i.quick_win = r.integer("quick_win") != 0;
        i.rpjmd_ref = r.str("rpjmd_ref");
        i.radius_m = r.real("radius_m");
        if (r.has("service")) i.service = r.str("service");  // files before it had none
        validate_initiative(i, at);  // geo/bounds.h: order of the years, budget, radius
        i.geometry = r.geometry();
        return i;
    });
    if (setting("has_population_grid") == "1") {
        PopulationGrid g;
        g.source = setting("population_grid_source");
        rd.each(rd.layer("population_grid", true), [&](const LayerReader& r) {
            const double persons = r.real("population").value_or(0);
            (void)check_population(AdminLevel::Desa, persons, {rd.gpkg.file(), r.table(), r.label(), "population"});
            g.cells.push_back({r.geometry(), persons});
        });
        p.population_grid = std::move(g);
    }
    p.views = io::read_views_table(gpkg);
    p.context_layers = io::read_context_layers(gpkg);
    return p;
}

}  // namespace pc::store
