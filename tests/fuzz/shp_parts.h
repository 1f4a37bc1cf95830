#pragma once
// A Shapefile set as one fuzz input: parts in the order .shp, .shx, .dbf, .prj, .cpg, each as a
// 4-byte little-endian length and its bytes (the last part takes the rest). scripts/fuzz_corpus.py
// writes seeds in this framing from real Shapefiles.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.h"

namespace pc::fuzz {

// Writes the parts as scratch()/input.{shp,shx,dbf,prj,cpg}; returns the .shp path ("" when the
// input holds no .shp part).
inline std::string write_shapefile_parts(const std::uint8_t* data, std::size_t size) {
    static const char* const kExtensions[] = {"shp", "shx", "dbf", "prj", "cpg"};
    std::size_t at = 0;
    for (std::size_t part = 0; part < 5; ++part) {
        std::size_t len = size - at;
        if (part < 4) {
            if (size - at < 4) len = 0;
            else {
                len = std::size_t(data[at]) | std::size_t(data[at + 1]) << 8 | std::size_t(data[at + 2]) << 16 |
                      std::size_t(data[at + 3]) << 24;
                at += 4;
                len = std::min(len, size - at);
            }
        }
        const std::string path = (scratch() / ("input." + std::string(kExtensions[part]))).string();
        if (len == 0 && part > 0) {
            std::error_code ec;
            std::filesystem::remove(path, ec);  // a part that is absent, not empty
        } else {
            write_input("input." + std::string(kExtensions[part]), data + at, len);
        }
        at += len;
    }
    return (scratch() / "input.shp").string();
}

}  // namespace pc::fuzz
