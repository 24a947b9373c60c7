#include "center/slot_cache.h"

namespace cherha::center {

core::Result<SlotCache::Slots> SlotCache::slots(const core::CenterSchedule& schedule,
                                                const core::Service& service, core::Date day,
                                                bool keep) const {
    auto key = std::make_pair(service.id, day);
    {
        std::lock_guard lock(mutex_);
        if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    }
    // Computed outside the lock: two threads may both compute the same entry once.
    auto computed = core::generate_slots(schedule, service, day);
    if (!computed) return computed.problem();
    auto shared = std::make_shared<const std::vector<core::Slot>>(std::move(computed).value());
    if (!keep) return shared;
    std::lock_guard lock(mutex_);
    if (by_key_.size() >= kMaxEntries) by_key_.clear();
    by_key_.emplace(std::move(key), shared);
    return shared;
}

std::size_t SlotCache::size() const {
    std::lock_guard lock(mutex_);
    return by_key_.size();
}

}  // namespace cherha::center
