#pragma once
// Stable feature identifiers: RFC 4122 version 4 UUIDs in canonical text form, and name-based ones
// for rows derived from others (RFC 9562 version 8, from SHA-256).
#include <cstdint>
#include <random>
#include <string>

namespace pc {

using Uuid = std::string;  // "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower case

// A fresh random UUID (thread-safe).
Uuid new_uuid();
// A UUID drawn from the given generator, for deterministic output (the demo).
Uuid uuid_from(std::mt19937_64& rng);
bool is_uuid(const std::string& s);
// A name-based UUID (RFC 9562 version 8) from the hex SHA-256 of whatever names the thing.
Uuid uuid_from_hash(const std::string& sha256_hex);
// The same UUID for the same name, every time: uuid_from_hash of the SHA-256 of "petacerdas:<name>"
// (metrics rows: table, service and unit code), so that derived rows keep their identifier from one
// save or export to the next.
Uuid uuid_for_name(const std::string& name);

}  // namespace pc
