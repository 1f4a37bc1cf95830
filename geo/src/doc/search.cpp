#include "geo/doc/search.h"

#include "geo/doc/admin_names.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>

namespace pc {
namespace {

// U+00C0..U+00FF without their accents ('\0' = keep the character as it is).
constexpr const char kLatin1[] =
    "aaaaaaaceeeeiiii"   // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (× kept, Þ->t, ß->s)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"; // F0-FF (÷ kept)

// Latin Extended-A (U+0100..U+017F) folds pairwise to these base letters.
constexpr const char kLatinExtA[] =
    "aaaaaaccccccccdddd"      // 0100-0111
    "eeeeeeeeeegggggggg"      // 0112-0123
    "hhhhiiiiiiiiiijjjj"      // 0124-0135 (IJ ligature -> j j, rare)
    "kkklllllllllnnnnnnn"     // 0136-0148
    "nnnoooooooorrrrrrsss"    // 0149-015C
    "sssssttttttuuuuuuuuuuuu" // 015D-0173
    "wwyyyzzzzzzs";           // 0174-017F

}  // namespace

std::string fold_for_search(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b));
            ++i;
            continue;
        }
        if ((b & 0xE0) == 0xC0 && i + 1 < s.size()) {
            const auto c = static_cast<unsigned char>(s[i + 1]);
            const unsigned cp = ((b & 0x1Fu) << 6) | (c & 0x3Fu);
            char folded = '\0';
            if (cp >= 0xC0 && cp <= 0xFF) folded = kLatin1[cp - 0xC0];
            else if (cp >= 0x100 && cp < 0x100 + sizeof(kLatinExtA) - 1) folded = kLatinExtA[cp - 0x100];
            if (folded) out.push_back(folded);
            else out.append(s.substr(i, 2));
            i += 2;
            continue;
        }
        out.push_back(static_cast<char>(b));
        ++i;
    }
    return out;
}

namespace {

std::optional<SearchMatch> match(const std::string& folded_query, std::string_view text) {
    if (text.empty()) return std::nullopt;
    const std::string t = fold_for_search(text);
    if (t == folded_query) return SearchMatch::Exact;
    const auto pos = t.find(folded_query);
    if (pos == std::string::npos) return std::nullopt;
    return pos == 0 ? SearchMatch::Prefix : SearchMatch::Substring;
}

// Best of the name's and the code's match.
std::optional<SearchMatch> best(const std::string& q, std::string_view name, std::string_view code) {
    auto a = match(q, name), b = match(q, code);
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

std::vector<SearchHit> search_project(const Project& p, std::string_view query, std::size_t limit) {
    std::string q = fold_for_search(query);
    // Surrounding spaces are never meant.
    q.erase(0, q.find_first_not_of(" \t"));
    q.erase(q.find_last_not_of(" \t") + 1);
    std::vector<SearchHit> hits;
    if (q.empty() || limit == 0) return hits;

    const AdminNames names(p);
    auto admin = [&](const std::vector<AdminUnit>& units, SearchKind kind) {
        for (const auto& u : units)
            if (auto m = best(q, u.name, u.code))
                hits.push_back(SearchHit{kind, u.id, u.code, u.name, names.within(u.level, u.code, u.parent_code),
                                         u.geometry.envelope(), *m});
    };
    admin(p.kecamatan, SearchKind::Kecamatan);
    admin(p.desa, SearchKind::Desa);
    for (const auto& f : p.facilities)
        if (auto m = match(q, f.name))
            hits.push_back(SearchHit{SearchKind::Facility, f.id, f.type, f.name, "", f.geometry.envelope(), *m});
    for (const auto& in : p.initiatives)
        if (auto m = best(q, in.name, in.rpjmd_ref))
            hits.push_back(SearchHit{SearchKind::Initiative, in.id, "", in.name, "", in.geometry.envelope(), *m});

    auto key = [](const SearchHit& h) { return std::tuple(h.match, h.kind, fold_for_search(h.label), h.id); };
    std::stable_sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) { return key(a) < key(b); });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
}

}  // namespace pc
