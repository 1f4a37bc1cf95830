#pragma once
// The masterplan annex as one self-contained HTML file (maps embedded as data: URIs, CSS inline,
// print rules for A4 pages): district summary, coverage per kecamatan, top gaps, initiatives per
// pillar / OPD / year, the maps, one atlas page per kecamatan, and an appendix of the parameters and
// input hashes. Every number comes from the same tables as the CSV and XLSX outputs (tables.h).
// Pure text: the maps arrive as PNG bytes drawn by the caller.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/analysis/scenario.h"
#include "geo/model.h"

namespace pc {

enum class ReportLanguage { Indonesian, English };

struct ReportMap {
    std::string title;
    std::string caption;
    std::vector<std::uint8_t> png;  // PNG file bytes
};

// A saved view's baseline/plan comparison (pc::compare_scenarios), printed as its change table per
// kecamatan: covered population in both, the change, and the gaps the plan closes.
struct ReportScenario {
    std::string title;  // the view's name
    ScenarioFilter filter;
    ScenarioComparison comparison;
};

struct HtmlReportInput {
    const Project* project = nullptr;
    const AnalysisResult* result = nullptr;
    ReportLanguage language = ReportLanguage::Indonesian;
    std::vector<ReportMap> maps;                          // district overview first, then the saved views
    std::map<std::string, ReportMap> kecamatan_maps;      // by kecamatan code (atlas pages)
    std::size_t top_gaps = 10;                            // gap rows per service
    std::vector<ReportScenario> scenarios;                // after the maps, one table each
    std::vector<std::string> sections;                    // after the scenarios: whole <section>s (site suggestions)
};

std::string html_report(const HtmlReportInput& input);

// Writes html_report(input) to `path` (beside it, renamed into place). Throws GdalError (I/O).
void write_html_report(const HtmlReportInput& input, const std::string& path);

// RFC 4648 base64 of bytes (for data: URIs).
std::string base64(const std::vector<std::uint8_t>& bytes);

// Numbers as the report prints them: Indonesian "1.234,5" or English "1,234.5".
std::string format_number(double v, int decimals, ReportLanguage language);

}  // namespace pc
