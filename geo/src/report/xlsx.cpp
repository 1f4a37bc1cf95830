// The workbook as Office Open XML (SpreadsheetML) written by hand: a ZIP of a few XML parts, laid
// out as GDAL's XLSX driver writes it (shared strings, one sheet per table), so GDAL, LibreOffice
// and Excel read it.
#include "geo/report/xlsx.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "geo/report/format.h"
#include "write_file.h"
#include "zip_writer.h"

namespace pc {

namespace {

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
// Excel refuses cells over 32,767 characters (long gap WKT).
constexpr std::size_t kMaxCell = 32000;

// Text as XML content: markup escaped, and the control characters XML 1.0 cannot hold as
// SpreadsheetML's _xHHHH_ escapes.
void append_escaped(std::string& out, const std::string& s) {
    for (unsigned char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "_x%04X_", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
}

std::string column_letters(std::size_t i) {
    std::string s;
    for (std::size_t n = i + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), char('A' + (n - 1) % 26));
    return s;
}

class SharedStrings {
public:
    std::size_t index(const std::string& s) {
        auto [it, added] = ids_.try_emplace(s, strings_.size());
        if (added) strings_.push_back(&it->first);
        ++count_;
        return it->second;
    }
    std::string xml() const {
        std::string out = kXmlHead;
        out += "<sst xmlns=\"" + std::string(kMain) + "\" count=\"" + std::to_string(count_) + "\" uniqueCount=\"" +
               std::to_string(strings_.size()) + "\">";
        for (const std::string* s : strings_) {
            const bool keep_spaces = !s->empty() && (s->front() == ' ' || s->back() == ' ' || s->front() == '\n');
            out += keep_spaces ? "<si><t xml:space=\"preserve\">" : "<si><t>";
            append_escaped(out, *s);
            out += "</t></si>";
        }
        out += "</sst>";
        return out;
    }

private:
    std::unordered_map<std::string, std::size_t> ids_;
    std::vector<const std::string*> strings_;  // keys of ids_, in first-use order (node-based: stable)
    std::size_t count_ = 0;
};

// Cells and rows follow one another, so their references (r="B7") are written only where a cell
// was left out before them: a third less XML to write and to deflate.
std::string sheet_xml(const ReportTable& t, SharedStrings& shared) {
    std::string out = kXmlHead;
    out.reserve(40 * (t.rows.size() + 1) * (t.columns.size() + 1));
    out += "<worksheet xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" + kRel + "\"><sheetData>";
    std::vector<std::string> letters;
    for (std::size_t i = 0; i < t.columns.size(); ++i) letters.push_back(column_letters(i));
    bool skipped = false;
    auto open_cell = [&](std::size_t col, std::size_t row, const char* type) {
        out += "<c";
        if (skipped) out += " r=\"" + letters[col] + std::to_string(row) + "\"";
        out += type;
        out += "><v>";
        skipped = false;
    };
    auto text_cell = [&](std::size_t col, std::size_t row, const std::string& s) {
        const std::size_t id = shared.index(s.size() > kMaxCell ? s.substr(0, kMaxCell) + "…" : s);
        open_cell(col, row, " t=\"s\"");
        out += std::to_string(id);
        out += "</v></c>";
    };
    out += "<row>";
    for (std::size_t i = 0; i < t.columns.size(); ++i) text_cell(i, 1, t.columns[i].name);
    out += "</row>";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::size_t rn = r + 2;
        out += "<row>";
        skipped = false;
        const auto& row = t.rows[r];
        for (std::size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
            const ReportCell& c = row[i];
            if (auto* s = std::get_if<std::string>(&c)) {
                text_cell(i, rn, *s);
            } else if (auto* v = std::get_if<std::int64_t>(&c)) {
                open_cell(i, rn, "");
                out += std::to_string(*v);
                out += "</v></c>";
            } else if (auto* d = std::get_if<double>(&c); d && std::isfinite(*d)) {
                open_cell(i, rn, "");
                out += format_round_trip(*d);
                out += "</v></c>";
            } else {
                skipped = true;  // empty: no cell
            }
        }
        out += "</row>";
    }
    out += "</sheetData></worksheet>";
    return out;
}

std::string workbook_bytes(const std::vector<ReportTable>& tables) {
    SharedStrings shared;
    std::vector<std::string> sheets;
    std::string types = std::string(kXmlHead) +
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
    std::string workbook = std::string(kXmlHead) + "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kRel + "\"><sheets>";
    std::string rels = std::string(kXmlHead) +
                       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"" + kRel + "/styles\" Target=\"styles.xml\"/>"
                       "<Relationship Id=\"rId2\" Type=\"" + kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const std::string n = std::to_string(i + 1), rid = "rId" + std::to_string(i + 3);
        types += "<Override PartName=\"/xl/worksheets/sheet" + n +
                 ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        workbook += "<sheet name=\"";
        append_escaped(workbook, tables[i].sheet);
        workbook += "\" sheetId=\"" + n + "\" r:id=\"" + rid + "\"/>";
        rels += "<Relationship Id=\"" + rid + "\" Type=\"" + kRel + "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        sheets.push_back(sheet_xml(tables[i], shared));
    }
    types += "</Types>";
    workbook += "</sheets></workbook>";
    rels += "</Relationships>";
    const std::string styles = std::string(kXmlHead) + "<styleSheet xmlns=\"" + kMain +
                               "\"><fonts count=\"1\"><font><sz val=\"10\"/><name val=\"Arial\"/></font></fonts>"
                               "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                               "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                               "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                               "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                               "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
                               "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                               "</styleSheet>";
    const std::string package_rels = std::string(kXmlHead) +
                                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                     "<Relationship Id=\"rId1\" Type=\"" + kRel +
                                     "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    report_detail::ZipWriter zip;
    zip.add("[Content_Types].xml", types);
    zip.add("_rels/.rels", package_rels);
    zip.add("xl/workbook.xml", workbook);
    zip.add("xl/_rels/workbook.xml.rels", rels);
    zip.add("xl/styles.xml", styles);
    for (std::size_t i = 0; i < sheets.size(); ++i) zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheets[i]);
    zip.add("xl/sharedStrings.xml", shared.xml());
    return zip.finish();
}

}  // namespace

void write_metrics_xlsx(const AnalysisResult& result, const std::string& path, const ReportOptions& options) {
    std::vector<ReportTable> tables;
    tables.push_back(summary_table(result));
    for (auto& t : metrics_tables(result, options)) tables.push_back(std::move(t));
    report_detail::write_text_atomic(path, workbook_bytes(tables));
}

}  // namespace pc
