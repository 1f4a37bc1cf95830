#pragma once
// CSV outputs of an analysis: one file per table (see tables.h), UTF-8, comma separated, a plain
// header row first, numbers in shortest round-trip form, written beside and renamed into place.
#include <string>
#include <vector>

#include "geo/analysis/results.h"
#include "geo/report/tables.h"

namespace pc {

// Writes every metrics table into `dir` (created when missing). Returns the files written.
// Throws GdalError (I/O) when a file cannot be written.
std::vector<std::string> write_metrics_csv(const AnalysisResult& result, const std::string& dir,
                                           const ReportOptions& options = {});

// One table as CSV text (header row + rows), for tests and other writers.
std::string to_csv(const ReportTable& table);

}  // namespace pc
