#pragma once
// PROJ's C API, opened on first use instead of linked (geo/CMakeLists.txt): with its own dependencies
// (curl, TLS, Kerberos, LDAP) it cost every start of `petacerdas` ~5 ms of CPU, and `analyze` of a
// district in a WGS 84 / UTM zone never needs it (the engine projects by itself, geo/utm.h).
// The functions keep PROJ's own signatures (proj.h, geodesic.h).
#include <geodesic.h>
#include <proj.h>
#include <proj_experimental.h>  // proj_alter_name, proj_alter_id (stable since PROJ 6)

namespace pc {

struct ProjLibrary {
#define PC_PROJ_FUNCTIONS(X) \
    X(proj_alter_id) X(proj_alter_name) X(proj_as_proj_string) X(proj_as_wkt) X(proj_clone) \
    X(proj_context_create) X(proj_context_destroy) X(proj_context_errno) X(proj_context_errno_string) \
    X(proj_context_set_search_paths) X(proj_create) X(proj_create_crs_to_crs_from_pj) X(proj_destroy) \
    X(proj_errno_reset) X(proj_get_id_auth_name) X(proj_get_id_code) X(proj_get_name) X(proj_get_type) \
    X(proj_is_crs) X(proj_log_func) X(proj_log_level) X(proj_normalize_for_visualization) \
    X(proj_trans_generic) \
    X(geod_init) X(geod_inverse) X(geod_polygonarea)
#define PC_PROJ_MEMBER(name) decltype(&::name) name = nullptr;
    PC_PROJ_FUNCTIONS(PC_PROJ_MEMBER)
#undef PC_PROJ_MEMBER
};

// The library, opened by the first call; throws GdalError when it cannot be opened.
const ProjLibrary& proj();

}  // namespace pc
