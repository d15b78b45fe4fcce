// The protocol file form (JSON) <-> the model, without versioning or file handling.
#pragma once

#include <ttplan/model.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
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

// A parsed protocol document read whole: format version checked, upgraded, read and check()ed.
// Problems are appended located by JSON pointer into `doc` as written (before the upgrade),
// without file or line, so a reader that holds the protocol inside a larger document (a
// treatment record) can prefix and locate them.
struct protocol_document {
    protocol value;
    nlohmann::json document;  // upgraded to the current version
    int version = 0;          // the version it was written in
};
protocol_document read_protocol_document(nlohmann::json doc, std::vector<problem>& problems);

// The bytes of a file, bounded; `what` names it in io_error messages ("protocol file").
std::string read_text_file(const std::filesystem::path& path, std::string_view what);

// The file form, keys in the documented order.
nlohmann::ordered_json write_protocol(const protocol& p);

}  // namespace ttplan::detail
