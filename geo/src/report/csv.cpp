#include "geo/report/csv.h"

#include <filesystem>

#include "geo/report/format.h"
#include "geo/spreadsheet_safe.h"
#include "write_file.h"

namespace pc {

namespace {
std::string quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string cell_text(const ReportCell& c) {
    switch (c.index()) {
        case 1: return std::to_string(std::get<std::int64_t>(c));
        case 2: return format_round_trip(std::get<double>(c));
        case 3: return quote(spreadsheet_safe(std::get<std::string>(c)));  // no formula injection
        default: return "";
    }
}
}  // namespace

std::string to_csv(const ReportTable& table) {
    std::string out;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i) out += ',';
        out += quote(table.columns[i].name);
    }
    out += "\n";
    for (auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            out += cell_text(row[i]);
        }
        out += "\n";
    }
    return out;
}

std::vector<std::string> write_metrics_csv(const AnalysisResult& result, const std::string& dir,
                                           const ReportOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::vector<std::string> files;
    for (auto& t : metrics_tables(result, options)) {
        std::string path = (fs::path(dir) / (t.name + ".csv")).string();
        report_detail::write_text_atomic(path, to_csv(t));
        files.push_back(path);
        // GDAL (and so QGIS) reads column types from a .csvt sidecar.
        std::string types;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            types += i ? "," : "";
            types += t.columns[i].type == ReportColumnType::Integer ? "\"Integer64\""
                     : t.columns[i].type == ReportColumnType::Real  ? "\"Real\""
                                                              : "\"String\"";
        }
        report_detail::write_text_atomic(path + "t", types + "\n");
        files.push_back(path + "t");
    }
    return files;
}

}  // namespace pc
