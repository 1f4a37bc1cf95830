#include "geo/crs.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>

#include "geo/error.h"
#include "proj_library.h"

namespace pc {

std::string utm_crs_for(double lon, double lat) {
    int zone = int(std::floor((lon + 180.0) / 6.0)) + 1;
    zone = std::clamp(zone, 1, 60);
    char buf[32];
    std::snprintf(buf, sizeof buf, "EPSG:%d", (lat < 0 ? 32700 : 32600) + zone);
    return buf;
}

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj().proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj().proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr new_context() {
    ContextPtr c(proj().proj_context_create());
    if (!c) throw GdalError("PROJ: cannot create a context");
    // Errors reach the user through our exceptions, never printed (PJ_LOG_NONE alone lets some through).
    proj().proj_log_level(c.get(), PJ_LOG_NONE);
    proj().proj_log_func(c.get(), nullptr, [](void*, int, const char*) {});
    return c;
}

std::string proj_error(PJ_CONTEXT* c) {
    const char* m = proj().proj_context_errno_string(c, proj().proj_context_errno(c));
    return m ? m : "";
}

// 32749 for "EPSG:32749" (any case), else 0.
int epsg_code(const std::string& def) {
    if (def.size() < 6) return 0;
    std::string head = def.substr(0, 5);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    if (head != "EPSG:") return 0;
    int code = 0;
    for (std::size_t i = 5; i < def.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(def[i])) || code > 1000000) return 0;
        code = code * 10 + (def[i] - '0');
    }
    return code;
}

// WGS 84 lon/lat -> WGS 84 / UTM is the pipeline PROJ itself builds from its database for these
// codes (unit conversion, then the projection; checked bit for bit by a test). Built from PROJ text
// in a context that looks for its data in no folder, PROJ never opens proj.db (which costs about
// 3 ms of CPU per context, 10 ms the first time): the most common transform of all, the default
// analysis CRS.
void without_database(PJ_CONTEXT* ctx) {
    const char* nowhere = "/nonexistent/petacerdas-no-proj-data";
    proj().proj_context_set_search_paths(ctx, 1, &nowhere);
}

// The pipeline's unit step is ours: degrees times this into radians, radians divided by it back
// (what PROJ's unitconvert does, the same bits). The projection alone costs a third less a point,
// and a quarter of the pipeline to create.
constexpr double kRadiansPerDegree = 0.017453292519943295;

PJ* utm_projection(PJ_CONTEXT* ctx, int utm_code) {
    without_database(ctx);
    const bool south = utm_code >= 32701;
    const std::string text = "+proj=utm +zone=" + std::to_string(utm_code - (south ? 32700 : 32600)) +
                             (south ? " +south" : "") + " +ellps=WGS84";
    return proj().proj_create(ctx, text.c_str());
}

bool is_wgs84_utm(int code) { return (code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760); }

// Operations found through the database once per process (a mutex guards them); every transform
// gets its own clone in its own context (cloning does not touch the database).
struct Templates {
    std::mutex mutex;
    ContextPtr context = new_context();
    std::map<std::pair<std::string, std::string>, PjPtr> operations;
};

Templates& templates() {
    static Templates* t = new Templates;  // never destroyed: transforms may outlive static destruction
    return *t;
}

std::string as_crs_definition(const std::string& def) {
    // A bare PROJ string describes an operation unless it says it is a CRS.
    if (!def.empty() && def[0] == '+' && def.find("type=crs") == std::string::npos) return def + " +type=crs";
    return def;
}

PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& def) {
    PjPtr crs(def.empty() ? nullptr : proj().proj_create(ctx, as_crs_definition(def).c_str()));
    if (!crs || !proj().proj_is_crs(crs.get()))
        throw InputError({}, "CRS: unknown coordinate reference system '" + def + "'");
    return crs;
}

