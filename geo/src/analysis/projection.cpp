#include "projection.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace pc::analysis {

template <class F>
void Chebyshev2::fit(double x0, double y0, double x1, double y1, int degree, F&& f) {
    n_ = degree + 1;
    cx_ = (x0 + x1) / 2;
    cy_ = (y0 + y1) / 2;
    hx_ = std::max((x1 - x0) / 2, 1e-12);
    hy_ = std::max((y1 - y0) / 2, 1e-12);
    const std::size_t n = std::size_t(n_);
    // The map's values at the Chebyshev points (first kind), all in one call.
    std::vector<double> nodes(n), pts(2 * n * n);
    for (std::size_t j = 0; j < n; ++j) nodes[j] = std::cos(M_PI * (double(j) + 0.5) / double(n));
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t k = 0; k < n; ++k) {
            pts[2 * (j * n + k)] = cx_ + hx_ * nodes[j];
            pts[2 * (j * n + k) + 1] = cy_ + hy_ * nodes[k];
        }
    f(pts.data(), n * n);
    // Relative to the value at the centre: coefficients of tens of kilometres, not thousands, so that
    // their sums keep nanometres.
    double centre[2] = {cx_, cy_};
    f(centre, 1);
    rx_ = centre[0];
    ry_ = centre[1];
    for (std::size_t k = 0; k < n * n; ++k) {
        pts[2 * k] -= rx_;
        pts[2 * k + 1] -= ry_;
    }
    // c_mn = (2/N)² Σ_j Σ_k f(u_j, v_k) T_m(u_j) T_n(v_k), the first row and column halved.
    std::vector<double> t(n * n);  // T_m(u_j) = cos(m θ_j)
    for (std::size_t m = 0; m < n; ++m)
        for (std::size_t j = 0; j < n; ++j) t[m * n + j] = std::cos(double(m) * M_PI * (double(j) + 0.5) / double(n));
    c_.assign(2 * n * n, 0);
    std::vector<double> tx(n * n), ty(n * n);  // Σ_k f(u_j, v_k) T_n(v_k), per j and n
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t q = 0; q < n; ++q) {
            double sx = 0, sy = 0;
            for (std::size_t k = 0; k < n; ++k) {
                sx += pts[2 * (j * n + k)] * t[q * n + k];
                sy += pts[2 * (j * n + k) + 1] * t[q * n + k];
            }
            tx[j * n + q] = sx;
            ty[j * n + q] = sy;
        }
    const double scale = 4.0 / double(n * n);
    for (std::size_t m = 0; m < n; ++m)
        for (std::size_t q = 0; q < n; ++q) {
            double sx = 0, sy = 0;
            for (std::size_t j = 0; j < n; ++j) {
                sx += tx[j * n + q] * t[m * n + j];
                sy += ty[j * n + q] * t[m * n + j];
            }
            double w = scale * (m == 0 ? 0.5 : 1.0) * (q == 0 ? 0.5 : 1.0);
            c_[2 * (m * n + q)] = sx * w;
            c_[2 * (m * n + q) + 1] = sy * w;
        }
    c0x_ = c_[0];
    c0y_ = c_[1];
    c_[0] = c_[1] = 0;  // added last, in apply
}

namespace {

// x and y side by side in one two-lane vector: the same operations in the same order as two scalar
// sums (the same bits), half the instructions. Read from the interleaved coefficients (new[]'s
// storage is 16-byte aligned).
typedef double Pair __attribute__((vector_size(16), may_alias));

// The tensor sums of Chebyshev2::apply, written over the input (without the constant). N: the
// coefficients per variable when the compiler may unroll for it, 0 when only `runtime_n` says.
// c[0] is zero (the constant is added last): adding its zero term changes no sum.
template <std::size_t N>
void tensor_sums(const Pair* c, std::size_t runtime_n, double cx, double cy, double hx, double hy, double* xy,
                 std::size_t count) {
    const std::size_t n = N ? N : runtime_n;
    double tu[24], tv[24];
    for (std::size_t p = 0; p < count; ++p) {
        const double u = (xy[2 * p] - cx) / hx, v = (xy[2 * p + 1] - cy) / hy;
        tu[0] = tv[0] = 1;
        tu[1] = u;
        tv[1] = v;
        for (std::size_t k = 2; k < n; ++k) {
            tu[k] = 2 * u * tu[k - 1] - tu[k - 2];
            tv[k] = 2 * v * tv[k - 1] - tv[k - 2];
        }
        // Smallest terms first: the result's own rounding only.
        Pair sum = {0, 0};
        for (std::size_t m = n; m-- > 0;) {
            Pair r = {0, 0};
            const Pair* row = &c[m * n];
            for (std::size_t q = n; q-- > 0;) r += row[q] * tv[q];
            sum += r * tu[m];
        }
        xy[2 * p] = sum[0];
        xy[2 * p + 1] = sum[1];
    }
}

}  // namespace

