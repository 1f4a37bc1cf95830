#include "geo/utm.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "geo/error.h"

namespace pc {

namespace {

// WGS 84 and UTM.
constexpr double kA = 6378137.0, kF = 1 / 298.257223563, kK0 = 0.9996, kFalseEasting = 500000.0;
constexpr double kN = kF / (2 - kF);  // third flattening
constexpr double kE2 = kF * (2 - kF);
constexpr double kDegree = M_PI / 180;
// Beyond this |η| (about 70° of longitude from the central meridian) the series no longer holds;
// PROJ refuses the same points.
constexpr double kMaxEta = 2.623395162778;

// Karney (2011), eqs. (14), (35), (36): the rectifying radius and the series coefficients.
struct Series {
    double k0a;  // k0 · A
    double e;    // eccentricity
    double alpha[6], beta[6];
    Series() {
        const double n = kN, n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
        k0a = kK0 * kA / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
        e = std::sqrt(kE2);
        alpha[0] = n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800;
        alpha[1] = 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1983433 * n6 / 1935360;
        alpha[2] = 61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167603 * n6 / 181440;
        alpha[3] = 49561 * n4 / 161280 - 179 * n5 / 168 + 6601661 * n6 / 7257600;
        alpha[4] = 34729 * n5 / 80640 - 3418889 * n6 / 1995840;
        alpha[5] = 212378941 * n6 / 319334400;
        beta[0] = n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604800;
        beta[1] = n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1118711 * n6 / 3870720;
        beta[2] = 17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720;
        beta[3] = 4397 * n4 / 161280 - 11 * n5 / 504 - 830251 * n6 / 7257600;
        beta[4] = 4583 * n5 / 161280 - 108847 * n6 / 3991680;
        beta[5] = 20648693 * n6 / 638668800;
    }
};

const Series& series() {
    static const Series s;
    return s;
}

// Σ_k c[k] sin(2 (k+1) ζ) for ζ = ξ + iη, by Clenshaw's recurrence in θ = 2ζ (complex arithmetic
// written out: std::complex's operators check for infinities at every product).
void sine_series(const double (&c)[6], double xi, double eta, double& re, double& im) {
    double s2, c2;
    sincos(2 * xi, &s2, &c2);
    const double sh2 = std::sinh(2 * eta), ch2 = std::cosh(2 * eta);
    // 2 cos θ and sin θ.
    const double ar = 2 * c2 * ch2, ai = -2 * s2 * sh2;
    const double sr = s2 * ch2, si = c2 * sh2;
    double b1r = 0, b1i = 0, b2r = 0, b2i = 0;
    for (int k = 5; k >= 0; --k) {
        const double b0r = c[k] + ar * b1r - ai * b1i - b2r;
        const double b0i = ar * b1i + ai * b1r - b2i;
        b2r = b1r;
        b2i = b1i;
        b1r = b0r;
        b1i = b0i;
    }
    re = sr * b1r - si * b1i;
    im = sr * b1i + si * b1r;
}

// The conformal latitude's tangent τ' from the latitude's tangent τ (Karney eq. 7).
double conformal_tan(double tau, double e) {
    const double root = std::sqrt(1 + tau * tau);
    const double sigma = std::sinh(e * std::atanh(e * tau / root));
    return tau * std::sqrt(1 + sigma * sigma) - sigma * root;
}

// τ from τ' by Newton's method (Karney eqs. 19-21); converges in two or three steps.
double latitude_tan(double taup, double e) {
    const double e2m = 1 - e * e;
    double tau = taup / e2m;
    const double tol = 1e-9 * std::max(1.0, std::abs(taup));
    for (int i = 0; i < 8; ++i) {
        const double tp = conformal_tan(tau, e);
        const double step = (taup - tp) * (1 + e2m * tau * tau) / (e2m * std::sqrt((1 + tau * tau) * (1 + tp * tp)));
        tau += step;
        if (!(std::abs(step) >= tol)) break;  // also ends on NaN
    }
    return tau;
}

[[noreturn]] void failed(double x, double y) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "coordinate transformation failed near %.9g %.9g", x, y);
    throw GdalError(buf);
}

}  // namespace

UtmZone::UtmZone(int epsg) {
    const bool south = epsg >= 32701;
    const int zone = epsg - (south ? 32700 : 32600);
    if (zone < 1 || zone > 60) throw GdalError("not a WGS 84 / UTM zone: EPSG:" + std::to_string(epsg));
    lon0_ = 6.0 * zone - 183;
    northing_ = south ? 10000000.0 : 0.0;
}

int UtmZone::code_of(const std::string& crs) {
    if (crs.size() != 10) return 0;
    std::string head = crs.substr(0, 5);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    if (head != "EPSG:") return 0;
    int code = 0;
    for (std::size_t i = 5; i < crs.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(crs[i]))) return 0;
        code = code * 10 + (crs[i] - '0');
    }
    return (code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760) ? code : 0;
}

void UtmZone::forward(double* xy, std::size_t n) const {
    const Series& s = series();
    for (std::size_t p = 0; p < n; ++p) {
        const double lon = xy[2 * p], lat = xy[2 * p + 1];
        if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lat) > 90) failed(lon, lat);
        const double lambda = (lon - lon0_) * kDegree;
        double xip, etap;  // ζ' = ξ' + iη' (Karney eq. 10)
        if (std::abs(lat) == 90) {
            xip = std::copysign(M_PI / 2, lat);
            etap = 0;
        } else {
            const double taup = conformal_tan(std::tan(lat * kDegree), s.e);
            double sl, cl;
            sincos(lambda, &sl, &cl);
            xip = std::atan2(taup, cl);
            etap = std::asinh(sl / std::sqrt(taup * taup + cl * cl));
        }
        double dxi, deta;
        sine_series(s.alpha, xip, etap, dxi, deta);
        const double xi = xip + dxi, eta = etap + deta;
        if (!(std::abs(eta) <= kMaxEta)) failed(lon, lat);
        xy[2 * p] = kFalseEasting + s.k0a * eta;
        xy[2 * p + 1] = northing_ + s.k0a * xi;
    }
}

void UtmZone::inverse(double* xy, std::size_t n) const {
    const Series& s = series();
    for (std::size_t p = 0; p < n; ++p) {
        const double x = xy[2 * p], y = xy[2 * p + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) failed(x, y);
        const double xi = (y - northing_) / s.k0a, eta = (x - kFalseEasting) / s.k0a;
        if (!(std::abs(eta) <= kMaxEta)) failed(x, y);
        double dxi, deta;
        sine_series(s.beta, xi, eta, dxi, deta);
        const double xip = xi - dxi, etap = eta - deta;
        const double sh = std::sinh(etap);
        double sx, c;
        sincos(xip, &sx, &c);
        const double taup = sx / std::sqrt(sh * sh + c * c);
        const double lambda = std::atan2(sh, c);
        xy[2 * p] = lon0_ + lambda / kDegree;
        xy[2 * p + 1] = std::atan(latitude_tan(taup, s.e)) / kDegree;
    }
}

}  // namespace pc
