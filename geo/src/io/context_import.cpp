// read_context_layer: one OGR layer as a context layer, attributes kept, reprojected to lon/lat.
#include "geo/io/context_import.h"

#include <ogr_spatialref.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "io_internal.h"

namespace fs = std::filesystem;

namespace pc {
namespace {

std::optional<ContextKind> kind_of(GeometryKind k) {
    switch (k) {
        case GeometryKind::Point: return ContextKind::Point;
        case GeometryKind::Line: return ContextKind::Line;
        case GeometryKind::Polygon: return ContextKind::Area;
        case GeometryKind::Empty: break;
    }
    return std::nullopt;
}

std::optional<ContextKind> kind_of(OGRwkbGeometryType t) {
    switch (wkbFlatten(t)) {
        case wkbPoint:
        case wkbMultiPoint: return ContextKind::Point;
        case wkbLineString:
        case wkbMultiLineString:
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbMultiCurve: return ContextKind::Line;
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface: return ContextKind::Area;
        default: return std::nullopt;  // unknown or a collection: from the features
    }
}

const char* kind_words(ContextKind k, bool plural) {
    switch (k) {
        case ContextKind::Line: return plural ? "lines" : "a line";
        case ContextKind::Area: return plural ? "polygons" : "a polygon";
        case ContextKind::Point: return plural ? "points" : "a point";
    }
    return "?";
}

// Field names unique ignoring case, none of them the project table's own fid or geometry column.
std::vector<std::string> field_names(OGRFeatureDefn& defn) {
    std::vector<std::string> out;
    std::set<std::string> seen = {"fid", "geom"};
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const std::string base = defn.GetFieldDefn(i)->GetNameRef();
        std::string name = base.empty() ? "field" : base;
        for (int n = 2; !seen.insert(io::lower(name)).second; ++n) name = base + "_" + std::to_string(n);
        out.push_back(name);
    }
    return out;
}

FieldValue value_of(OGRFeature& f, int i, OGRFieldType type) {
    if (!f.IsFieldSetAndNotNull(i)) return {};
    switch (type) {
        case OFTInteger:
        case OFTInteger64: return std::int64_t(f.GetFieldAsInteger64(i));
        case OFTReal: return f.GetFieldAsDouble(i);
        default: break;
    }
    std::string s = f.GetFieldAsString(i);
    if (!io::is_valid_utf8(s)) s = io::recode_to_utf8(s, "");  // a source without a .cpg: CP1252
    return s;
}

}  // namespace

ContextLayer read_context_layer(const std::string& path, const std::string& layer_name, ContextReadReport* report) {
    gdal_init();
    ContextReadReport local;
    ContextReadReport& rep = report ? *report : local;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError({path}, "file does not exist");
    GDALDatasetUniquePtr ds = open_vector(path);
    OGRLayer* layer = io::pick_layer(*ds, path, layer_name);
    const std::string lname = layer->GetName();
    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const std::string geom_field = std::string(layer->GetGeometryColumn()).empty() ? "geometry" : layer->GetGeometryColumn();
    if (defn.GetGeomFieldCount() == 0) throw InputError({path, lname}, "the layer has no geometry");

    const OGRSpatialReference* lsrs = layer->GetSpatialRef();
    if (!lsrs)
        throw InputError({path, lname, "", geom_field}, "no coordinate reference system (a Shapefile without .prj?)");
    std::unique_ptr<OGRSpatialReference> src(lsrs->Clone());
    src->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    rep.source_crs = io::crs_label(*src);
    const std::optional<CrsTransform> to_lonlat = io::transform_to_lonlat(*src, path, lname, geom_field);

    ContextLayer out;
    out.id = new_uuid();
    out.name = lname;
    out.source_path = path;
    out.source_layer = lname;
    out.fields = field_names(defn);
    std::optional<ContextKind> kind = kind_of(layer->GetGeomType());
    auto features = std::make_shared<std::vector<ContextFeature>>();
    std::vector<OGRFieldType> types;
    for (int i = 0; i < defn.GetFieldCount(); ++i) types.push_back(defn.GetFieldDefn(i)->GetType());

    io::LayerReader reader(*ds, *layer, path);
    while (auto feat = reader.next()) {
        ++rep.read;
        const std::string label = std::to_string(feat->GetFID());
        Geometry g = io::from_ogr(feat->GetGeometryRef());
        if (g.empty()) {
            if (++rep.skipped <= 5) rep.warnings.push_back("feature " + label + " has no geometry: skipped");
            continue;
        }
        const auto k = kind_of(g.kind);
        if (!kind) kind = k;
        if (k != kind)
            throw InputError({path, lname, label, geom_field},
                             std::string(kind_words(*k, false)) + " in a layer of " + kind_words(*kind, true) +
                                 ": a context layer holds one kind of geometry (split the file by type)");
        if (to_lonlat) {
            try {
                to_lonlat->apply_in_place(g);
            } catch (const GdalError& e) {
                throw InputError({path, lname, label, geom_field}, std::string("cannot transform to lon/lat: ") + e.what());
            }
        }
        ContextFeature cf;
        cf.geometry = std::move(g);
        cf.values.reserve(types.size());
        for (int i = 0; i < int(types.size()); ++i) cf.values.push_back(value_of(*feat, i, types[std::size_t(i)]));
        features->push_back(std::move(cf));
    }
    reader.finish(&rep.warnings);
    if (features->empty())
        throw InputError({path, lname}, rep.read == 0 ? "the layer is empty" : "no feature of the layer has a geometry");
    if (rep.skipped > 5) rep.warnings.push_back(std::to_string(rep.skipped) + " features without geometry skipped");
    out.kind = *kind;
    out.features = std::move(features);
    apply_default_style(out);
    return out;
}

}  // namespace pc
