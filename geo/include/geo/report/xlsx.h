#pragma once
// The analysis workbook (Office Open XML, our own writer: a ZIP of XML parts): one sheet per table,
// numbers typed.
// Sheets: ringkasan, desa, kecamatan, district, zone, gaps, pilar, elemen, status, opd, tahun,
// inisiatif_kecamatan, inisiatif_zona, inisiatif, data_quality, provenance.
#include <string>

#include "geo/analysis/results.h"
#include "geo/report/tables.h"

namespace pc {

// Written beside `path` and renamed over it. Throws GdalError (an I/O failure) when it cannot be written.
void write_metrics_xlsx(const AnalysisResult& result, const std::string& path, const ReportOptions& options = {});

}  // namespace pc
