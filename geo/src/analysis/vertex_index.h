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
        pts_.clear();
        lonlat_.clear();
        pts_.reserve(n);
        lonlat_.reserve(n);
    }
    void insert(const Pt& p, const Coord& lonlat) {
        if (2 * (pts_.size() + 1) > slots_.size()) grow();
        const std::uint64_t h = hash(p);
        const std::uint32_t tag = std::uint32_t(h >> 32) | 1u;
        for (std::size_t i = std::size_t(h) & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.tag == 0) {
                s = {tag, std::uint32_t(pts_.size())};
                pts_.push_back(p);
                lonlat_.push_back(lonlat);
                return;
            }
            if (s.tag == tag && pts_[s.index] == p) return;  // a vertex shared by neighbours: the same source point
        }
    }
    const Coord* find(const Pt& p) const { return find(p, hash(p)); }
    // With p's hash (one for several tables).
    const Coord* find(const Pt& p, std::uint64_t h) const {
        if (slots_.empty()) return nullptr;
        const std::uint32_t tag = std::uint32_t(h >> 32) | 1u;
        for (std::size_t i = std::size_t(h) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.tag == 0) return nullptr;
            if (s.tag == tag && pts_[s.index] == p) return &lonlat_[s.index];
        }
    }
    // The vertices of an input ring were inserted in its order (or, where it runs along an earlier
    // neighbour, in the reverse order): a ring walked along the input mostly finds its next vertex
    // beside the last one found, without hashing. beside(p, near): p's lon/lat if p is the vertex
    // inserted just after or before the one at `near` (near moves there), else nullptr; place(c):
    // where a found vertex is, for `near`.
    const Coord* beside(const Pt& p, std::uint32_t& near) const {
        if (near == kNone) return nullptr;
        if (std::size_t(near) + 1 < pts_.size() && pts_[near + 1] == p) return &lonlat_[++near];
        if (near > 0 && near - 1 < pts_.size() && pts_[near - 1] == p) return &lonlat_[--near];
        return nullptr;
    }
    std::uint32_t place(const Coord* c) const { return std::uint32_t(c - lonlat_.data()); }
    static constexpr std::uint32_t kNone = ~0u;
    std::size_t size() const { return pts_.size(); }
    static std::uint64_t hash(const Pt& p) {
        std::uint64_t a, b;
        double x = p.x + 0.0, y = p.y + 0.0;  // -0.0 and 0.0 alike
        std::memcpy(&a, &x, 8);
        std::memcpy(&b, &y, 8);
        // Two multiplications, the high half folded onto the low (the slot takes low bits, the tag high).
        const std::uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ ((b ^ (b >> 29)) * 0xbf58476d1ce4e5b9ull);
        return h ^ (h >> 32);
    }

private:
    // 8 bytes a slot: the table stays in cache; the coordinates live in insertion order beside it.
    struct Slot {
        std::uint32_t tag = 0;  // high hash bits, never 0 for a used slot
        std::uint32_t index = 0;
    };
    void grow() {
        std::vector<Pt> pts = std::move(pts_);
        std::vector<Coord> ll = std::move(lonlat_);
        reserve(std::max<std::size_t>(pts.size() * 2, 8));
        for (std::size_t k = 0; k < pts.size(); ++k) insert(pts[k], ll[k]);
    }
    std::vector<Slot> slots_;
    std::vector<Pt> pts_;
    std::vector<Coord> lonlat_;
    std::size_t mask_ = 0;
};

}  // namespace pc::planar
