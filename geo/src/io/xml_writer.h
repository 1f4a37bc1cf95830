#pragma once
// A small indenting XML writer for the QGIS and SLD documents (not public API).
#include <string>
#include <utility>
#include <vector>

namespace pc::io {

// Text safe inside XML/HTML content and double- or single-quoted attributes.
std::string xml_escape(const std::string& s);

class Xml {
public:
    using Attrs = std::vector<std::pair<std::string, std::string>>;
    Xml& open(const std::string& tag, const Attrs& a = {}) {
        start(tag, a);
        out_ += ">\n";
        stack_.push_back(tag);
        return *this;
    }
    Xml& leaf(const std::string& tag, const Attrs& a = {}) {
        start(tag, a);
        out_ += "/>\n";
        return *this;
    }
    Xml& text(const std::string& tag, const std::string& t, const Attrs& a = {}) {
        start(tag, a);
        out_ += ">" + xml_escape(t) + "</" + tag + ">\n";
        return *this;
    }
    Xml& close() {
        out_ += std::string(2 * (stack_.size() - 1), ' ') + "</" + stack_.back() + ">\n";
        stack_.pop_back();
        return *this;
    }
    // Appends text as it is (a document type line, or an element written by another Xml).
    Xml& raw(const std::string& s) {
        out_ += s;
        return *this;
    }
    const std::string& str() const { return out_; }

private:
    void start(const std::string& tag, const Attrs& a) {
        out_ += std::string(2 * stack_.size(), ' ') + "<" + tag;
        for (auto& [k, v] : a) out_ += " " + k + "=\"" + xml_escape(v) + "\"";
    }
    std::string out_;
    std::vector<std::string> stack_;
};

}  // namespace pc::io
