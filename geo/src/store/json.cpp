#include "json.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "geo/report/format.h"

namespace pc::store {

const Json* Json::find(const std::string& key) const {
    for (auto& [k, v] : members)
        if (k == key) return &v;
    return nullptr;
}

Json& Json::add(const std::string& key, Json value) {
    members.emplace_back(key, std::move(value));
    return members.back().second;
}

namespace {

class Parser {
public:
    explicit Parser(const std::string& s) : s_(s) {}
    Json document() {
        Json v = value(0);
        space();
        if (i_ != s_.size()) fail("text after the JSON value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw BadJson(what + " at character " + std::to_string(i_ + 1));
    }
    void space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    bool take(char c) {
        space();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!take(c)) fail(std::string("'") + c + "' expected");
    }
    bool word(const char* w) {
        std::size_t n = std::char_traits<char>::length(w);
        if (s_.compare(i_, n, w) == 0) {
            i_ += n;
            return true;
        }
        return false;
    }
    Json value(int depth) {
        if (depth > 64) fail("nested too deeply");
        space();
        if (i_ >= s_.size()) fail("value expected");
        const char c = s_[i_];
        if (c == '{') {
            ++i_;
            Json o = Json::object();
            if (take('}')) return o;
            do {
                space();
                if (i_ >= s_.size() || s_[i_] != '"') fail("member name expected");
                std::string key = string();
                expect(':');
                o.add(key, value(depth + 1));
            } while (take(','));
            expect('}');
            return o;
        }
        if (c == '[') {
            ++i_;
            Json a = Json::array();
            if (take(']')) return a;
            do a.items.push_back(value(depth + 1));
            while (take(','));
            expect(']');
            return a;
        }
        if (c == '"') return Json::text(string());
        if (word("true")) { Json j; j.type = Json::Type::Bool; j.boolean = true; return j; }
        if (word("false")) { Json j; j.type = Json::Type::Bool; return j; }
        if (word("null")) return Json{};
        return number();
    }
    Json number() {
        const std::size_t start = i_;
        if (i_ < s_.size() && s_[i_] == '-') ++i_;
        bool whole = true;
        auto digits = [&] {
            const std::size_t d = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            if (i_ == d) fail("number expected");
        };
        digits();
        if (i_ < s_.size() && s_[i_] == '.') { ++i_; digits(); whole = false; }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            digits();
            whole = false;
        }
        const std::string text = s_.substr(start, i_ - start);
        if (whole) {
            errno = 0;
            char* end = nullptr;
            const long long v = std::strtoll(text.c_str(), &end, 10);
            if (errno == 0 && end && *end == 0) return Json::whole(v);
        }
        return Json::real(std::strtod(text.c_str(), nullptr));
    }
    unsigned hex4() {
        if (i_ + 4 > s_.size()) fail("\\u escape cut short");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') v |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= unsigned(h - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    }
    static void utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out += char(cp);
        else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
        else { out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
    }
    std::string string() {
        ++i_;  // opening quote
        std::string out;
        while (true) {
            if (i_ >= s_.size()) fail("unterminated string");
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
            if (c != '\\') { out += c; continue; }
            if (i_ >= s_.size()) fail("unterminated string");
            switch (const char e = s_[i_++]) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {
                        i_ += 2;
                        const unsigned lo = hex4();
                        if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    utf8(out, cp);
                    break;
                }
                default: fail(std::string("bad escape \\") + e);
            }
        }
    }

    const std::string& s_;
    std::size_t i_ = 0;
};

void write(std::string& out, const Json& v) {
    switch (v.type) {
        case Json::Type::Null: out += "null"; break;
        case Json::Type::Bool: out += v.boolean ? "true" : "false"; break;
        case Json::Type::Integer: out += std::to_string(v.integer); break;
        case Json::Type::Number: out += std::isfinite(v.number) ? format_round_trip(v.number) : "null"; break;
        case Json::Type::String:
            out += '"';
            for (unsigned char c : v.string) {
                switch (c) {
                    case '"': out += "\\\""; break;
                    case '\\': out += "\\\\"; break;
                    case '\n': out += "\\n"; break;
                    case '\r': out += "\\r"; break;
                    case '\t': out += "\\t"; break;
                    default:
                        if (c < 0x20) {
                            char buf[8];
                            std::snprintf(buf, sizeof buf, "\\u%04x", c);
                            out += buf;
                        } else {
                            out += char(c);
                        }
                }
            }
            out += '"';
            break;
        case Json::Type::Array:
            out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i) out += ',';
                write(out, v.items[i]);
            }
            out += ']';
            break;
        case Json::Type::Object:
            out += '{';
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                if (i) out += ',';
                write(out, Json::text(v.members[i].first));
                out += ':';
                write(out, v.members[i].second);
            }
            out += '}';
            break;
    }
}

}  // namespace

Json parse_json(const std::string& text) { return Parser(text).document(); }

std::string to_json(const Json& value) {
    std::string out;
    write(out, value);
    return out;
}

}  // namespace pc::store