void Chebyshev2::apply(double* xy, std::size_t count) const {
    const std::size_t n = std::size_t(n_);
    const Pair* c = reinterpret_cast<const Pair*>(c_.data());
    if (n == 5) tensor_sums<5>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else if (n == 6) tensor_sums<6>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else if (n == 7) tensor_sums<7>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else if (n == 9) tensor_sums<9>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else if (n == 13) tensor_sums<13>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else tensor_sums<0>(c, n, cx_, cy_, hx_, hy_, xy, count);
    // The constant last, then the value at the centre the coefficients are relative to.
    for (std::size_t p = 0; p < count; ++p) {
        xy[2 * p] = (xy[2 * p] + c0x_) + rx_;
        xy[2 * p + 1] = (xy[2 * p + 1] + c0y_) + ry_;
    }
}

namespace {

// Points between the nodes of the box [x0, x1] × [y0, y1], its corners and `extra` points
// (interleaved), with `exact`'s values there: where a fit is checked.
struct Probes {
    std::vector<double> at, want;
};

template <class Exact>
Probes probes(double x0, double y0, double x1, double y1, Exact&& exact, std::span<const double> extra) {
    Probes p;
    const int g = 6;  // 7 × 7 points off the nodes (each check costs the exact projection as many points)
    p.at.reserve(2 * ((g + 1) * (g + 1) + 4) + extra.size());
    for (int i = 0; i <= g; ++i)
        for (int j = 0; j <= g; ++j) {
            p.at.push_back(x0 + (x1 - x0) * (i + 0.37) / (g + 0.74));
            p.at.push_back(y0 + (y1 - y0) * (j + 0.61) / (g + 1.22));
        }
    for (double x : {x0, x1})
        for (double y : {y0, y1}) {
            p.at.push_back(x);
            p.at.push_back(y);
        }
    p.at.insert(p.at.end(), extra.begin(), extra.end());
    p.want = p.at;
    exact(p.want.data(), p.want.size() / 2);
    return p;
}

double worst_error(const Chebyshev2& fit, const Probes& p) {
    std::vector<double> got = p.at;
    fit.apply(got.data(), got.size() / 2);
    double worst = 0;
    for (std::size_t k = 0; k < got.size(); ++k) worst = std::max(worst, std::abs(p.want[k] - got[k]));
    return worst;
}

// The first degree worth trying for a box `half_degrees` wide each side of its centre (in degrees of
// arc: lon/lat, or metres / 111 km): the interpolation error falls like a power of the box's size,
// and within a district's ~0.3 degrees a degree of 4 or 5 already reaches the coordinates' own
// rounding (measured on the four seed districts and Jawa Timur: degree 4 to 3e-9 m at 0.18 degrees,
// 3e-8 m at 0.26). The check decides in the end.
int first_degree(double half_degrees) {
    if (half_degrees <= 0.2) return 4;
    if (half_degrees <= 0.3) return 5;
    if (half_degrees <= 1.0) return 6;
    return 8;
}

// Fits `fit` to `exact` over the box, from `first` up to degree 12; true when one agrees with `exact`
// within `tolerance` at the probes.
template <class Exact>
bool fit_checked(Chebyshev2& fit, double x0, double y0, double x1, double y1, double tolerance, int first,
                 Exact&& exact, std::span<const double> extra = {}) {
    const Probes p = probes(x0, y0, x1, y1, exact, extra);
    int tried = 0;
    for (int degree : {first, 8, 12}) {
        if (degree <= tried) continue;
        tried = degree;
        fit.fit(x0, y0, x1, y1, degree, exact);
        if (worst_error(fit, p) <= tolerance) return true;
    }
    return false;
}

// The points of xy inside `box` through `fit` (in runs, as they come), the others through `exact`
// (in one call).
template <class Exact>
void through_fit(const Chebyshev2& fit, const Envelope& box, double* xy, std::size_t n, Exact&& exact) {
    std::vector<std::size_t> outside;
    std::size_t run = 0;
    for (std::size_t p = 0; p < n; ++p) {
        const double x = xy[2 * p], y = xy[2 * p + 1];
        if (x >= box.min_x && x <= box.max_x && y >= box.min_y && y <= box.max_y) continue;  // NaN: outside
        if (p > run) fit.apply(xy + 2 * run, p - run);
        outside.push_back(p);
        run = p + 1;
    }
    if (n > run) fit.apply(xy + 2 * run, n - run);
    if (outside.empty()) return;
    std::vector<double> rest(2 * outside.size());
    for (std::size_t k = 0; k < outside.size(); ++k) {
        rest[2 * k] = xy[2 * outside[k]];
        rest[2 * k + 1] = xy[2 * outside[k] + 1];
    }
    exact(rest.data(), outside.size());
    for (std::size_t k = 0; k < outside.size(); ++k) {
        xy[2 * outside[k]] = rest[2 * k];
        xy[2 * outside[k] + 1] = rest[2 * k + 1];
    }
}

template <class F>
void for_each_run(Geometry& g, F&& f) {
    auto run = [&](std::vector<Coord>& cs) { f(reinterpret_cast<double*>(cs.data()), cs.size()); };
    run(g.points);
    for (auto& l : g.lines) run(l);
    for (auto& p : g.polygons)
        for (auto& r : p.rings) run(r);
}

}  // namespace

