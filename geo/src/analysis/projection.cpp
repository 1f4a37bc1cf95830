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
    ax_.assign(n * n, 0);
    ay_.assign(n * n, 0);
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
            ax_[m * n + q] = sx * w;
            ay_[m * n + q] = sy * w;
        }
}

namespace {

// x and y side by side in one two-lane vector: the same operations in the same order as two scalar
// sums (the same bits), half the instructions.
typedef double Pair __attribute__((vector_size(16)));

// The tensor sums of Chebyshev2::apply, written over the input (without the constant). N: the
// coefficients per variable when the compiler may unroll for it, 0 when only `runtime_n` says.
// c[0] is zero (the constant is added last): adding its zero term changes no sum.
template <std::size_t N>
void tensor_sums(const std::vector<Pair>& c, std::size_t runtime_n, double cx, double cy, double hx, double hy, double* xy,
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
    std::vector<Pair> c(n * n);
    for (std::size_t k = 0; k < n * n; ++k) c[k] = Pair{ax_[k], ay_[k]};
    c[0] = Pair{0, 0};
    if (n == 9) tensor_sums<9>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else if (n == 13) tensor_sums<13>(c, n, cx_, cy_, hx_, hy_, xy, count);
    else tensor_sums<0>(c, n, cx_, cy_, hx_, hy_, xy, count);
    // The constant last, then the value at the centre the coefficients are relative to.
    for (std::size_t p = 0; p < count; ++p) {
        xy[2 * p] = (xy[2 * p] + ax_[0]) + rx_;
        xy[2 * p + 1] = (xy[2 * p + 1] + ay_[0]) + ry_;
    }
}

void Projection::forward(double* xy, std::size_t n) const {
    constexpr std::size_t kFitFrom = 4096;  // below this, fitting costs more than it saves
    if (n < kFitFrom) {
        forward_.transform_xy(xy, n);
        return;
    }
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::size_t p = 0; p < n; ++p) {
        const double x = xy[2 * p], y = xy[2 * p + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) {
            forward_.transform_xy(xy, n);  // let PROJ say what it makes of those
            return;
        }
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
    auto exact = [&](double* pts, std::size_t count) { forward_.transform_xy(pts, count); };
    for (int degree : {8, 12}) {
        Chebyshev2 fit;
        fit.fit(x0, y0, x1, y1, degree, exact);
        // Checked against PROJ between the nodes and at input points spread over the batch.
        std::vector<double> probe;
        const int g = 9;
        for (int i = 0; i <= g; ++i)
            for (int j = 0; j <= g; ++j) {
                probe.push_back(x0 + (x1 - x0) * (i + 0.37) / (g + 0.74));
                probe.push_back(y0 + (y1 - y0) * (j + 0.61) / (g + 1.22));
            }
        for (std::size_t k = 0; k < 64; ++k) {
            const std::size_t p = (k * 0x9e3779b97f4a7c15ull) % n;
            probe.push_back(xy[2 * p]);
            probe.push_back(xy[2 * p + 1]);
        }
        std::vector<double> want = probe, got = probe;
        forward_.transform_xy(want.data(), want.size() / 2);
        fit.apply(got.data(), got.size() / 2);
        double worst = 0;
        for (std::size_t k = 0; k < want.size(); ++k) worst = std::max(worst, std::abs(want[k] - got[k]));
        if (worst <= 1e-8) {
            fit.apply(xy, n);
            return;
        }
    }
    forward_.transform_xy(xy, n);
}

}  // namespace pc::analysis
