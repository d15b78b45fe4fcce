// Protocols: the built-in catalog, loading and parsing, and a read-only view of the model.
#include "bindings.hpp"

#include <pybind11/operators.h>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

namespace {

const char* kind_name(parameter_type k) {
    switch (k) {
        case parameter_type::boolean:
            return "bool";
        case parameter_type::choice:
            return "choice";
        case parameter_type::integer:
            return "integer";
    }
    return "";
}

}  // namespace

void bind_protocol(py::module_& m) {
    py::class_<catalog_entry>(m, "CatalogEntry", "A built-in protocol: id, title and a one-line summary.")
        .def_readonly("id", &catalog_entry::id)
        .def_readonly("title", &catalog_entry::title)
        .def_readonly("summary", &catalog_entry::summary)
        .def("__repr__", [](const catalog_entry& c) { return "<ttplan.CatalogEntry " + c.id + ">"; });

    py::class_<parameter>(m, "Parameter", "A parameter a protocol declares; values are given as text.")
        .def_readonly("name", &parameter::name)
        .def_property_readonly(
            "type", [](const parameter& p) { return kind_name(p.type); },
            "\"bool\", \"choice\" or \"integer\".")
        .def_readonly("description", &parameter::description)
        .def_readonly("choices", &parameter::choices, "Allowed values of a choice parameter.")
        .def_readonly("minimum", &parameter::minimum, "Smallest value of an integer parameter.")
        .def_readonly("maximum", &parameter::maximum, "Largest value of an integer parameter.")
        .def_readonly("default", &parameter::default_value, "The default, as canonical text.")
        .def_readonly("label", &parameter::label,
                      "Its short name for readers (\"Philadelphia chromosome\"); empty when the protocol "
                      "gives none.")
        .def_property_readonly(
            "value_labels",
            [](const parameter& p) { return std::map<std::string, std::string>(p.value_labels.begin(), p.value_labels.end()); },
            "Words for values, value -> words ({\"true\": \"positive\"}); a value without any reads as "
            "itself.")
        .def_property_readonly(
            "decided_by",
            [](const parameter& p) {
                return p.decided ? std::optional(p.decided->decided_by) : std::nullopt;
            },
            "What decides it during treatment, or None for a parameter fixed before planning.")
        .def_property_readonly(
            "decided_in",
            [](const parameter& p) { return p.decided ? std::optional(p.decided->at.phase) : std::nullopt; },
            "The phase id the decision is taken in, or None.")
        .def("__repr__", [](const parameter& p) { return "<ttplan.Parameter " + p.name + ">"; });

    py::class_<protocol>(m, "Protocol",
                         "A validated treatment protocol: parameters, phases, dependencies, tracks. "
                         "Holds no dates; ttplan.plan() turns it into a Schedule.")
        .def_readonly("id", &protocol::id)
        .def_readonly("title", &protocol::title)
        .def_readonly("version", &protocol::version)
        .def_readonly("summary", &protocol::summary)
        .def_readonly("description", &protocol::description)
        .def_readonly("notes", &protocol::notes)
        .def_readonly("parameters", &protocol::parameters, "Declared parameters (list of ttplan.Parameter).")
        .def_property_readonly(
            "phase_ids",
            [](const protocol& p) {
                std::vector<std::string> ids;
                for (const auto& ph : p.phases) ids.push_back(ph.id);
                return ids;
            },
            "Ids of every phase, in file order (branches included).")
        .def("to_json", [](const protocol& p) { return to_json(p); },
             "The protocol as canonical file text; parse_protocol(p.to_json()) == p.")
        .def("describe", [](const protocol& p) { return describe(p); },
             "The protocol in words, as `ttplan show` prints it: parameters, phases, dependencies, "
             "tracks, notes, sources and the disclaimer. For people; read the attributes or to_json() "
             "in code.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const protocol& p) { return "<ttplan.Protocol " + p.id + " " + p.version + ">"; });

    m.def("protocols", &builtin_protocols, "The built-in catalog (list of ttplan.CatalogEntry).");
    m.def("default_protocol_id", [] { return std::string(default_protocol_id()); },
          "The id of the protocol planned when none is named.");
    m.def("load_builtin", [](const std::string& id) { return load_builtin(id); }, "id"_a,
          "A built-in protocol by id. Raises ttplan.Error listing the ids when unknown.");
    m.def("load_protocol", [](const std::string& id_or_path) { return load_protocol(id_or_path); }, "id_or_path"_a,
          "A built-in id, or else a path to a protocol file (JSON).");
    m.def("parse_protocol", [](const std::string& text, const std::string& origin) { return parse_protocol(text, origin); },
          "text"_a, "origin"_a = "<string>",
          "Parses and checks protocol JSON text. origin names the text in error locations. Raises ParseError "
          "(with line and column) or ValidationError (with every problem).");
    m.def(
        "validate_protocol_file", [](const std::string& path) { return validate_protocol_file(path); },
        "path"_a,
        "Every problem in a protocol file (empty when valid), including those that planning finds for some "
        "parameter combinations (the file is planned for each). Raises IoError only when it cannot be read.");
}

}  // namespace ttplan::python
