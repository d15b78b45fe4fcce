// The protocol file form (JSON) <-> the model, without versioning or file handling.
#pragma once

#include <ttplan/model.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ttplan::detail {

// Reads a document whose "format" is already checked and upgraded to the current version.
// Every structural problem (unknown key, wrong type, missing key, bad length, pattern or
// category) is appended to `problems`, located by JSON pointer only; what can be read is
// returned. Semantic rules are left to check(). `rejected` receives the pointer of every
// value that could not be read (or key that is missing), where the model now holds a default
// that check() should not be blamed for.
protocol read_protocol(const nlohmann::json& doc, std::vector<problem>& problems,
                       std::vector<std::string>& rejected);

// The file form, keys in the documented order.
nlohmann::ordered_json write_protocol(const protocol& p);

}  // namespace ttplan::detail
