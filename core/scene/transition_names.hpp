// The words a scene collection file uses for a transition's kind, direction and stinger audio
// (docs/scene-collection.md), shared by the reader and the writer.
#pragma once

#include <array>
#include <utility>

#include "core/scene/transition.hpp"

namespace lm::transition_names {

inline constexpr std::array<std::pair<const char*, Transition::Kind>, 6> kKinds{{
    {"cut", Transition::Kind::cut},
    {"fade", Transition::Kind::fade},
    {"slide", Transition::Kind::slide},
    {"swipe", Transition::Kind::swipe},
    {"fade_to_color", Transition::Kind::fade_to_color},
    {"stinger", Transition::Kind::stinger},
}};

inline constexpr std::array<std::pair<const char*, Transition::Direction>, 4> kDirections{{
    {"left", Transition::Direction::left},
    {"right", Transition::Direction::right},
    {"up", Transition::Direction::up},
    {"down", Transition::Direction::down},
}};

inline constexpr std::array<std::pair<const char*, Transition::StingerAudio>, 2> kStingerAudio{{
    {"crossfade", Transition::StingerAudio::crossfade},
    {"switch_at_point", Transition::StingerAudio::switch_at_point},
}};

/// The word for `value` in `table` (the first entry's for a value not in it).
template <typename Table, typename Value>
const char* name_of(const Table& table, Value value) {
    for (const auto& [name, entry] : table) {
        if (entry == value)
            return name;
    }
    return table.front().first;
}

}  // namespace lm::transition_names
