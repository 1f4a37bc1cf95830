#pragma once
// Finding places and features by name or code, for "search and fly to". Case- and
// accent-insensitive substring matching; hits ranked exact, then prefix, then substring.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geometry.h"
#include "geo/model.h"

namespace pc {

enum class SearchKind : std::uint8_t { Kecamatan, Desa, Facility, Initiative };

enum class SearchMatch : std::uint8_t { Exact, Prefix, Substring };

struct SearchHit {
    SearchKind kind = SearchKind::Desa;
    std::string id;        // feature id (facilities, initiatives) or admin unit id
    std::string code;      // Kemendagri code of an admin unit; facility type key; "" for initiatives
    std::string label;     // the name as stored
    std::string within;    // where it lies: "Kec. Arjasa, Kabupaten Jember" (admin_names.h); "" for features
    Envelope envelope;     // lon/lat, to fly to
    SearchMatch match = SearchMatch::Substring;
};

// Lower case, Latin accents removed ("Sumberejo" == "SUMBERÉJO"), other bytes kept.
std::string fold_for_search(std::string_view text);

// Hits for `query` in desa, kecamatan, facility and initiative names and codes, best first
// (match quality, then kind in SearchKind order, then label). An empty query finds nothing.
std::vector<SearchHit> search_project(const Project& project, std::string_view query, std::size_t limit = 50);

}  // namespace pc
