// A small non-cryptographic hash shared by iCalendar UIDs and the digest that pins a
// record's protocol copy.
#pragma once

#include <cstdint>
#include <string_view>

namespace ttplan::detail {

// 64-bit FNV-1a: small, public-domain, and stable across platforms and releases, which is
// all a UID or a change check needs (it is not a security boundary: nothing here is secret,
// and a record keeps the full protocol copy, so a collision cannot change a plan).
std::uint64_t fnv1a_64(std::string_view bytes) noexcept;

}  // namespace ttplan::detail
