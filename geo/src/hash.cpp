#include "geo/hash.h"

// Nettle's SHA-256: no provider to load on first use (OpenSSL 3's EVP spends 0.8 ms on that, a
// tenth of a small district's whole analysis), the SHA extensions where the CPU has them.
#include <nettle/sha2.h>

#include <cstring>
#include <stdexcept>

namespace pc {

namespace {
sha256_ctx* ctx_of(void* p) { return static_cast<sha256_ctx*>(p); }
void update(void* ctx, const void* data, std::size_t n) {
    sha256_update(ctx_of(ctx), n, static_cast<const std::uint8_t*>(data));
}
}  // namespace

Sha256::Sha256() : ctx_(new sha256_ctx) { sha256_init(ctx_of(ctx_)); }

Sha256::~Sha256() { delete ctx_of(ctx_); }

Sha256& Sha256::add(std::string_view bytes) {
    // Length first, so that ("ab","c") and ("a","bc") hash differently.
    std::uint64_t n = bytes.size();
    update(ctx_, &n, sizeof n);
    update(ctx_, bytes.data(), bytes.size());
    return *this;
}

Sha256& Sha256::add(double v) {
    update(ctx_, &v, sizeof v);
    return *this;
}

Sha256& Sha256::add(std::int64_t v) {
    update(ctx_, &v, sizeof v);
    return *this;
}

Sha256& Sha256::add(const Geometry& g) {
    add(std::int64_t(g.kind));
    auto coords = [&](const std::vector<Coord>& cs) {
        add(std::int64_t(cs.size()));
        if (!cs.empty())
            update(ctx_, cs.data(), cs.size() * sizeof(Coord));
    };
    coords(g.points);
    add(std::int64_t(g.lines.size()));
    for (auto& l : g.lines) coords(l);
    add(std::int64_t(g.polygons.size()));
    for (auto& p : g.polygons) {
        add(std::int64_t(p.rings.size()));
        for (auto& r : p.rings) coords(r);
    }
    return *this;
}

std::string Sha256::hex() {
    std::uint8_t md[SHA256_DIGEST_SIZE];
    const unsigned len = SHA256_DIGEST_SIZE;
    sha256_digest(ctx_of(ctx_), SHA256_DIGEST_SIZE, md);
    return hex_text(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 h;
    h.add_raw(bytes);
    return h.hex();
}

Sha256& Sha256::add_raw(std::string_view bytes) {
    update(ctx_, bytes.data(), bytes.size());
    return *this;
}

std::string hex_text(std::string_view bytes, bool upper_case) {
    const char* digits = upper_case ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace pc
