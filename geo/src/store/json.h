#pragma once
// Internal: the little JSON the project file holds (the views table's lists and scenario), read and
// written without a library. Numbers keep whether they were written as whole numbers.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pc::store {

struct Json {
    enum class Type { Null, Bool, Integer, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;  // also set for integers
    std::string string;
    std::vector<Json> items;                             // Array
    std::vector<std::pair<std::string, Json>> members;   // Object, in order

    static Json array() { Json j; j.type = Type::Array; return j; }
    static Json object() { Json j; j.type = Type::Object; return j; }
    static Json text(std::string s) { Json j; j.type = Type::String; j.string = std::move(s); return j; }
    static Json whole(std::int64_t v) { Json j; j.type = Type::Integer; j.integer = v; j.number = double(v); return j; }
    static Json real(double v) { Json j; j.type = Type::Number; j.number = v; return j; }

    // Object member, or nullptr.
    const Json* find(const std::string& key) const;
    Json& add(const std::string& key, Json value);
};

class BadJson : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Json parse_json(const std::string& text);
// Compact: no spaces, as the GDAL-written files have it.
std::string to_json(const Json& value);

}  // namespace pc::store
