#pragma once
// The attribute table of a layer (what QGIS's attribute table shows): one row per feature, its
// fields as columns (the model's, then the extra fields the source had), filtered by a text that any
// cell may contain and sorted by a column (numbers as numbers). Pure: no ImGui, tested without a window.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/model.h"

namespace pc::gui {

enum class TableLayer { Desa, Kecamatan, Kabupaten, Facilities, Initiatives, Zones };
inline constexpr TableLayer kTableLayers[] = {TableLayer::Desa,       TableLayer::Kecamatan,   TableLayer::Kabupaten,
                                              TableLayer::Facilities, TableLayer::Initiatives, TableLayer::Zones};
const char* table_layer_name(TableLayer l);  // English key for tr()

struct AttributeTable {
    std::vector<std::string> columns;          // English keys of the model's fields; extra fields as named
    std::vector<bool> numeric;                 // per column: sorts by value
    std::vector<std::vector<std::string>> cells;   // [row][column], as shown
    std::vector<std::vector<double>> values;       // [row][column], for numeric columns (NaN: empty)
    std::vector<std::string> ids;              // per row: the feature's id (admin units: their code)
    std::vector<Envelope> extents;             // per row, lon/lat: to fly to
};

AttributeTable attribute_table(const Project& project, TableLayer layer);
// Rows any of whose cells contains `query` (case- and accent-insensitive; "" = all), in table order.
std::vector<std::size_t> filter_rows(const AttributeTable& table, const std::string& query);
// Sorts `rows` by `column` (stable; numbers by value with empty ones last, text as text).
void sort_rows(const AttributeTable& table, std::vector<std::size_t>& rows, std::size_t column, bool ascending);

}  // namespace pc::gui
