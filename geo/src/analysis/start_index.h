#pragma once
// Pieces (segments) by their start point: a hash table of chains, no sort; a lookup is a probe or two.
// The slot of a start point is its id: a walk from piece to piece marks and keys its vertices by it,
// without hashing again. Ring assembly (rings.cpp) and the loops of the district's boundary
// (planar.cpp, loop_areas) follow pieces with it.
#include <cstdint>
#include <vector>

#include "planar.h"
#include "vertex_index.h"  // VertexIndex::hash, the one hash of a point

namespace pc::planar {

class StartIndex {
public:
    StartIndex() = default;
    explicit StartIndex(const std::vector<Seg>& pieces) { build(pieces); }
    // Indexes `pieces` (kept by reference), reusing the tables' memory of a previous build.
    void build(const std::vector<Seg>& pieces) {
        pieces_ = pieces.data();
        next_.assign(pieces.size(), kNone);
        id_.assign(pieces.size(), kNone);
        std::size_t cap = 16;
        while (cap < 2 * pieces.size()) cap <<= 1;
        heads_.assign(cap, kNone);
        mask_ = cap - 1;
        for (std::size_t i = pieces.size(); i-- > 0;) {
            if (pieces[i].a == pieces[i].b) continue;
            const std::size_t k = slot(pieces[i].a);
            next_[i] = heads_[k];
            heads_[k] = std::uint32_t(i);
            id_[i] = std::uint32_t(k);
        }
    }
    // The first piece starting at p (kNone if none); then next(i).
    std::uint32_t first(const Pt& p) const { return heads_[slot(p)]; }
    std::uint32_t next(std::uint32_t i) const { return next_[i]; }
    // The id of piece i's start point, below ids().
    std::uint32_t id(std::uint32_t i) const { return id_[i]; }
    // Whether piece i is the only one starting where it starts.
    bool alone(std::uint32_t i) const { return next_[i] == kNone && heads_[id_[i]] == i; }
    std::size_t ids() const { return heads_.size(); }
    static constexpr std::uint32_t kNone = ~0u;

private:
    std::size_t slot(const Pt& p) const {
        for (std::size_t k = std::size_t(VertexIndex::hash(p)) & mask_;; k = (k + 1) & mask_) {
            const std::uint32_t h = heads_[k];
            if (h == kNone || pieces_[h].a == p) return k;
        }
    }
    const Seg* pieces_ = nullptr;
    std::vector<std::uint32_t> next_, id_, heads_;
    std::size_t mask_ = 0;
};

}  // namespace pc::planar
