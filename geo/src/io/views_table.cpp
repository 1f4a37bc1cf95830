#include "views_table.h"

#include <algorithm>
#include <cmath>

#include "../store/json.h"
#include "../store/layer_reader.h"
#include "geo/error.h"
#include "geo/model.h"

namespace pc::io {
namespace {

using store::Json;

std::string json_strings(const std::vector<std::string>& items) {
    Json a = Json::array();
    for (const auto& s : items) a.items.push_back(Json::text(s));
    return store::to_json(a);
}

template <class E>
Json key_array(const std::vector<E>& items) {
    Json a = Json::array();
    for (E e : items) a.items.push_back(Json::text(to_key(e)));
    return a;
}

template <class E>
std::string json_keys(const std::vector<E>& items) {
    return store::to_json(key_array(items));
}

std::string scenario_json(const ViewScenario& s) {
    Json o = Json::object();
    o.add("mode", Json::text(to_key(s.mode)));
    Json years = Json::array();
    for (int y : s.filter.years) years.items.push_back(Json::whole(y));
    o.add("years", years);
    o.add("statuses", key_array(s.filter.statuses));
    o.add("pillars", key_array(s.filter.pillars));
    o.add("swipe_position", Json::real(s.swipe_position));
    o.add("gap_closed_drop_pct", Json::real(s.gap_closed_drop_pct));
    return store::to_json(o);
}

// Reads one row; every problem names the view (its position and name) and the field.
struct ViewRow {
    const store::LayerReader& r;
    std::string who;

    InputError error(const char* field, const std::string& what) const {
        return InputError({r.file(), kViewsTable, who, field}, what);
    }
    bool null(const char* field) const { return r.is_null(r.index(field)); }
    std::string str(const char* field) const { return r.str(field); }
    double real(const char* field, double fallback) const { return r.real(field).value_or(fallback); }
    std::int64_t integer(const char* field, std::int64_t fallback) const {
        return r.integer_or_null(field).value_or(fallback);
    }
    Json document(const char* field, Json::Type type, const char* what) const {
        const std::string text = str(field);
        if (text.empty()) return type == Json::Type::Array ? Json::array() : Json::object();
        Json d;
        try {
            d = store::parse_json(text);
        } catch (const store::BadJson&) {
            throw error(field, std::string("not a JSON ") + what + ": '" + text + "'");
        }
        if (d.type != type) throw error(field, std::string("not a JSON ") + what + ": '" + text + "'");
        return d;
    }
    Json array(const char* field) const { return document(field, Json::Type::Array, "array"); }
    std::vector<std::string> strings(const Json& a, const char* field) const {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < a.items.size(); ++i) {
            if (a.items[i].type != Json::Type::String) throw error(field, "list item " + std::to_string(i) + " is not text");
            out.push_back(a.items[i].string);
        }
        return out;
    }
    template <class E, class Parse>
    std::vector<E> keys(const Json& a, const char* field, Parse parse) const {
        std::vector<E> out;
        for (const auto& k : strings(a, field)) {
            auto e = parse(k);
            if (!e) throw error(field, "unknown value '" + k + "'");
            out.push_back(*e);
        }
        return out;
    }
};

double json_double(const Json* v, double fallback) {
    return v && (v->type == Json::Type::Number || v->type == Json::Type::Integer) ? v->number : fallback;
}

ViewScenario read_scenario(const ViewRow& r) {
    ViewScenario s;
    if (r.str("scenario").empty()) return s;
    const Json o = r.document("scenario", Json::Type::Object, "object");
    const Json* mode_value = o.find("mode");
    const std::string mode = mode_value && mode_value->type == Json::Type::String ? mode_value->string : "off";
    auto m = parse_scenario_mode(mode);
    if (!m) throw r.error("scenario", "unknown scenario mode '" + mode + "'");
    s.mode = *m;
    if (const Json* years = o.find("years"); years && years->type == Json::Type::Array)
        for (auto& y : years->items) {
            if (y.type != Json::Type::Integer) throw r.error("scenario", "a year is not a whole number");
            s.filter.years.push_back(int(y.integer));
        }
    if (const Json* st = o.find("statuses"); st && st->type == Json::Type::Array)
        s.filter.statuses = r.keys<Status>(*st, "scenario", parse_status);
    if (const Json* pl = o.find("pillars"); pl && pl->type == Json::Type::Array)
        s.filter.pillars = r.keys<Pillar>(*pl, "scenario", parse_pillar);
    s.swipe_position = json_double(o.find("swipe_position"), 0.5);
    s.gap_closed_drop_pct = json_double(o.find("gap_closed_drop_pct"), 50);
    if (!(s.swipe_position >= 0 && s.swipe_position <= 1)) throw r.error("scenario", "swipe_position is not within 0..1");
    return s;
}

}  // namespace

