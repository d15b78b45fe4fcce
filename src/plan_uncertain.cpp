// How far uncertain lengths move a plan (plan_parts.hpp): the three runs matched item by item.
#include "plan_parts.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace ttplan::detail {

namespace {

// An item's identity across runs: its key and how many items before it share that key.
template <class Item, class Key>
std::map<std::pair<Key, std::size_t>, const Item*> index_by(const std::vector<Item>& items,
                                                            Key (*key)(const Item&)) {
    std::map<std::pair<Key, std::size_t>, const Item*> out;
    std::map<Key, std::size_t> seen;
    for (const Item& it : items) {
        Key k = key(it);
        const std::size_t n = seen[k]++;
        out.emplace(std::pair{std::move(k), n}, &it);
    }
    return out;
}

using item_key = std::tuple<std::string, std::int32_t, std::string, std::int32_t>;
item_key key_of(const phase_occurrence& p) {
    return {p.phase, p.cycle.value_or(0), {}, 0};
}
item_key key_of(const event& e) {
    return {e.phase, e.cycle.value_or(0), e.activity, e.day};
}
item_key key_of(const span& s) {
    return {s.phase, s.cycle.value_or(0), s.activity, s.first_day};
}
item_key key_of(const decision& d) {
    return {{}, 0, d.parameter, 0};
}

// The dates `planned` and its matches give, or nothing when they agree.
std::optional<date_window> spread(day_point planned, std::initializer_list<std::optional<day_point>> others) {
    date_window w{planned, planned};
    for (const auto& d : others) {
        if (!d) continue;
        w.earliest = std::min(w.earliest, *d);
        w.latest = std::max(w.latest, *d);
    }
    if (w.earliest == w.latest) return std::nullopt;
    return w;
}

template <class Item, class Bounds>
void carry(std::vector<Item>& items, const std::vector<Item>& lo, const std::vector<Item>& hi,
           Bounds bounds) {
    const auto lo_index = index_by<Item, item_key>(lo, &key_of);
    const auto hi_index = index_by<Item, item_key>(hi, &key_of);
    std::map<item_key, std::size_t> seen;
    for (Item& it : items) {
        item_key k = key_of(it);
        const std::size_t n = seen[k]++;
        const auto a = lo_index.find({k, n});
        const auto b = hi_index.find({k, n});
        const Item* lo_item = a == lo_index.end() ? nullptr : a->second;
        const Item* hi_item = b == hi_index.end() ? nullptr : b->second;
        const bool moves = bounds(it, lo_item, hi_item);
        if (moves || lo_item == nullptr || hi_item == nullptr) it.tentative = true;
    }
}

template <class Item, class Field>
std::optional<day_point> field_of(const Item* it, Field f) {
    if (it == nullptr) return std::nullopt;
    return it->*f;
}

}  // namespace

void carry_uncertainty(plan_parts& plan, const plan_parts& lo, const plan_parts& hi) {
    carry(plan.phases, lo.phases, hi.phases,
          [](phase_occurrence& p, const phase_occurrence* a, const phase_occurrence* b) {
              p.possible_first = spread(
                  p.first, {field_of(a, &phase_occurrence::first), field_of(b, &phase_occurrence::first)});
              p.possible_last = spread(
                  p.last, {field_of(a, &phase_occurrence::last), field_of(b, &phase_occurrence::last)});
              return p.possible_first.has_value();
          });
    carry(plan.events, lo.events, hi.events, [](event& e, const event* a, const event* b) {
        e.possible_date = spread(e.date, {field_of(a, &event::date), field_of(b, &event::date)});
        return e.possible_date.has_value();
    });
    carry(plan.spans, lo.spans, hi.spans, [](span& s, const span* a, const span* b) {
        s.possible_first = spread(s.first, {field_of(a, &span::first), field_of(b, &span::first)});
        s.possible_last = spread(s.last, {field_of(a, &span::last), field_of(b, &span::last)});
        return s.possible_first.has_value();
    });
    carry(plan.decisions, lo.decisions, hi.decisions, [](decision& d, const decision* a, const decision* b) {
        d.possible_date = spread(d.date, {field_of(a, &decision::date), field_of(b, &decision::date)});
        return d.possible_date.has_value();
    });
}

}  // namespace ttplan::detail
