#pragma once
// SHA-256 over canonical serialisations, for provenance (which inputs gave which number).
#include <cstdint>
#include <string>
#include <string_view>

#include "geo/geometry.h"

namespace pc {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    Sha256& add(std::string_view bytes);      // length-prefixed: field boundaries count
    Sha256& add_raw(std::string_view bytes);  // plain bytes
    Sha256& add(double v);
    Sha256& add(std::int64_t v);
    Sha256& add(const Geometry& g);
    std::string hex();  // finishes the hash

private:
    void* ctx_;
};

// The plain SHA-256 of the bytes (standard test vectors hold).
std::string sha256_hex(std::string_view bytes);

// Bytes as hexadecimal text, two digits a byte: lower case, or upper case as OGR shows a BLOB.
std::string hex_text(std::string_view bytes, bool upper_case = false);

}  // namespace pc
