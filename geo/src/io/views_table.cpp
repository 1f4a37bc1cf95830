#include "views_table.h"

#include <cpl_json.h>

#include <algorithm>
#include <cmath>

#include "geo/error.h"
#include "geo/model.h"
#include "io_internal.h"

namespace pc::io {
namespace {

constexpr const char* kTable = "views";

std::string json_strings(const std::vector<std::string>& items) {
    CPLJSONArray a;
    for (const auto& s : items) a.Add(s);
    return a.Format(CPLJSONObject::PrettyFormat::Plain);
}

template <class E>
CPLJSONArray key_array(const std::vector<E>& items) {
    CPLJSONArray a;
    for (E e : items) a.Add(to_key(e));
    return a;
}

template <class E>
std::string json_keys(const std::vector<E>& items) {
    return key_array(items).Format(CPLJSONObject::PrettyFormat::Plain);
}

std::string scenario_json(const ViewScenario& s) {
    CPLJSONObject o;
    o.Add("mode", to_key(s.mode));
    CPLJSONArray years;
    for (int y : s.filter.years) years.Add(y);
    o.Add("years", years);
    o.Add("statuses", key_array(s.filter.statuses));
    o.Add("pillars", key_array(s.filter.pillars));
    o.Add("swipe_position", s.swipe_position);
    o.Add("gap_closed_drop_pct", s.gap_closed_drop_pct);
    return o.Format(CPLJSONObject::PrettyFormat::Plain);
}

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

void write_views_table(GDALDataset& ds, const std::vector<View>& views) {
    Table t;
    t.name = kTable;
    const Column json{"", FieldType::Json};
    auto json_column = [&](const char* name) { Column c = json; c.name = name; return c; };
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
                 json_column("layers"),
                 {"choropleth_service"},
                 {"choropleth_metric"},
                 {"choropleth_method"},
                 {"choropleth_classes", FieldType::Integer},
                 json_column("highlight_units"),
                 json_column("highlight_initiatives"),
                 json_column("scenario")};
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
    WriteOptions o;
    o.layer_options = {"FID=fid"};
    write_table(ds, t, o);
}

std::vector<View> read_views_table(const std::string& file, GDALDataset& ds) {
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

}  // namespace pc::io
