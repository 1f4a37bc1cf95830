#pragma once
// The lon/lat each input vertex came from, keyed by its local projected coordinates: output rings
// (gaps, service areas) take the original coordinates back for every vertex they share with the
// input — exact (a gap shares its vertices with its desa, so no sliver opens between them in a GIS)
// and without an inverse projection; only new vertices (crossings, buffer vertices) go through PROJ.
// An open-addressing hash table over the coordinates' bits.
#include <cstdint>
#include <cstring>
#include <vector>

#include "geo/geometry.h"
#include "planar.h"

namespace pc::planar {

class VertexIndex {
public:
    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap <<= 1;
        slots_.assign(cap, Slot{});
        mask_ = cap - 1;
        size_ = 0;
    }
    void insert(const Pt& p, const Coord& lonlat) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        for (std::size_t i = hash(p) & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (!s.used) {
                s = {p, lonlat, true};
                ++size_;
                return;
            }
            if (s.p == p) return;  // a vertex shared by neighbours: the same source point
        }
    }
    const Coord* find(const Pt& p) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = hash(p) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (!s.used) return nullptr;
            if (s.p == p) return &s.lonlat;
        }
    }
    std::size_t size() const { return size_; }

private:
    struct Slot {
        Pt p;
        Coord lonlat;
        bool used = false;
    };
    static std::size_t hash(const Pt& p) {
        std::uint64_t a, b;
        double x = p.x + 0.0, y = p.y + 0.0;  // -0.0 and 0.0 alike
        std::memcpy(&a, &x, 8);
        std::memcpy(&b, &y, 8);
        std::uint64_t h = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 32;
        return std::size_t(h);
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        reserve(std::max<std::size_t>(old.size(), 8));
        for (auto& s : old)
            if (s.used) insert(s.p, s.lonlat);
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

}  // namespace pc::planar
