// Phases by id in constant time: protocol::find_phase() scans, which made work on a long chain
// of phases grow with the square of its length.
#pragma once

#include <ttplan/model.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace ttplan::detail {

// Indexes `p`'s phases by id; `p` must outlive the index and keep its phases as they are. With
// two phases of one id (a protocol check reports that), the first is found, as find_phase() does.
class phase_index {
public:
    explicit phase_index(const protocol& p) : p_(&p) {
        by_id_.reserve(p.phases.size());
        for (std::size_t i = 0; i < p.phases.size(); ++i) by_id_.try_emplace(p.phases[i].id, i);
    }

    // It points into the protocol it indexes: a copy would point into the wrong one.
    phase_index(const phase_index&) = delete;
    phase_index& operator=(const phase_index&) = delete;

    std::optional<std::size_t> index(std::string_view id) const noexcept {
        const auto it = by_id_.find(id);
        if (it == by_id_.end()) return std::nullopt;
        return it->second;
    }

    const phase* find(std::string_view id) const noexcept {
        const auto i = index(id);
        return i ? &p_->phases[*i] : nullptr;
    }

private:
    const protocol* p_;
    std::unordered_map<std::string_view, std::size_t> by_id_;
};

}  // namespace ttplan::detail