const PJ* template_operation(const std::string& from, const std::string& to) {
    Templates& t = templates();
    auto key = std::make_pair(from, to);
    auto it = t.operations.find(key);
    if (it != t.operations.end()) return it->second.get();
    PJ_CONTEXT* ctx = t.context.get();
    PjPtr src = create_crs(ctx, from), dst = create_crs(ctx, to);
    PjPtr op(proj().proj_create_crs_to_crs_from_pj(ctx, src.get(), dst.get(), nullptr, nullptr));
    if (!op) throw GdalError("cannot transform between these coordinate systems: " + proj_error(ctx));
    PjPtr normalized(proj().proj_normalize_for_visualization(ctx, op.get()));
    if (!normalized) throw GdalError("cannot transform between these coordinate systems: " + proj_error(ctx));
    return t.operations.emplace(key, std::move(normalized)).first->second.get();
}

// The WGS 84 / UTM zones (the analysis CRS of every district here) from their PROJ strings, named and
// identified by their EPSG code, without the database: opening it the first time costs 15-20 ms, as
// much as the rest of analyze's save. QGIS loads a CRS of its project by that ID.
PjPtr utm_crs_without_database(PJ_CONTEXT* ctx, int code) {
    without_database(ctx);
    const bool south = code >= 32701;
    const std::string zone = std::to_string(code - (south ? 32700 : 32600));
    const std::string text = "+proj=utm +zone=" + zone + (south ? " +south" : "") + " +datum=WGS84 +units=m +no_defs +type=crs";
    const std::string name = "WGS 84 / UTM zone " + zone + (south ? "S" : "N");
    PjPtr plain(proj().proj_create(ctx, text.c_str()));
    PjPtr named(plain ? proj().proj_alter_name(ctx, plain.get(), name.c_str()) : nullptr);
    PjPtr identified(named ? proj().proj_alter_id(ctx, named.get(), "EPSG", std::to_string(code).c_str()) : nullptr);
    if (!identified) throw GdalError("PROJ: cannot describe EPSG:" + std::to_string(code) + ": " + proj_error(ctx));
    return identified;
}

// EPSG:4326 as PROJ 9's database describes it (a WKT built from its PROJ string would have the axes
// in lon/lat order, which QGIS takes for OGC:CRS84).
const char* const kWgs84Wkt =
    "GEOGCRS[\"WGS 84\",ENSEMBLE[\"World Geodetic System 1984 ensemble\",MEMBER[\"World Geodetic System 1984 (Transit)\"],"
    "MEMBER[\"World Geodetic System 1984 (G730)\"],MEMBER[\"World Geodetic System 1984 (G873)\"],"
    "MEMBER[\"World Geodetic System 1984 (G1150)\"],MEMBER[\"World Geodetic System 1984 (G1674)\"],"
    "MEMBER[\"World Geodetic System 1984 (G1762)\"],MEMBER[\"World Geodetic System 1984 (G2139)\"],"
    "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]],ENSEMBLEACCURACY[2.0]],"
    "PRIMEM[\"Greenwich\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],CS[ellipsoidal,2],"
    "AXIS[\"geodetic latitude (Lat)\",north,ORDER[1],ANGLEUNIT[\"degree\",0.0174532925199433]],"
    "AXIS[\"geodetic longitude (Lon)\",east,ORDER[2],ANGLEUNIT[\"degree\",0.0174532925199433]],"
    "USAGE[SCOPE[\"Horizontal component of 3D system.\"],AREA[\"World.\"],BBOX[-90,-180,90,180]],ID[\"EPSG\",4326]]";

}  // namespace

