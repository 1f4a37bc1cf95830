#pragma once
// A short Markdown summary a planner can paste into a report: district coverage per service,
// the largest gaps, initiatives per pillar with budgets, data-quality warnings and provenance.
#include <string>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

std::string summary_markdown(const Project& project, const AnalysisResult& result, std::size_t top_gaps = 10);
// Writes summary_markdown() to `path` (beside, then renamed). Throws GdalError when it cannot be written.
void write_summary_markdown(const Project& project, const AnalysisResult& result, const std::string& path,
                            std::size_t top_gaps = 10);

}  // namespace pc
