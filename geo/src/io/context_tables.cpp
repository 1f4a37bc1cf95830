#include "context_tables.h"

#include <algorithm>
#include <memory>
#include <set>

#include "../store/json.h"
#include "../store/layer_reader.h"
#include "geo/error.h"

namespace pc::io {
namespace {

using store::Json;

Json style_json(const ContextStyle& s) {
    Json o = Json::object();
    o.add("stroke", Json::text(colour_hex(s.stroke)));
    o.add("width_px", Json::real(s.width_px));
    o.add("fill", Json::text(colour_hex(s.fill)));
    o.add("symbol", Json::text(to_key(s.symbol)));
    o.add("size_px", Json::real(s.size_px));
    return o;
}

std::string rules_json(const std::vector<ContextRule>& rules) {
    Json a = Json::array();
    for (const ContextRule& r : rules) {
        Json o = Json::object();
        o.add("value", Json::text(r.value));
        o.add("label", Json::text(r.label));
        o.add("style", style_json(r.style));
        a.items.push_back(std::move(o));
    }
    return store::to_json(a);
}

LayerGeometry geometry_of(ContextKind k) {
    switch (k) {
        case ContextKind::Line: return LayerGeometry::MultiLineString;
        case ContextKind::Area: return LayerGeometry::MultiPolygon;
        case ContextKind::Point: return LayerGeometry::MultiPoint;
    }
    return LayerGeometry::MultiPoint;
}

// A column's type from its values: whole numbers, numbers, else text.
FieldType column_type(const std::vector<ContextFeature>& features, std::size_t c) {
    bool any_real = false, any_text = false;
    for (const ContextFeature& f : features) {
        if (c >= f.values.size()) continue;
        const FieldValue& v = f.values[c];
        any_real |= std::holds_alternative<double>(v);
        any_text |= std::holds_alternative<std::string>(v);
    }
    return any_text ? FieldType::Text : any_real ? FieldType::Real : FieldType::Integer64;
}

FieldValue as_type(const FieldValue& v, FieldType t) {
    if (std::holds_alternative<std::monostate>(v)) return v;
    if (t == FieldType::Text) return field_text(v);
    if (t == FieldType::Real)
        if (auto* i = std::get_if<std::int64_t>(&v)) return double(*i);
    return v;
}

Table feature_table(const ContextLayer& layer, const std::string& name) {
    Table t;
    t.name = name;
    t.geometry_type = geometry_of(layer.kind);
    static const std::vector<ContextFeature> kNone;
    const auto& features = layer.features ? *layer.features : kNone;
    for (std::size_t c = 0; c < layer.fields.size(); ++c) t.columns.push_back({layer.fields[c], column_type(features, c)});
    for (const ContextFeature& f : features) {
        std::vector<FieldValue> row;
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            row.push_back(c < f.values.size() ? as_type(f.values[c], t.columns[c].type) : FieldValue{});
        t.rows.push_back(std::move(row));
        t.geometries.push_back(&f.geometry);
    }
    return t;
}

// Reads one `context_layers` row; every problem names the layer (its position and name) and the field.
struct ContextRow {
    const store::LayerReader& r;
    std::string who;