namespace {

// A WGS 84 / UTM zone described as PROJ describes it (the same text to the byte: tested for all 120
// zones), without opening PROJ: a save of a district analysed in its zone then needs no PROJ at all.
CrsDescription utm_description(int code) {
    const bool south = code >= 32701;
    const int zone = code - (south ? 32700 : 32600);
    const std::string z = std::to_string(zone) + (south ? "S" : "N");
    const std::string degree = "ANGLEUNIT[\"degree\",0.0174532925199433]", metre = "LENGTHUNIT[\"metre\",1]";
    CrsDescription d;
    d.name = "WGS 84 / UTM zone " + z;
    d.authid = "EPSG:" + std::to_string(code);
    d.proj4 = "+proj=utm +zone=" + std::to_string(zone) + (south ? " +south" : "") + " +datum=WGS84 +units=m +no_defs";
    d.wkt = "PROJCRS[\"" + d.name + "\",BASEGEOGCRS[\"unknown\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\","
            "6378137,298.257223563," + metre + "]],PRIMEM[\"Greenwich\",0," + degree + "]],CONVERSION[\"UTM zone " + z +
            "\",METHOD[\"Transverse Mercator\",ID[\"EPSG\",9807]],PARAMETER[\"Latitude of natural origin\",0," + degree +
            ",ID[\"EPSG\",8801]],PARAMETER[\"Longitude of natural origin\"," + std::to_string(6 * zone - 183) + "," + degree +
            ",ID[\"EPSG\",8802]],PARAMETER[\"Scale factor at natural origin\",0.9996,SCALEUNIT[\"unity\",1],ID[\"EPSG\",8805]],"
            "PARAMETER[\"False easting\",500000," + metre + ",ID[\"EPSG\",8806]],PARAMETER[\"False northing\"," +
            (south ? "10000000," : "0,") + metre + ",ID[\"EPSG\",8807]]],CS[Cartesian,2],AXIS[\"(E)\",east,ORDER[1]," + metre +
            "],AXIS[\"(N)\",north,ORDER[2]," + metre + "],ID[\"EPSG\"," + std::to_string(code) + "]]";
    d.geographic = false;
    return d;
}

}  // namespace

CrsDescription describe_crs(const std::string& definition) {
    const int epsg = epsg_code(definition);
    if (is_wgs84_utm(epsg)) return utm_description(epsg);
    return describe_crs_with_proj(definition);
}

CrsDescription describe_crs_with_proj(const std::string& definition) {
    const int epsg = epsg_code(definition);
    if (epsg == 4326) return {kWgs84Wkt, "+proj=longlat +datum=WGS84 +no_defs", "EPSG:4326", "WGS 84", true};
    ContextPtr ctx = new_context();
    PjPtr crs = is_wgs84_utm(epsg) ? utm_crs_without_database(ctx.get(), epsg) : create_crs(ctx.get(), definition);
    CrsDescription d;
    const char* one_line[] = {"MULTILINE=NO", nullptr};
    if (const char* wkt = proj().proj_as_wkt(ctx.get(), crs.get(), PJ_WKT2_2019, one_line)) d.wkt = wkt;
    if (const char* proj4 = proj().proj_as_proj_string(ctx.get(), crs.get(), PJ_PROJ_4, nullptr)) d.proj4 = proj4;
    // As GDAL writes it (exportToProj4): without the " +type=crs" PROJ adds.
    if (const auto at = d.proj4.rfind(" +type=crs"); at != std::string::npos && at + 10 == d.proj4.size()) d.proj4.resize(at);
    const char* auth = proj().proj_get_id_auth_name(crs.get(), 0);
    const char* code = proj().proj_get_id_code(crs.get(), 0);
    if (auth && code) d.authid = std::string(auth) + ":" + code;
    if (const char* name = proj().proj_get_name(crs.get())) d.name = name;
    const PJ_TYPE type = proj().proj_get_type(crs.get());
    d.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
    return d;
}

struct CrsTransform::Impl {
    std::string from, to;
    PJ_DIRECTION direction = PJ_FWD;
    int utm_code = 0;  // the UTM projection built without the database, lon/lat in degrees converted by us
    // Shared only by a transform and its inverse_sharing() (one thread); the operation is released
    // before its context (declared after it).
    std::shared_ptr<PJ_CONTEXT> context;
    std::shared_ptr<PJ> op;
};

