// Choosing the layer of an OGR source and its way to WGS 84 lon/lat: shared by the import of model
// layers (import.cpp, import_tools.cpp) and of context layers (context_import.cpp).
#include <ogr_spatialref.h>

#include "geo/error.h"
#include "geo/srs.h"
#include "io_internal.h"

namespace pc::io {

OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& name) {
    if (!name.empty()) {
        if (OGRLayer* l = ds.GetLayerByName(name.c_str())) return l;
        std::string names;
        for (auto* l : ds.GetLayers()) names += std::string(names.empty() ? "" : ", ") + l->GetName();
        throw InputError({path, name}, "no such layer (layers: " + names + ")");
    }
    for (auto* l : ds.GetLayers())
        if (l->GetFeatureCount() > 0) return l;
    if (ds.GetLayerCount() > 0) return ds.GetLayer(0);
    throw InputError({path}, "the file holds no layer");
}

std::string crs_label(const OGRSpatialReference& srs) {
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    const char* name = srs.GetName();
    return name ? name : "unnamed CRS";
}

std::optional<CrsTransform> transform_to_lonlat(const OGRSpatialReference& src, const std::string& path,
                                                const std::string& layer, const std::string& geometry_field) {
    auto w = wgs84();
    const char* same_opts[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
    if (src.IsSame(w.get(), same_opts)) return std::nullopt;
    try {
        return std::optional<CrsTransform>(std::in_place, src, *w);
    } catch (const GdalError& e) {
        throw InputError({path, layer, "", geometry_field},
                         "cannot transform from '" + crs_label(src) + "' to WGS 84: " + e.what());
    }
}

}  // namespace pc::io
