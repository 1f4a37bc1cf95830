// The table model written into any OGR dataset (the exports: GeoJSON, Shapefile, CSV ...), every
// geometry checked and made valid first (valid_geometry.h).
#include <ogr_spatialref.h>

#include <variant>

#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/geos.h"
#include "io_internal.h"
#include "valid_geometry.h"

namespace pc::io {

OGRFieldType ogr_field_type(FieldType t) {
    switch (t) {
        case FieldType::Text:
        case FieldType::Json: return OFTString;
        case FieldType::Integer:
        case FieldType::Boolean: return OFTInteger;
        case FieldType::Integer64: return OFTInteger64;
        case FieldType::Real: return OFTReal;
    }
    return OFTString;
}

OGRFieldSubType ogr_field_subtype(FieldType t) {
    return t == FieldType::Boolean ? OFSTBoolean : t == FieldType::Json ? OFSTJSON : OFSTNone;
}

OGRwkbGeometryType ogr_geometry_type(LayerGeometry g) {
    switch (g) {
        case LayerGeometry::None: return wkbNone;
        case LayerGeometry::Point: return wkbPoint;
        case LayerGeometry::MultiPoint: return wkbMultiPoint;
        case LayerGeometry::LineString: return wkbLineString;
        case LayerGeometry::MultiLineString: return wkbMultiLineString;
        case LayerGeometry::Polygon: return wkbPolygon;
        case LayerGeometry::MultiPolygon: return wkbMultiPolygon;
        case LayerGeometry::Mixed: return wkbUnknown;
    }
    return wkbUnknown;
}

void write_table(GDALDataset& ds, const Table& t, const WriteOptions& o) {
    const std::string lname = o.layer_name.empty() ? t.name : o.layer_name;
    const OGRwkbGeometryType gtype = o.geometry_type != wkbNone ? o.geometry_type : ogr_geometry_type(t.geometry_type);
    std::vector<Column> cols = t.columns;
    cols.insert(cols.end(), o.extra_columns.begin(), o.extra_columns.end());
    std::vector<std::string> written;
    for (auto& c : cols) {
        auto it = o.rename.find(c.name);
        std::string n = it != o.rename.end() ? it->second : c.name;
        for (auto& w : written)
            if (iequals(w, n) || n.empty())
                throw InputError({ds.GetDescription(), lname, "", c.name},
                                 "field name clashes with another field of the layer ('" + w + "')");
        written.push_back(n);
    }
    auto srs = wgs84();
    CPLStringList lco;
    for (auto& s : o.layer_options) lco.AddString(s.c_str());
    CPLErrorReset();
    OGRLayer* layer = ds.CreateLayer(lname.c_str(), gtype == wkbNone ? nullptr : srs.get(), gtype, lco.List());
    if (!layer) throw GdalError("cannot create layer '" + lname + "' in '" + ds.GetDescription() + "': " + gdal_last_error());
    for (std::size_t i = 0; i < cols.size(); ++i) {
        OGRFieldDefn fd(written[i].c_str(), ogr_field_type(cols[i].type));
        fd.SetSubType(ogr_field_subtype(cols[i].type));
        if (fd.GetType() == OFTString && std::string(ds.GetDriverName()) == "ESRI Shapefile") fd.SetWidth(254);
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw GdalError("cannot create field '" + written[i] + "' in layer '" + lname + "': " + gdal_last_error());
    }
    // Drivers may reorder or add fields (KML puts Name/Description first): write by name.
    std::vector<int> field_index(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) field_index[i] = layer->GetLayerDefn()->GetFieldIndex(written[i].c_str());
    // A feature as a user finds it: its code, else its uuid, else its row.
    int id_col = -1;
    for (const char* key : {"uuid", "code"})
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].name == key) id_col = int(i);
    auto feature_label = [&](std::size_t r) {
        if (id_col >= 0)
            if (auto* s = std::get_if<std::string>(&t.rows[r][std::size_t(id_col)]); s && !s->empty()) return *s;
        return "row " + std::to_string(r + 1);
    };
    GeosContext geos;
    const bool tx = ds.TestCapability(ODsCTransactions) && ds.StartTransaction() == OGRERR_NONE;
    try {
        auto* defn = layer->GetLayerDefn();
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const Geometry* g = r < t.geometries.size() ? t.geometries[r] : nullptr;
            if (o.keep && !o.keep(g)) continue;
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(defn));
            if (o.fid_from_row) f->SetFID(GIntBig(r) + 1);
            std::vector<FieldValue> row = t.rows[r];
            if (o.extra_values) {
                auto more = o.extra_values(g);
                row.insert(row.end(), more.begin(), more.end());
            }
            for (std::size_t i = 0; i < row.size() && i < cols.size(); ++i) {
                const int idx = field_index[i];
                if (idx < 0) continue;
                std::visit(
                    [&](auto&& v) {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, std::monostate>) f->SetFieldNull(idx);
                        else if constexpr (std::is_same_v<V, std::int64_t>) f->SetField(idx, GIntBig(v));
                        else if constexpr (std::is_same_v<V, double>) f->SetField(idx, v);
                        else f->SetField(idx, v.c_str());
                    },
                    row[i]);
            }
            if (gtype != wkbNone && g && !g->empty()) {
                WritableGeometry w;
                try {
                    w = writable_geometry(geos, *g);
                } catch (const GeosError& e) {
                    throw InputError({ds.GetDescription(), lname, feature_label(r), "geometry"},
                                     std::string("geometry cannot be written: ") + e.what());
                }
                if (!w.repaired.empty() && o.repairs)
                    o.repairs->push_back("layer '" + lname + "', feature '" + feature_label(r) + "': invalid geometry (" +
                                         w.repaired + ") made valid");
                auto og = to_ogr(w.geometry, gtype);
                if (og) {
                    og->assignSpatialReference(layer->GetSpatialRef());
                    f->SetGeometryDirectly(og.release());
                }
            } else if (gtype != wkbNone && o.empty_geometry_for_none) {
                std::unique_ptr<OGRGeometry> empty(OGRGeometryFactory::createGeometry(wkbFlatten(gtype)));
                if (empty) {
                    empty->assignSpatialReference(layer->GetSpatialRef());
                    f->SetGeometryDirectly(empty.release());
                }
            }
            CPLErrorReset();
            if (layer->CreateFeature(f.get()) != OGRERR_NONE)
                throw GdalError("cannot write feature " + std::to_string(r) + " of layer '" + lname + "': " + gdal_last_error());
        }
        if (tx && ds.CommitTransaction() != OGRERR_NONE)
            throw GdalError("cannot commit layer '" + lname + "': " + gdal_last_error());
    } catch (...) {
        if (tx) ds.RollbackTransaction();
        throw;
    }
}

}  // namespace pc::io