CrsTransform::CrsTransform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CrsTransform::CrsTransform(const std::string& from, const std::string& to) : impl_(std::make_unique<Impl>()) {
    impl_->from = from;
    impl_->to = to;
    impl_->context = new_context();
    PJ_CONTEXT* ctx = impl_->context.get();
    const int a = epsg_code(from), b = epsg_code(to);
    if ((a == 4326 && is_wgs84_utm(b)) || (b == 4326 && is_wgs84_utm(a))) {
        impl_->utm_code = a == 4326 ? b : a;
        impl_->op = PjPtr(utm_projection(ctx, impl_->utm_code));
        impl_->direction = a == 4326 ? PJ_FWD : PJ_INV;
    } else {
        std::lock_guard lock(templates().mutex);
        impl_->op = PjPtr(proj().proj_clone(ctx, template_operation(from, to)));
    }
    if (!impl_->op) throw GdalError("cannot transform between these coordinate systems: " + proj_error(ctx));
}

CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

namespace {
[[noreturn]] void failed(double x, double y) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "coordinate transformation failed near %.9g %.9g", x, y);
    throw GdalError(buf);
}
}  // namespace

Coord CrsTransform::apply(Coord c) const {
    double xy[2] = {c.x, c.y};
    transform_xy(xy, 1);
    return {xy[0], xy[1]};
}

void CrsTransform::transform_xy(double* xy, std::size_t n) const {
    if (n == 0) return;
    const double x0 = xy[0], y0 = xy[1];
    const bool degrees_in = impl_->utm_code && impl_->direction == PJ_FWD;
    const bool degrees_out = impl_->utm_code && impl_->direction == PJ_INV;
    if (degrees_in)
        for (std::size_t i = 0; i < 2 * n; ++i) xy[i] *= kRadiansPerDegree;
    proj().proj_errno_reset(impl_->op.get());
    const std::size_t stride = 2 * sizeof(double);
    proj().proj_trans_generic(impl_->op.get(), impl_->direction, xy, stride, n, xy + 1, stride, n, nullptr, 0, 0, nullptr, 0, 0);
    // PROJ marks a point it cannot transform with HUGE_VAL.
    for (std::size_t i = 0; i < 2 * n; ++i)
        if (!std::isfinite(xy[i])) failed(x0, y0);
    if (degrees_out)
        for (std::size_t i = 0; i < 2 * n; ++i) xy[i] /= kRadiansPerDegree;
}

namespace {
static_assert(sizeof(Coord) == 2 * sizeof(double), "Coord is x, y: transformed in place as interleaved pairs");
}

void CrsTransform::apply_in_place(Geometry& g) const {
    auto run = [this](std::vector<Coord>& cs) { transform_xy(reinterpret_cast<double*>(cs.data()), cs.size()); };
    run(g.points);
    for (auto& l : g.lines) run(l);
    for (auto& p : g.polygons)
        for (auto& r : p.rings) run(r);
}

Geometry CrsTransform::apply(const Geometry& g) const {
    Geometry out = g;
    apply_in_place(out);
    return out;
}

CrsTransform CrsTransform::inverse() const {
    auto inv = std::make_unique<Impl>();
    inv->from = impl_->to;
    inv->to = impl_->from;
    inv->direction = impl_->direction == PJ_FWD ? PJ_INV : PJ_FWD;
    inv->utm_code = impl_->utm_code;
    inv->context = new_context();
    inv->op = PjPtr(inv->utm_code ? utm_projection(inv->context.get(), inv->utm_code)
                                  : proj().proj_clone(inv->context.get(), impl_->op.get()));
    if (!inv->op) throw GdalError("cannot invert the coordinate transformation: " + proj_error(inv->context.get()));
    return CrsTransform(std::move(inv));
}

CrsTransform CrsTransform::inverse_sharing() const {
    auto inv = std::make_unique<Impl>(*impl_);
    std::swap(inv->from, inv->to);
    inv->direction = impl_->direction == PJ_FWD ? PJ_INV : PJ_FWD;
    return CrsTransform(std::move(inv));
}

}  // namespace pc
