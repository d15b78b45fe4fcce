#include "i18n/protocol_texts.hpp"

#include <algorithm>
#include <vector>

namespace ttplan::detail {

std::set<std::string, std::less<>> translatable_texts(const protocol& p) {
    std::set<std::string, std::less<>> out;
    const auto add = [&](const std::string& text) {
        if (!text.empty()) out.insert(text);
    };
    add(p.title);
    for (const phase& ph : p.phases) {
        add(ph.name);
        add(ph.description);
        add(ph.expect);
        if (ph.range) add(ph.range->reason);
        for (const activity& a : ph.activities) {
            add(a.name);
            add(a.note);
        }
    }
    for (const parameter& param : p.parameters) {
        add(param.label);
        add(param.description);
        for (const auto& [value, words] : param.value_labels) add(words);
        if (param.decided) add(param.decided->decided_by);
    }
    for (const track& t : p.tracks) {
        add(t.name);
        add(t.note);
    }
    return out;
}

namespace {

// Replaces `text` by its translation, when the table has one.
void put(const text_translations* table, std::string& text) {
    if (table == nullptr || text.empty()) return;
    if (const auto it = table->find(text); it != table->end()) text = it->second;
}

void put(const text_translations* table, timing& t) {
    if (t.after) put(table, t.after->activity);
}

}  // namespace

std::optional<schedule> translated(const schedule& s, std::string_view language) {
    // One table per segment: each protocol of a continued plan translates its own texts.
    std::vector<const text_translations*> tables;
    bool any = false;
    for (const segment& seg : s.segments()) {
        const auto it = seg.protocol.translations.find(language);
        const text_translations* table = it == seg.protocol.translations.end() ? nullptr : &it->second;
        any = any || (table != nullptr && !table->empty());
        tables.push_back(table);
    }
    if (!any) return std::nullopt;
    const auto table_of = [&](std::size_t segment) {
        return segment < tables.size() ? tables[segment] : nullptr;
    };

    std::vector<segment> segments = s.segments();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        protocol_info& info = segments[i].protocol;
        const text_translations* table = tables[i];
        put(table, info.title);
        for (phase_words& ph : info.phases) {
            put(table, ph.name);
            put(table, ph.description);
            put(table, ph.expect);
        }
        for (parameter& param : info.parameters) {
            put(table, param.label);
            put(table, param.description);
            for (auto& [value, words] : param.value_labels) put(table, words);
            if (param.decided) put(table, param.decided->decided_by);
        }
    }
    std::vector<phase_occurrence> phases = s.phases();
    for (phase_occurrence& p : phases) {
        put(table_of(p.segment), p.name);
        if (p.uncertain_length) put(table_of(p.segment), p.uncertain_length->reason);
    }
    std::vector<event> events = s.events();
    for (event& e : events) {
        put(table_of(e.segment), e.activity);
        put(table_of(e.segment), e.note);
        put(table_of(e.segment), e.timing);
    }
    std::vector<span> spans = s.spans();
    for (span& t : spans) {
        put(table_of(t.segment), t.activity);
        put(table_of(t.segment), t.note);
        put(table_of(t.segment), t.timing);
    }
    std::vector<decision> decisions = s.decisions();
    for (decision& d : decisions) put(table_of(d.segment), d.decided_by);
    return schedule(std::move(segments), std::move(phases), std::move(events), std::move(spans),
                    std::move(decisions));
}

}  // namespace ttplan::detail
