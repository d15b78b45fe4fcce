// The phase graph as Graphviz DOT and as a Mermaid flowchart. Both are written from one
// description of nodes and edges, so the two pictures always say the same thing.
#include <ttplan/graph.hpp>

#include "markup_escape.hpp"
#include "phase_index.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <map>

namespace ttplan {

namespace {

using detail::escape_dot;
using detail::escape_mermaid;
using detail::length_words;

struct node {
    std::string key;                 // p0, p1, ... for phases; t0, ... for tracks
    std::vector<std::string> lines;  // label, one entry per line
    bool active = true;
    bool track = false;
};

struct edge {
    std::string from;
    std::string to;
    std::string label;
    bool active = true;
    bool anchor = false;  // joins a track to a phase it is anchored to (no precedence)
};

struct picture {
    std::string title;
    std::string subtitle;
    std::vector<node> nodes;
    std::vector<edge> edges;
};

std::string signed_length(const length& l) {
    return (l.count > 0 ? "+" : "") + l.to_string();
}

class builder {
public:
    builder(const protocol& p, const parameter_values& values) : p_(p), ids_(p), values_(values) {}

    picture build() {
        picture pic;
        pic.title = fmt::format("{} ({}, version {})", p_.title, p_.id, p_.version);
        pic.subtitle = values_.empty() ? "no parameters" : detail::parameters_text(values_);
        for (std::size_t i = 0; i < p_.phases.size(); ++i) {
            const phase& ph = p_.phases[i];
            const bool active = ph.when.matches(values_);
            node n{
                fmt::format("p{}", i), {ph.name.empty() ? ph.id : ph.name, length_line(ph)}, active, false};
            if (!ph.when.empty()) {
                n.lines.push_back(active
                                      ? "if " + detail::condition_text(ph.when)
                                      : "only if " + detail::condition_text(ph.when) + " (not in this plan)");
            }
            // Conditional activities are where most branches show; unconditional ones would
            // crowd the picture and are in `ttplan show`.
            for (const auto& a : ph.activities) {
                if (a.when.empty()) continue;
                const bool taken = active && a.when.matches(values_);
                n.lines.push_back(taken ? fmt::format("+ {} (if {})", a.name, detail::condition_text(a.when))
                                        : fmt::format("- {}: only if {} (not in this plan)", a.name,
                                                      detail::condition_text(a.when)));
            }
            keys_[ph.id] = n.key;
            active_[ph.id] = active;
            pic.nodes.push_back(std::move(n));
        }
        for (const auto& d : p_.dependencies) {
            if (!keys_.count(d.from) || !keys_.count(d.to)) continue;  // check() reports these
            const bool active = d.when.matches(values_) && active_[d.from] && active_[d.to];
            pic.edges.push_back({keys_[d.from], keys_[d.to], dependency_label(d, active), active, false});
        }
        for (std::size_t i = 0; i < p_.tracks.size(); ++i) add_track(pic, p_.tracks[i], i);
        return pic;
    }

private:
    std::string phase_name(const std::string& id) const {
        const phase* ph = ids_.find(id);
        return ph && !ph->name.empty() ? ph->name : id;
    }

    std::string anchor_text(const anchor& a) const {
        if (a.phase.empty()) return "the plan start";
        const std::string cycle = a.cycle ? fmt::format(" cycle {}", *a.cycle) : std::string();
        switch (a.at) {
            case anchor::edge::start:
                return fmt::format("the start of {}{}", phase_name(a.phase), cycle);
            case anchor::edge::end:
                return fmt::format("the end of {}{}", phase_name(a.phase), cycle);
            case anchor::edge::day:
                return fmt::format("Day {} of {}{}", a.day, phase_name(a.phase), cycle);
        }
        return a.phase;
    }

