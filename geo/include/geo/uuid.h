#pragma once
// Stable feature identifiers: RFC 4122 version 4 UUIDs in canonical text form.
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

}  // namespace pc
