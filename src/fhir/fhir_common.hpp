// What the FHIR writers and the reader share. Private.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ttplan::detail {

using ojson = nlohmann::ordered_json;

// Characters of an id made from free text: [a-z0-9-], other runs as one '-'; "x" when empty.
std::string slug(std::string_view text);

}  // namespace ttplan::detail