Projection::Projection(const std::string& crs, const std::unique_ptr<const LocalFit>* local_fit) : local_fit_(local_fit) {
    if (const int utm = UtmZone::code_of(crs)) {
        utm_.emplace(utm);
    } else {
        forward_.emplace("EPSG:4326", crs);
        inverse_.emplace(forward_->inverse_sharing());
    }
}

void Projection::exact_forward(double* xy, std::size_t n) const {
    if (utm_) utm_->forward(xy, n);
    else forward_->transform_xy(xy, n);
}

void Projection::exact_inverse(double* xy, std::size_t n) const {
    if (utm_) utm_->inverse(xy, n);
    else inverse_->transform_xy(xy, n);
}

Geometry Projection::forward(const Geometry& lonlat) const {
    Geometry out = lonlat;
    for_each_run(out, [this](double* xy, std::size_t n) { exact_forward(xy, n); });
    return out;
}

void Projection::forward(double* xy, std::size_t n) const {
    constexpr std::size_t kFitFrom = 256;  // below this, fitting costs more than it saves
    if (n < kFitFrom) {
        exact_forward(xy, n);
        return;
    }
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::size_t p = 0; p < n; ++p) {
        const double x = xy[2 * p], y = xy[2 * p + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) {
            exact_forward(xy, n);  // let it say what it makes of those
            return;
        }
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
    // Checked also at input points spread over the batch.
    std::vector<double> spread;
    for (std::size_t k = 0; k < 32; ++k) {
        const std::size_t p = (k * 0x9e3779b97f4a7c15ull) % n;
        spread.push_back(xy[2 * p]);
        spread.push_back(xy[2 * p + 1]);
    }
    Chebyshev2 fit;
    auto exact = [&](double* pts, std::size_t count) { exact_forward(pts, count); };
    const int first = first_degree(std::max(x1 - x0, y1 - y0) / 2);
    if (fit_checked(fit, x0, y0, x1, y1, 1e-8, first, exact, spread)) fit.apply(xy, n);
    else exact_forward(xy, n);
}

void Projection::inverse(double* xy, std::size_t n) const {
    if (const LocalFit* f = local_fit())
        through_fit(f->inverse, f->projected, xy, n, [this](double* p, std::size_t c) { exact_inverse(p, c); });
    else
        exact_inverse(xy, n);
}

void Projection::inverse_in_place(Geometry& g) const {
    for_each_run(g, [this](double* xy, std::size_t n) { inverse(xy, n); });
}

std::unique_ptr<const LocalFit> Projection::fit_over(const Envelope& b) const {
    if (b.empty() || !std::isfinite(b.min_x) || !std::isfinite(b.min_y) || !std::isfinite(b.max_x) ||
        !std::isfinite(b.max_y))
        return nullptr;
    auto f = std::make_unique<LocalFit>();
    try {
        // The projected box around the lon/lat box's outline (its sides bend a little).
        std::vector<double> outline;
        const int steps = 16;
        for (int k = 0; k <= steps; ++k) {
            const double t = double(k) / steps, x = b.min_x + t * b.width(), y = b.min_y + t * b.height();
            for (double p : {x, b.min_y, x, b.max_y, b.min_x, y, b.max_x, y}) outline.push_back(p);
        }
        exact_forward(outline.data(), outline.size() / 2);
        for (std::size_t k = 0; k < outline.size(); k += 2) f->projected.expand(Coord{outline[k], outline[k + 1]});
        const Envelope& p = f->projected;
        auto exact_back = [this](double* q, std::size_t c) { exact_inverse(q, c); };
        const int first = first_degree(std::max(p.width(), p.height()) / 2 / 111e3);
        if (!fit_checked(f->inverse, p.min_x, p.min_y, p.max_x, p.max_y, 1e-13, first, exact_back)) return nullptr;
    } catch (const std::exception&) {
        return nullptr;  // some of the box cannot be transformed: no fit, the exact projection says where
    }
    return f;
}

}  // namespace pc::analysis