Table views_table(const std::vector<View>& views) {
    Table t;
    t.name = kViewsTable;
    t.columns = {{"uuid"},
                 {"position", FieldType::Integer},
                 {"kind"},
                 {"name"},
                 {"caption"},
                 {"notes"},
                 {"min_lon", FieldType::Real},
                 {"min_lat", FieldType::Real},
                 {"max_lon", FieldType::Real},
                 {"max_lat", FieldType::Real},
                 {"layers", FieldType::Json},
                 {"choropleth_service"},
                 {"choropleth_metric"},
                 {"choropleth_method"},
                 {"choropleth_classes", FieldType::Integer},
                 {"highlight_units", FieldType::Json},
                 {"highlight_initiatives", FieldType::Json},
                 {"scenario", FieldType::Json}};
    for (std::size_t i = 0; i < views.size(); ++i) {
        const View& v = views[i];
        auto coord = [&](double x) { return v.extent.empty() ? FieldValue{} : FieldValue{x}; };
        t.rows.push_back({v.id, std::int64_t(i), std::string(to_key(v.kind)), v.name, v.caption, v.notes,
                          coord(v.extent.min_x), coord(v.extent.min_y), coord(v.extent.max_x), coord(v.extent.max_y),
                          json_keys(v.layers), v.choropleth.service, std::string(to_key(v.choropleth.metric)),
                          std::string(to_key(v.choropleth.method)), std::int64_t(v.choropleth.classes),
                          json_strings(v.highlight_units), json_strings(v.highlight_initiatives),
                          scenario_json(v.scenario)});
    }
    return t;
}

std::vector<View> read_views_table(store::GeoPackage& gpkg) {
    auto table = gpkg.layer(kViewsTable);
    if (!table) return {};
    store::LayerReader r(gpkg, *table);
    std::vector<std::pair<std::int64_t, View>> rows;
    while (r.next()) {
        ViewRow row{r, r.label()};
        View v;
        row.who = r.label() + " (" + row.str("name") + ")";
        v.id = row.str("uuid");
        if (!is_uuid(v.id)) throw row.error("uuid", "not a UUID: '" + v.id + "'");
        v.name = row.str("name");
        v.caption = row.str("caption");
        v.notes = row.str("notes");
        const std::string kind = row.str("kind");
        auto k = parse_view_kind(kind.empty() ? "map" : kind);
        if (!k) throw row.error("kind", "unknown view kind '" + kind + "'");
        v.kind = *k;
        const bool has_extent = !row.null("min_lon");
        if (has_extent) {
            for (const char* c : {"min_lat", "max_lon", "max_lat"})
                if (row.null(c)) throw row.error(c, "extent incomplete: min_lon is set but this is empty");
            v.extent = Envelope{row.real("min_lon", 0), row.real("min_lat", 0), row.real("max_lon", 0), row.real("max_lat", 0)};
            if (!(v.extent.min_x <= v.extent.max_x && v.extent.min_y <= v.extent.max_y) ||
                v.extent.min_x < -180 || v.extent.max_x > 180 || v.extent.min_y < -90 || v.extent.max_y > 90)
                throw row.error("min_lon", "extent is not a lon/lat box (min <= max, within ±180/±90)");
        }
        v.layers = row.keys<ViewLayer>(row.array("layers"), "layers", parse_view_layer);
        v.choropleth.service = row.str("choropleth_service");
        const std::string metric = row.str("choropleth_metric"), method = row.str("choropleth_method");
        auto m = parse_view_metric(metric.empty() ? "coverage_population" : metric);
        if (!m) throw row.error("choropleth_metric", "unknown metric '" + metric + "'");
        v.choropleth.metric = *m;
        auto cm = parse_view_class_method(method.empty() ? "quantile" : method);
        if (!cm) throw row.error("choropleth_method", "unknown classification method '" + method + "'");
        v.choropleth.method = *cm;
        v.choropleth.classes = int(row.integer("choropleth_classes", 5));
        if (v.choropleth.classes < 1 || v.choropleth.classes > 12)
            throw row.error("choropleth_classes", "number of classes must be 1..12");
        v.highlight_units = row.strings(row.array("highlight_units"), "highlight_units");
        v.highlight_initiatives = row.strings(row.array("highlight_initiatives"), "highlight_initiatives");
        v.scenario = read_scenario(row);
        rows.emplace_back(row.integer("position", std::int64_t(rows.size())), std::move(v));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<View> out;
    for (auto& [pos, v] : rows) out.push_back(std::move(v));
    return out;
}

}  // namespace pc::io
