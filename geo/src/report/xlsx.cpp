#include "geo/report/xlsx.h"

#include <filesystem>

#include <unistd.h>

#include "geo/error.h"
#include "geo/gdal.h"

namespace pc {

namespace {
void write_sheet(GDALDataset& ds, const ReportTable& t) {
    OGRLayer* layer = ds.CreateLayer(t.sheet.c_str(), nullptr, wkbNone, nullptr);
    if (!layer) throw GdalError("XLSX: cannot create sheet '" + t.sheet + "': " + gdal_last_error());
    for (auto& c : t.columns) {
        OGRFieldType type = c.type == ReportColumnType::Integer ? OFTInteger64 : c.type == ReportColumnType::Real ? OFTReal : OFTString;
        OGRFieldDefn defn(c.name.c_str(), type);
        if (layer->CreateField(&defn) != OGRERR_NONE)
            throw GdalError("XLSX: cannot create column '" + c.name + "' in sheet '" + t.sheet + "'");
    }
    for (auto& row : t.rows) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            int idx = int(i);
            switch (row[i].index()) {
                case 1: f->SetField(idx, GIntBig(std::get<std::int64_t>(row[i]))); break;
                case 2: f->SetField(idx, std::get<double>(row[i])); break;
                case 3: {
                    // Excel refuses cells over 32,767 characters (long gap WKT).
                    const auto& s = std::get<std::string>(row[i]);
                    f->SetField(idx, s.size() > 32000 ? (s.substr(0, 32000) + "…").c_str() : s.c_str());
                    break;
                }
                default: f->SetFieldNull(idx); break;
            }
        }
        if (layer->CreateFeature(f.get()) != OGRERR_NONE)
            throw GdalError("XLSX: cannot write a row of sheet '" + t.sheet + "': " + gdal_last_error());
    }
}
}  // namespace

void write_metrics_xlsx(const AnalysisResult& result, const std::string& path, const ReportOptions& options) {
    namespace fs = std::filesystem;
    fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    // The XLSX driver wants the extension; the temporary name keeps it.
    std::string tmp_name = ".";
    tmp_name += target.stem().string();
    tmp_name += ".tmp-" + std::to_string(::getpid()) + ".xlsx";
    fs::path tmp = target.parent_path() / tmp_name;
    fs::remove(tmp, ec);
    try {
        {
            auto ds = create_vector(tmp.string(), "XLSX");
            write_sheet(*ds, summary_table(result));
            for (auto& t : metrics_tables(result, options)) write_sheet(*ds, t);
            CPLErrorReset();
            ds.reset();  // the XLSX driver writes the workbook on close
            if (CPLGetLastErrorType() >= CE_Failure || !fs::exists(tmp))
                throw GdalError("XLSX: cannot finish '" + path + "': " + gdal_last_error());
        }
        fs::rename(tmp, target);
    } catch (const std::filesystem::filesystem_error& e) {
        fs::remove(tmp, ec);
        throw GdalError("cannot write '" + path + "': " + e.what());
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
}

}  // namespace pc
