#pragma once
// A fast test that a polygon is valid, so that GEOS's full validity check (noding every ring) runs
// only on polygons that might not be: true means valid for certain; false means "ask GEOS".
//
// True for one ring (no holes, one part) of at least three distinct vertices whose edges meet only
// where consecutive edges share their vertex, and do not fold back onto each other. Contacts closer
// than 1e-9 m count as contacts (GEOS decides those).
#include <vector>

#include "planar.h"

namespace pc::planar {

// `ring`: a Poly built from exactly one ring (its edges in ring order).
bool certainly_simple(const Poly& ring);

}  // namespace pc::planar