    // With this plan's values: the length that applies, the count, the limit.
    std::string length_line(const phase& ph) const {
        if (!ph.repeat && !ph.until.empty()) {
            for (const auto& u : ph.until) {
                if (u.when.matches(values_))
                    return fmt::format("until {} from {}", length_words(u.limit), anchor_text(u.from));
            }
            return "until a limit (none applies)";
        }
        const length& expected = ph.length_for(values_);
        // The phase's own range, unless a length_when case gives its length.
        const std::string len =
            ph.range && &expected == &ph.duration
                ? fmt::format("usually {} ({} to {})", length_words(ph.duration),
                              length_words(ph.range->shortest), length_words(ph.range->longest))
                : length_words(expected);
        if (!ph.repeat) return len;
        const repeat_rule& r = *ph.repeat;
        std::string out = fmt::format("cycles of {}", len);
        if (r.first_cycle) out += fmt::format(" (first {})", length_words(*r.first_cycle));
        if (const auto count = r.count_for(values_)) out += fmt::format(", up to {}", *count);
        for (const auto& u : r.until) {
            if (!u.when.matches(values_)) continue;  // the first rule that holds applies
            out += fmt::format(", until {} from {}", length_words(u.limit), anchor_text(u.from));
            break;
        }
        if (!r.variants.empty()) {
            std::string v;
            for (const auto& x : r.variants) v += (v.empty() ? "" : "/") + x;
            out += ", alternating " + v;
        }
        return out;
    }

    std::string dependency_label(const dependency& d, bool active) const {
        std::string out = d.type == dependency_type::start_to_start
                              ? fmt::format("Day {} of {}", d.on_day, phase_name(d.from))
                              : std::string("after end");
        if (d.lag.count != 0) out += " " + signed_length(d.lag);
        if (!d.gate.empty()) out += " (gated: " + d.gate + ")";
        if (!d.when.empty()) out += " if " + detail::condition_text(d.when);
        if (!active) out += " (not in this plan)";
        return out;
    }

    void add_track(picture& pic, const track& t, std::size_t i) {
        const auto anchor_active = [&](const anchor& a) { return a.phase.empty() || active_[a.phase]; };
        const bool active = t.when.matches(values_) && anchor_active(t.from) && anchor_active(t.to);
        node n{fmt::format("t{}", i),
               {fmt::format("{}: {}", display_name(t.category), t.name),
                fmt::format("from {} to {}", anchor_text(t.from), anchor_text(t.to))},
               active,
               true};
        if (!t.when.empty()) {
            n.lines.push_back(active ? "if " + detail::condition_text(t.when)
                                     : "only if " + detail::condition_text(t.when) + " (not in this plan)");
        }
        for (const anchor* a : {&t.from, &t.to}) {
            if (a->phase.empty() || !keys_.count(a->phase)) continue;
            const std::string what = a == &t.from ? "from" : "to";
            std::string label =
                a->at == anchor::edge::day
                    ? fmt::format("{} Day {}", what, a->day)
                    : fmt::format("{} {}", what, a->at == anchor::edge::end ? "end" : "start");
            pic.edges.push_back({keys_[a->phase], n.key, std::move(label), active, true});
        }
        pic.nodes.push_back(std::move(n));
    }

    const protocol& p_;
    detail::phase_index ids_;
    const parameter_values& values_;
    std::map<std::string, std::string, std::less<>> keys_;
    std::map<std::string, bool, std::less<>> active_;
};

std::string joined(const std::vector<std::string>& lines, std::string (*escape)(std::string_view),
                   std::string_view separator) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : std::string(separator)) + escape(l);
    return out;
}

// DOT attributes in writing order; values already escaped. Later settings replace earlier ones
// (set) so that no attribute is written twice.
using attributes = std::vector<std::pair<std::string, std::string>>;

void set(attributes& a, const std::string& name, const std::string& value) {
    for (auto& [n, v] : a) {
        if (n == name) {
            v = value;
            return;
        }
    }
    a.emplace_back(name, value);
}

