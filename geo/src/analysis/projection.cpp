#include "projection.h"

#include <proj.h>

#include <cstdlib>

#include "geo/error.h"

namespace pc::analysis {

struct Projection::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

std::string Projection::utm_pipeline(const std::string& crs) {
    // EPSG:326zz (north) and EPSG:327zz (south), zones 1..60.
    if (crs.size() != 10 || crs.compare(0, 7, "EPSG:32") != 0) return {};
    const char hemisphere = crs[7];
    if (hemisphere != '6' && hemisphere != '7') return {};
    if (crs[8] < '0' || crs[8] > '9' || crs[9] < '0' || crs[9] > '9') return {};
    const int zone = (crs[8] - '0') * 10 + (crs[9] - '0');
    if (zone < 1 || zone > 60) return {};
    return "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=utm +zone=" + std::to_string(zone) +
           (hemisphere == '7' ? " +south" : "") + " +ellps=WGS84";
}

Projection::Projection(const std::string& crs) : impl_(std::make_unique<Impl>()) {
    impl_->ctx = proj_context_create();
    const std::string pipeline = utm_pipeline(crs);
    if (!pipeline.empty()) {
        impl_->pj = proj_create(impl_->ctx, pipeline.c_str());
    } else {
        PJ* op = proj_create_crs_to_crs(impl_->ctx, "EPSG:4326", crs.c_str(), nullptr);
        if (op) {
            // Longitude first, whatever the authority's axis order.
            impl_->pj = proj_normalize_for_visualization(impl_->ctx, op);
            proj_destroy(op);
        }
    }
    if (!impl_->pj)
        throw InputError({"", "", "", "analysis CRS"},
                         "PROJ does not know the CRS '" + crs + "': " + proj_context_errno_string(impl_->ctx, proj_context_errno(impl_->ctx)));
}

Projection::~Projection() = default;

void Projection::forward(double* xy, std::size_t n) const {
    if (n) proj_trans_generic(impl_->pj, PJ_FWD, xy, 2 * sizeof(double), n, xy + 1, 2 * sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
}

void Projection::inverse(double* xy, std::size_t n) const {
    if (n) proj_trans_generic(impl_->pj, PJ_INV, xy, 2 * sizeof(double), n, xy + 1, 2 * sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
}

namespace {

template <class F>
void each_coord(Geometry& g, F&& f) {
    for (auto& c : g.points) f(c);
    for (auto& l : g.lines)
        for (auto& c : l) f(c);
    for (auto& poly : g.polygons)
        for (auto& r : poly.rings)
            for (auto& c : r) f(c);
}

void transform(Geometry& g, const Projection& p, bool fwd) {
    std::vector<double> xy;
    xy.reserve(2 * g.vertex_count());
    each_coord(g, [&](Coord& c) {
        xy.push_back(c.x);
        xy.push_back(c.y);
    });
    if (fwd) p.forward(xy.data(), xy.size() / 2);
    else p.inverse(xy.data(), xy.size() / 2);
    std::size_t i = 0;
    each_coord(g, [&](Coord& c) {
        c = {xy[i], xy[i + 1]};
        i += 2;
    });
}

}  // namespace

Geometry Projection::forward(const Geometry& lonlat) const {
    Geometry g = lonlat;
    transform(g, *this, true);
    return g;
}

void Projection::inverse_in_place(Geometry& g) const { transform(g, *this, false); }

}  // namespace pc::analysis
