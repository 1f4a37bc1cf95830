// Reading all or refusing: every feature read is checked for GDAL errors, the number read against the
// layer's count, and number columns of SQLite-based sources for text OGR would read as 0.
#include <algorithm>

#include "geo/error.h"
#include "io_internal.h"

namespace pc::io {
namespace {

std::string quoted(const std::string& identifier) {
    std::string s = "\"";
    for (char c : identifier) s += c == '"' ? std::string("\"\"") : std::string(1, c);
    return s + "\"";
}

bool sqlite_based(GDALDataset& ds) {
    const std::string d = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
    return d == "GPKG" || d == "SQLite";
}

// The first value of the first row of a native SQL query, as text; nullopt when there is no row.
// Throws InputError at `where` when SQLite fails (a damaged file).
std::optional<std::string> first_value(GDALDataset& ds, const std::string& sql, const Where& where) {
    GdalErrorCapture capture;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::optional<std::string> value;
    if (result) {
        if (OGRFeatureUniquePtr f{result->GetNextFeature()}; f && f->GetFieldCount() > 0) value = f->GetFieldAsString(0);
        ds.ReleaseResultSet(result);
    }
    if (capture.failed() || !result)
        throw InputError(where, "the file is damaged: " + (capture.failed() ? capture.message() : gdal_last_error()));
    return value;
}

}  // namespace

LayerReader::LayerReader(GDALDataset& ds, OGRLayer& layer, std::string file)
    : ds_(ds), layer_(layer), file_(std::move(file)) {
    layer_.ResetReading();
    capture_.check({file_, layer_.GetName()}, "cannot be read");
}

OGRFeatureUniquePtr LayerReader::next() {
    capture_.clear();  // errors of whatever the caller did with the previous feature are not ours
    OGRFeatureUniquePtr f(layer_.GetNextFeature());
    if (capture_.failed()) {
        // GDAL gives no feature when the page it was on is gone: name it by its place.
        std::string at = "#";
        at += std::to_string(read_ + 1);
        if (last_fid_) at += " (after FID " + std::to_string(*last_fid_) + ")";
        throw InputError({file_, layer_.GetName(), f ? "FID " + std::to_string(f->GetFID()) : at},
                         "the file is damaged: " + capture_.message());
    }
    if (f) {
        ++read_;
        last_fid_ = f->GetFID();
    }
    return f;
}

void LayerReader::finish(std::vector<std::string>* warnings) {
    capture_.clear();
    const GIntBig count = layer_.GetFeatureCount(TRUE);
    const Where where{file_, layer_.GetName()};
    capture_.check(where, "cannot be counted");
    if (count < 0 || GIntBig(read_) == count) return;
    const std::string read_text = std::to_string(read_) + " feature(s) read";
    if (sqlite_based(ds_)) {
        // A GeoPackage keeps its counts in gpkg_ogr_contents, which another program may have left
        // stale: count the rows themselves.
        const auto rows = first_value(ds_, "SELECT COUNT(*) FROM " + quoted(layer_.GetName()), where);
        if (rows && std::to_string(read_) == *rows) {
            if (warnings)
                warnings->push_back("layer '" + std::string(layer_.GetName()) + "': the file's stored feature count (" +
                                    std::to_string(count) + ") is stale; " + read_text);
            return;
        }
        throw InputError(where, "the file is damaged: " + read_text + " of " +
                                    rows.value_or(std::to_string(count)) + " rows");
    }
    if (GIntBig(read_) > count) {
        if (warnings)
            warnings->push_back("layer '" + std::string(layer_.GetName()) + "': " + read_text + ", the file said " +
                                std::to_string(count));
        return;
    }
    throw InputError(where, "the file is damaged or truncated: " + read_text + " of the " + std::to_string(count) +
                                " the layer says it has");
}

void check_number_columns(GDALDataset& ds, OGRLayer& layer, const std::string& file) {
    if (!sqlite_based(ds)) return;
    auto* defn = layer.GetLayerDefn();
    std::vector<std::string> columns;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const auto t = defn->GetFieldDefn(i)->GetType();
        if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) columns.push_back(defn->GetFieldDefn(i)->GetNameRef());
    }
    if (columns.empty()) return;
    const std::string fid = *layer.GetFIDColumn() ? layer.GetFIDColumn() : "rowid";
    // SQLite types values, not columns: text in a REAL column is kept as text and OGR reads it as 0.
    std::string which = "CASE", any;
    for (auto& c : columns) {
        const std::string bad = "typeof(" + quoted(c) + ") NOT IN ('integer', 'real', 'null')";
        which += " WHEN " + bad + " THEN '" + c + "' || char(9) || CAST(" + quoted(c) + " AS TEXT)";
        any += (any.empty() ? "" : " OR ") + bad;
    }
    which += " END";
    // One text column (GDAL would take a column named like the FID as the result's FID).
    const std::string sql = "SELECT CAST(" + quoted(fid) + " AS TEXT) || char(9) || " + which + " FROM " +
                            quoted(layer.GetName()) + " WHERE " + any + " LIMIT 1";
    const auto row = first_value(ds, sql, {file, layer.GetName()});
    if (!row) return;
    const auto tab1 = row->find('\t'), tab2 = row->find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) return;
    std::string value = row->substr(tab2 + 1);
    if (value.size() > 40) value = value.substr(0, 37) + "...";
    throw InputError({file, layer.GetName(), "FID " + row->substr(0, tab1), row->substr(tab1 + 1, tab2 - tab1 - 1)},
                     "the column holds numbers, this feature the text '" + value + "' (not read as 0: fix the value)");
}

}  // namespace pc::io
