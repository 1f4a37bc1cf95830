#include "geo/hash.h"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace pc {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256: cannot initialise OpenSSL digest");
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

Sha256& Sha256::add(std::string_view bytes) {
    // Length first, so that ("ab","c") and ("a","bc") hash differently.
    std::uint64_t n = bytes.size();
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), &n, sizeof n);
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
    return *this;
}

Sha256& Sha256::add(double v) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), &v, sizeof v);
    return *this;
}

Sha256& Sha256::add(std::int64_t v) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), &v, sizeof v);
    return *this;
}

Sha256& Sha256::add(const Geometry& g) {
    add(std::int64_t(g.kind));
    auto coords = [&](const std::vector<Coord>& cs) {
        add(std::int64_t(cs.size()));
        if (!cs.empty())
            EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), cs.data(), cs.size() * sizeof(Coord));
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
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &len);
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (unsigned i = 0; i < len; ++i) {
        s += digits[md[i] >> 4];
        s += digits[md[i] & 15];
    }
    return s;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 h;
    h.add_raw(bytes);
    return h.hex();
}

Sha256& Sha256::add_raw(std::string_view bytes) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
    return *this;
}

}  // namespace pc
