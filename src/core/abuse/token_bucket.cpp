#include "core/abuse/token_bucket.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace cherha::core {
namespace {

double sane_rate(double value) {
    return std::isfinite(value) && value > 0 ? value : 0.0;
}

}  // namespace

TokenBucket::TokenBucket(double capacity, double refill_per_second)
    : capacity_(sane_rate(capacity)),
      refill_per_second_(sane_rate(refill_per_second)),
      tokens_(capacity_) {}

void TokenBucket::refill(Instant now) {
    if (!last_) {
        last_ = now;
        return;
    }
    if (now <= *last_) return;  // time stood still or went backwards: nothing refilled
    // Exact difference for any pair of int64 second counts, then to double.
    const auto elapsed = static_cast<std::uint64_t>(now.time_since_epoch().count()) -
                         static_cast<std::uint64_t>(last_->time_since_epoch().count());
    const double added = static_cast<double>(elapsed) * refill_per_second_;
    tokens_ = std::min(capacity_, tokens_ + added);
    last_ = now;
}

bool TokenBucket::try_take(Instant now, double cost) {
    refill(now);
    if (!std::isfinite(cost) || cost <= 0) return false;
    if (cost > tokens_) return false;
    tokens_ -= cost;
    return true;
}

RateLimiter::RateLimiter(double capacity, double refill_per_second, std::size_t max_keys)
    : capacity_(capacity),
      refill_per_second_(refill_per_second),
      max_keys_(std::max<std::size_t>(max_keys, 1)) {}

bool RateLimiter::allow(std::string_view key, Instant now) {
    std::string owned(key);
    auto found = buckets_.find(owned);
    if (found != buckets_.end()) {
        recency_.splice(recency_.begin(), recency_, found->second);
        return found->second->bucket.try_take(now);
    }
    while (buckets_.size() >= max_keys_) {
        buckets_.erase(recency_.back().key);
        recency_.pop_back();
    }
    recency_.push_front(Entry{owned, TokenBucket(capacity_, refill_per_second_)});
    buckets_.emplace(std::move(owned), recency_.begin());
    return recency_.front().bucket.try_take(now);
}

bool RateLimiter::holds(std::string_view key) const {
    return buckets_.find(std::string(key)) != buckets_.end();
}

}  // namespace cherha::core