std::string attribute_list(attributes a) {
    // Keep only the last value of a name, at its first position.
    attributes unique;
    for (const auto& [n, v] : a) set(unique, n, v);
    std::string out;
    for (const auto& [n, v] : unique) out += fmt::format("{}{}=\"{}\"", out.empty() ? "" : ", ", n, v);
    return out;
}

}  // namespace

std::string to_dot(const protocol& p, const parameter_values& values) {
    const picture pic = builder(p, resolve_parameters(p, values)).build();
    std::string out = fmt::format("digraph \"{}\" {{\n", escape_dot(p.id));
    out += fmt::format(
        "  graph [label=\"{}\\n{}\\nsolid: in this plan; dashed grey: not in this plan\", labelloc=\"t\", "
        "fontname=\"Helvetica\", rankdir=\"TB\"];\n",
        escape_dot(pic.title), escape_dot(pic.subtitle));
    out +=
        "  node [shape=\"box\", style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=\"11\", "
        "color=\"#2c3e50\", fillcolor=\"#dbe6f3\"];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=\"9\", color=\"#2c3e50\"];\n";
    for (const auto& n : pic.nodes) {
        attributes a{
            {"label", joined(n.lines, escape_dot, "\\n")},
            {"class", fmt::format("{} {}", n.track ? "track" : "phase", n.active ? "active" : "inactive")}};
        if (n.track)
            a.insert(
                a.end(),
                {{"shape", "note"}, {"style", "filled"}, {"fillcolor", "#e6f2ec"}, {"color", "#00704f"}});
        if (!n.active) {
            set(a, "style", n.track ? "dashed,filled" : "rounded,dashed,filled");
            a.insert(a.end(), {{"fillcolor", "#f4f4f4"}, {"color", "#888888"}, {"fontcolor", "#555555"}});
        }
        out += fmt::format("  {} [{}];\n", n.key, attribute_list(a));
    }
    for (const auto& e : pic.edges) {
        attributes a{{"label", escape_dot(e.label)},
                     {"class", fmt::format("{} {}", e.anchor ? "anchor" : "dependency",
                                           e.active ? "active" : "inactive")}};
        if (e.anchor) a.insert(a.end(), {{"style", "dotted"}, {"arrowhead", "none"}});
        if (!e.active) {
            set(a, "style", "dashed");
            a.insert(a.end(), {{"color", "#888888"}, {"fontcolor", "#555555"}});
        }
        out += fmt::format("  {} -> {} [{}];\n", e.from, e.to, attribute_list(a));
    }
    out += "}\n";
    return out;
}

std::string to_mermaid(const protocol& p, const parameter_values& values) {
    const picture pic = builder(p, resolve_parameters(p, values)).build();
    std::string out = "flowchart TD\n";
    out += fmt::format("  %% {}\n  %% {}\n  %% solid: in this plan; dashed grey: not in this plan\n",
                       escape_mermaid(pic.title), escape_mermaid(pic.subtitle));
    for (const auto& n : pic.nodes)
        out += fmt::format("  {}[\"{}\"]\n", n.key, joined(n.lines, escape_mermaid, "<br/>"));
    for (const auto& e : pic.edges) {
        const std::string_view arrow = e.anchor ? "-.-" : e.active ? "-->" : "-.->";
        out += fmt::format("  {} {}|\"{}\"| {}\n", e.from, arrow, escape_mermaid(e.label), e.to);
    }
    out += "  classDef inactive fill:#f4f4f4,stroke:#888888,stroke-dasharray:5 5,color:#555555\n";
    out += "  classDef track fill:#e6f2ec,stroke:#00704f\n";
    std::string inactive;
    std::string tracks;
    for (const auto& n : pic.nodes) {
        if (!n.active) inactive += (inactive.empty() ? "" : ",") + n.key;
        if (n.track && n.active) tracks += (tracks.empty() ? "" : ",") + n.key;
    }
    if (!tracks.empty()) out += "  class " + tracks + " track\n";
    if (!inactive.empty()) out += "  class " + inactive + " inactive\n";
    return out;
}

}  // namespace ttplan
