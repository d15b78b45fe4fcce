#include "parameter_space.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

namespace ttplan::detail {

std::optional<std::int64_t> canonical_integer(const std::string& text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || std::to_string(n) != text)
        return std::nullopt;
    return n;
}

representatives representative_values(const protocol& p, const parameter& param) {
    representatives out;
    out.param = &param;
    if (param.type == parameter_type::boolean) {
        out.values = {"true", "false"};
    } else if (param.type == parameter_type::choice) {
        out.values = param.choices;
    }
    if (param.type != parameter_type::integer) {
        out.named.assign(out.values.size(), true);
        return out;
    }

    std::set<std::int64_t> named;
    for_each_condition(p, [&](const condition& c) {
        const auto it = c.all_of.find(param.name);
        if (it == c.all_of.end()) return;
        for (const std::string& v : it->second) {
            const auto n = canonical_integer(v);
            if (n && *n >= param.minimum && *n <= param.maximum) named.insert(*n);
        }
    });
    std::set<std::int64_t> values = named;
    std::optional<std::int64_t> unnamed;
    for (const std::optional<std::int64_t> v : {std::optional(param.minimum), std::optional(param.maximum),
                                                canonical_integer(param.default_value)}) {
        if (!v || *v < param.minimum || *v > param.maximum) continue;
        values.insert(*v);
        if (!named.contains(*v)) unnamed = *v;
    }
    // The range holds more values than the conditions name, unless they name all of it; the
    // search ends within named.size() + 1 steps.
    for (std::int64_t v = param.minimum; !unnamed && param.minimum <= param.maximum; ++v) {
        if (!named.contains(v)) unnamed = v;
        if (v == param.maximum) break;
    }
    if (unnamed) values.insert(*unnamed);
    for (const std::int64_t v : values) {
        out.values.push_back(std::to_string(v));
        out.named.push_back(named.contains(v));
    }
    return out;
}

}  // namespace ttplan::detail
