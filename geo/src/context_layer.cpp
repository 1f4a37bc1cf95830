#include "geo/context_layer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace pc {
namespace {

std::string lower_trimmed(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace((unsigned char)s[b])) ++b;
    while (e > b && std::isspace((unsigned char)s[e - 1])) --e;
    std::string out = s.substr(b, e - b);
    for (char& c : out) c = char(std::tolower((unsigned char)c));
    return out;
}

bool same_features(const ContextLayer& a, const ContextLayer& b) {
    if (a.features == b.features) return true;
    if (a.feature_count() != b.feature_count()) return false;
    return a.feature_count() == 0 || *a.features == *b.features;
}

}  // namespace

int ContextLayer::field_index(const std::string& name) const {
    const std::string want = lower_trimmed(name);
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (lower_trimmed(fields[i]) == want) return int(i);
    return -1;
}

std::optional<std::size_t> ContextLayer::rule_of(const ContextFeature& f) const {
    if (class_field.empty() || rules.empty()) return std::nullopt;
    const int i = field_index(class_field);
    if (i < 0 || std::size_t(i) >= f.values.size()) return std::nullopt;
    const std::string v = lower_trimmed(field_text(f.values[std::size_t(i)]));
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (lower_trimmed(rules[r].value) == v) return r;
    return std::nullopt;
}

const ContextStyle& ContextLayer::style_of(const ContextFeature& f) const {
    auto r = rule_of(f);
    return r ? rules[*r].style : style;
}

bool operator==(const ContextLayer& a, const ContextLayer& b) {
    return a.id == b.id && a.name == b.name && a.source_path == b.source_path && a.source_layer == b.source_layer &&
           a.kind == b.kind && a.visible == b.visible && a.style == b.style && a.class_field == b.class_field &&
           a.rules == b.rules && a.fields == b.fields && same_features(a, b);
}

std::string field_text(const FieldValue& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.15g", *d);
        return buf;
    }
    return "";
}

const char* to_key(ContextKind k) {
    switch (k) {
        case ContextKind::Line: return "line";
        case ContextKind::Area: return "area";
        case ContextKind::Point: return "point";
    }
    return "?";
}

const char* to_key(ContextSymbol s) {
    switch (s) {
        case ContextSymbol::Circle: return "circle";
        case ContextSymbol::Square: return "square";
        case ContextSymbol::Triangle: return "triangle";
        case ContextSymbol::Diamond: return "diamond";
        case ContextSymbol::Star: return "star";
    }
    return "?";
}

std::optional<ContextKind> parse_context_kind(const std::string& key) {
    for (ContextKind k : kContextKinds)
        if (lower_trimmed(key) == to_key(k)) return k;
    return std::nullopt;
}

std::optional<ContextSymbol> parse_context_symbol(const std::string& key) {
    for (ContextSymbol s : kContextSymbols)
        if (lower_trimmed(key) == to_key(s)) return s;
    return std::nullopt;
}

long find_context_layer(const std::vector<ContextLayer>& layers, const Uuid& id) {
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].id == id) return long(i);
    return -1;
}

}  // namespace pc
