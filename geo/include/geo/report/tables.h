#pragma once
// The analysis result as plain tables (one per CSV file / workbook sheet), built once and written
// by the CSV and XLSX writers, so both carry the same rows, columns and provenance.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "geo/analysis/results.h"

namespace pc {

enum class ReportColumnType : std::uint8_t { Text, Integer, Real };

struct ReportColumn {
    std::string name;
    ReportColumnType type = ReportColumnType::Text;
};

// monostate = empty (e.g. no nearest facility).
using ReportCell = std::variant<std::monostate, std::int64_t, double, std::string>;

struct ReportTable {
    std::string name;   // file stem: "metrics_desa"
    std::string sheet;  // workbook sheet name (≤ 31 characters): "desa"
    std::vector<ReportColumn> columns;
    std::vector<std::vector<ReportCell>> rows;
    std::size_t column(const std::string& name) const;  // index, or npos
};

struct ReportOptions {
    std::size_t gap_rows = 0;   // rows per service in gap_ranking (0 = every ranked desa)
    int wkt_precision = 7;      // decimals of the gap geometry's WKT (lon/lat degrees)
};

// Every metrics table: metrics_desa, metrics_kecamatan, metrics_district, metrics_zone, gap_ranking,
// initiatives_by_{pillar,element,status,opd,year,kecamatan,zone}, initiatives_reach, data_quality,
// provenance. Metrics rows carry the service key and inputs_sha256, population_method, analysis_crs.
std::vector<ReportTable> metrics_tables(const AnalysisResult& result, const ReportOptions& options = {});

// One row per service: district figures in percent, for the workbook's first sheet.
ReportTable summary_table(const AnalysisResult& result);

}  // namespace pc
