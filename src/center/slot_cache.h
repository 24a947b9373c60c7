// The slots of a service on a day under one schedule, computed once and shared.
// core::generate_slots is a pure function of (schedule, service, day), and it was the largest
// part of a free-slot request (time-zone conversions for every slot, docs/performance.md). A
// cache belongs to one CenterConfig snapshot, so a reloaded schedule starts with an empty one.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar/slot_calendar.h"
#include "core/common/problem.h"

namespace cherha::center {

class SlotCache {
  public:
    using Slots = std::shared_ptr<const std::vector<core::Slot>>;

    // At most this many (service, day) entries are kept; one more empties the cache first,
    // so requests for many different days cannot grow it without bound.
    static constexpr std::size_t kMaxEntries = 512;

    SlotCache() = default;
    SlotCache(const SlotCache&) = delete;
    SlotCache& operator=(const SlotCache&) = delete;

    // core::generate_slots(schedule, service, day), from the cache when it was computed before.
    // Needs: every call on one cache passes the same schedule (the snapshot's) and a service of
    // it. Problems are not kept: they are computed again on the next call.
    // Guarantees: the same slots or problem as generate_slots. Thread-safe.
    // `keep`: false for a day no one books (far in the past or future: anyone may ask for any
    // day of 1900-9999), so such requests cannot push the useful days out of the cache.
    core::Result<Slots> slots(const core::CenterSchedule& schedule, const core::Service& service,
                              core::Date day, bool keep = true) const;

    // Entries held now (for tests).
    std::size_t size() const;

  private:
    mutable std::mutex mutex_;
    mutable std::map<std::pair<std::string, core::Date>, Slots, std::less<>> by_key_;
};

}  // namespace cherha::center
