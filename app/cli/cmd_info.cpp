// petacerdas info: what a project or any GDAL vector/raster file holds.
#include <cstdio>
#include <optional>

#include "cli.h"
#include "geo/crs.h"
#include "geo/error.h"
#include "geo/gdal.h"
#include "geo/io/project_file.h"

namespace pc::cli {

namespace {

const char* kUsageText =
    "Usage: petacerdas info PATH\n"
    "\n"
    "Describes PATH: for any vector source (GeoPackage, Shapefile, GeoJSON, KML, CSV) its layers with\n"
    "geometry type, feature count, CRS, extent and fields; for a raster its size, bands and CRS; for a\n"
    "PetaCerdas project also its settings (district, period, analysis CRS, facility types with their\n"
    "default radius, OPD list) and the number of features per layer.\n"
    "\n"
    "Options:\n"
    "  -h, --help   this text\n";

std::string crs_name(const OGRSpatialReference* srs) {
    if (!srs) return "none";
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    std::string name = srs->GetName() ? srs->GetName() : "?";
    if (auth && code) return std::string(auth) + ":" + code + " (" + name + ")";
    return name;
}

void describe_vector(GDALDataset& ds) {
    std::printf("driver: %s, %d layer(s)\n", ds.GetDriverName(), ds.GetLayerCount());
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
        OGRLayer* l = ds.GetLayer(i);
        std::printf("\nlayer %s\n", l->GetName());
        std::printf("  geometry  %s\n", OGRGeometryTypeToName(l->GetGeomType()));
        std::printf("  features  %lld\n", static_cast<long long>(l->GetFeatureCount()));
        if (l->GetGeomType() != wkbNone) {
            std::printf("  crs       %s\n", crs_name(l->GetSpatialRef()).c_str());
            OGREnvelope e;
            if (l->GetExtent(&e, TRUE) == OGRERR_NONE)
                std::printf("  extent    %.6f, %.6f .. %.6f, %.6f\n", e.MinX, e.MinY, e.MaxX, e.MaxY);
        }
        OGRFeatureDefn* d = l->GetLayerDefn();
        std::string fields;
        for (int f = 0; f < d->GetFieldCount(); ++f) {
            if (f) fields += ", ";
            fields += d->GetFieldDefn(f)->GetNameRef();
            fields += std::string(" (") + OGRFieldDefn::GetFieldTypeName(d->GetFieldDefn(f)->GetType()) + ")";
        }
        std::printf("  fields    %s\n", fields.empty() ? "-" : fields.c_str());
    }
}

void describe_project(const Project& p) {
    const auto& s = p.settings;
    std::printf("\nPetaCerdas project\n");
    std::printf("  name           %s\n", s.name.c_str());
    std::printf("  district       %s (%s)\n", s.district_name.c_str(), s.district_code.c_str());
    std::printf("  period         %d-%d\n", s.period_start, s.period_end);
    std::string crs = s.analysis_crs;
    if (crs.empty()) {
        Envelope e;
        for (auto* layer : {&p.kabupaten, &p.kecamatan, &p.desa})
            for (auto& u : *layer) e.expand(u.geometry.envelope());
        crs = e.empty() ? "(automatic)" : utm_crs_for(e.centre().x, e.centre().y) + " (automatic: UTM zone of the centre)";
    }
    std::printf("  analysis CRS   %s\n", crs.c_str());
    double pop = 0;
    for (auto& d : p.desa) pop += d.population.value_or(0);
    std::printf("  kabupaten %zu, kecamatan %zu, desa %zu (population %.0f), facilities %zu, zones %zu, "
                "initiatives %zu, population cells %zu\n",
                p.kabupaten.size(), p.kecamatan.size(), p.desa.size(), pop, p.facilities.size(), p.zones.size(),
                p.initiatives.size(), p.population_grid ? p.population_grid->cells.size() : std::size_t(0));
    std::printf("  facility types:\n");
    for (auto& t : s.facility_types) {
        std::size_t n = 0;
        for (auto& f : p.facilities) n += f.type == t.key;
        std::printf("    %-12s %-20s default radius %6.0f m, %zu features\n", t.key.c_str(), t.label.c_str(),
                    t.default_radius_m, n);
    }
    std::string opd;
    for (auto& o : s.opd) opd += (opd.empty() ? "" : ", ") + o;
    std::printf("  OPD: %s\n", opd.c_str());
}

int run(const std::vector<std::string>& argv) {
    Args a = parse(argv, {}, {});
    if (a.help) {
        std::printf("%s", kUsageText);
        return kOk;
    }
    if (a.positional.size() != 1) throw UsageError("needs exactly one PATH");
    const std::string path = a.positional[0];
    require_file(path);
    std::printf("%s\n", path.c_str());
    GDALDatasetUniquePtr ds;
    try {
        ds = open_vector(path);
    } catch (const InputError&) {
        GDALDatasetUniquePtr r;
        try {
            r = open_raster(path);
        } catch (const InputError&) {  // neither: say what the file is (empty, text, unknown binary)
            throw InputError({path}, "not a GIS file GDAL reads: " + describe_unreadable(path));
        }
        std::printf("driver: %s, raster %d x %d, %d band(s)\n  crs %s\n", r->GetDriverName(), r->GetRasterXSize(),
                    r->GetRasterYSize(), r->GetRasterCount(), crs_name(r->GetSpatialRef()).c_str());
        double gt[6];
        if (r->GetGeoTransform(gt) == CE_None)
            std::printf("  origin %.6f, %.6f; pixel %.8f x %.8f\n", gt[0], gt[3], gt[1], gt[5]);
        return kOk;
    }
    const std::string ext = path.size() > 5 ? path.substr(path.size() - 5) : "";
    const bool gpkg = ext == ".gpkg" || ext == ".GPKG";
    // A file with our settings table is a project: read whole first, so a damaged one is refused
    // (exit 2) instead of listed with the feature counts GDAL cached before the damage.
    std::optional<Project> project;
    if (gpkg && ds->GetLayerByName("settings")) project = load_project(path);
    describe_vector(*ds);
    ds.reset();
    if (project) {
        describe_project(*project);
    } else if (gpkg) {
        try {
            describe_project(load_project(path));
        } catch (const std::exception& e) {
            std::printf("\nnot a PetaCerdas project (%s)\n", e.what());
        }
    }
    return kOk;
}

}  // namespace

const Command kInfo{"info", "layers, counts, CRS, extent and settings of a project or any GIS file", kUsageText, run};

}  // namespace pc::cli