    [[noreturn]] void fail(const char* field, const std::string& what) const {
        throw InputError({r.file(), kContextLayersTable, who, field}, what);
    }
    Json document(const char* field, Json::Type type) const {
        Json d;
        try {
            d = store::parse_json(r.str(field));
        } catch (const store::BadJson&) {
            fail(field, "not JSON: '" + r.str(field) + "'");
        }
        if (d.type != type) fail(field, std::string("not a JSON ") + (type == Json::Type::Array ? "array" : "object"));
        return d;
    }
    ContextStyle style(const Json& o, const char* field) const {
        ContextStyle s;
        auto colour = [&](const char* key, std::uint32_t& out) {
            const Json* v = o.find(key);
            if (!v) return;
            auto c = v->type == Json::Type::String ? parse_colour(v->string) : std::nullopt;
            if (!c) fail(field, std::string(key) + " is not a #rrggbbaa colour");
            out = *c;
        };
        auto size = [&](const char* key, double& out) {
            const Json* v = o.find(key);
            if (!v) return;
            if ((v->type != Json::Type::Number && v->type != Json::Type::Integer) || !(v->number >= 0 && v->number <= 100))
                fail(field, std::string(key) + " is not a size of 0..100 pixels");
            out = v->number;
        };
        colour("stroke", s.stroke);
        colour("fill", s.fill);
        size("width_px", s.width_px);
        size("size_px", s.size_px);
        if (const Json* v = o.find("symbol")) {
            auto sym = v->type == Json::Type::String ? parse_context_symbol(v->string) : std::nullopt;
            if (!sym) fail(field, "unknown symbol");
            s.symbol = *sym;
        }
        return s;
    }
    std::string text(const Json& o, const char* key, const char* field) const {
        const Json* v = o.find(key);
        if (!v) return "";
        if (v->type != Json::Type::String) fail(field, std::string(key) + " is not text");
        return v->string;
    }
};

}  // namespace

std::vector<std::string> context_table_names(const std::vector<ContextLayer>& layers) {
    std::vector<std::string> out;
    std::set<std::string> seen = {lower(kContextLayersTable)};
    for (const ContextLayer& l : layers) {
        const std::string base = "context_" + layer_safe(l.name.empty() ? "layer" : l.name);
        std::string name = base;
        for (int n = 2; !seen.insert(lower(name)).second; ++n) name = base + "_" + std::to_string(n);
        out.push_back(name);
    }
    return out;
}

std::vector<Table> context_tables(const std::vector<ContextLayer>& layers) {
    std::vector<Table> out;
    if (layers.empty()) return out;
    const auto names = context_table_names(layers);
    Table t;
    t.name = kContextLayersTable;
    t.columns = {{"uuid"},  {"position", FieldType::Integer}, {"name"},        {"table_name"},     {"source_path"},
                 {"source_layer"}, {"kind"}, {"visible", FieldType::Boolean}, {"class_field"}, {"style", FieldType::Json},
                 {"rules", FieldType::Json}};
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const ContextLayer& l = layers[i];
        t.rows.push_back({l.id, std::int64_t(i), l.name, names[i], l.source_path, l.source_layer, std::string(to_key(l.kind)),
                          std::int64_t(l.visible ? 1 : 0), l.class_field, store::to_json(style_json(l.style)),
                          rules_json(l.rules)});
    }
    out.push_back(std::move(t));
    for (std::size_t i = 0; i < layers.size(); ++i) out.push_back(feature_table(layers[i], names[i]));
    return out;
}

std::vector<std::string> stored_context_tables(store::GeoPackage& gpkg) {
    std::vector<std::string> out;
    auto table = gpkg.layer(kContextLayersTable);
    if (!table) return out;
    store::LayerReader r(gpkg, *table);
    while (r.next())
        if (auto t = gpkg.layer(r.str("table_name"))) out.push_back(*t);
    return out;
}

std::vector<ContextLayer> read_context_layers(store::GeoPackage& gpkg) {
    std::vector<ContextLayer> out;
    auto table = gpkg.layer(kContextLayersTable);
    if (!table) return out;
    std::vector<std::pair<std::int64_t, ContextLayer>> rows;
    store::LayerReader r(gpkg, *table);
    while (r.next()) {
        ContextRow row{r, r.label() + " (" + r.str("name") + ")"};
        ContextLayer l;
        l.id = r.str("uuid");
        if (l.id.empty()) l.id = new_uuid();
        l.name = r.str("name");
        l.source_path = r.str("source_path");
        l.source_layer = r.str("source_layer");
        auto kind = parse_context_kind(r.str("kind"));
        if (!kind) row.fail("kind", "unknown kind '" + r.str("kind") + "' (line, area or point)");
        l.kind = *kind;
        l.visible = r.integer("visible") != 0;
        l.class_field = r.str("class_field");
        l.style = row.style(row.document("style", Json::Type::Object), "style");
        for (const Json& o : row.document("rules", Json::Type::Array).items) {
            if (o.type != Json::Type::Object) row.fail("rules", "a rule is not a JSON object");
            ContextRule rule;
            rule.value = row.text(o, "value", "rules");
            rule.label = row.text(o, "label", "rules");
            if (const Json* s = o.find("style"); s && s->type == Json::Type::Object) rule.style = row.style(*s, "rules");
            l.rules.push_back(std::move(rule));
        }
        const std::string feature_table = r.str("table_name");
        auto stored = gpkg.layer(feature_table);
        if (!stored) row.fail("table_name", "the layer's feature table '" + feature_table + "' is not in the file");
        auto features = std::make_shared<std::vector<ContextFeature>>();
        store::LayerReader fr(gpkg, *stored);
        l.fields = fr.field_names();
        while (fr.next()) {
            ContextFeature f;
            f.geometry = fr.geometry();
            for (ExtraField& e : fr.extras({}, nullptr)) f.values.push_back(std::move(e.value));
            if (f.values.size() != l.fields.size()) fr.fail("", "the feature's fields do not match its table's");
            features->push_back(std::move(f));
        }
        l.features = std::move(features);
        rows.emplace_back(r.integer("position"), std::move(l));
    }
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto& [pos, l] : rows) out.push_back(std::move(l));
    return out;
}

}  // namespace pc::io
