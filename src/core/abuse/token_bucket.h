// Rate limits for the public booking API (PRODUCT.md, rule 5: "rate limits per client
// address and per identity"): a token bucket per key, and a bounded set of buckets.
//
// Time is passed in, never read: the caller supplies `now` from its clock. Use a clock
// that does not go backwards; if it does, a `now` earlier than the latest one seen
// refills nothing (and does not move the bucket's clock back, so time is never credited
// twice). Refill is continuous: refill_per_second * elapsed seconds, fractions kept.
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/civil.h"

namespace cherha::core {

// A bucket holding up to `capacity` tokens, starting full, refilled at
// `refill_per_second`. Not thread-safe (callers lock); never throws.
class TokenBucket {
  public:
    // needs: capacity and refill_per_second finite and >= 0; anything else (negative,
    // NaN, infinite) is taken as 0, so a misconfigured bucket refuses rather than
    // allows.
    TokenBucket(double capacity, double refill_per_second);

    // Refills for the time since the latest `now` seen, then takes `cost` tokens if the
    // bucket holds at least that many.
    //   guarantees: true and the tokens removed, or false and nothing removed (the
    //               refill is kept). A cost that is not finite or <= 0 is refused
    //               (false) and never adds tokens; a cost above capacity is always
    //               refused. The first call counts as the bucket's start (full).
    bool try_take(Instant now, double cost = 1);

    // Tokens held after the latest call (no refill computed here).
    double tokens() const { return tokens_; }
    double capacity() const { return capacity_; }
    double refill_per_second() const { return refill_per_second_; }

  private:
    void refill(Instant now);

    double capacity_;
    double refill_per_second_;
    double tokens_;
    std::optional<Instant> last_;
};

// Token buckets keyed by a string (a client address or an identity key), all with the
// same capacity and refill rate. Holds at most `max_keys` buckets: when a new key would
// exceed that, the least recently used key's bucket is forgotten, and that key starts
// again with a full bucket if it comes back. Choose max_keys well above the number of
// clients active within capacity / refill_per_second seconds, so that only idle
// (already refilled) buckets are evicted. Memory: O(max_keys * key length).
// Not thread-safe (callers lock); never throws except std::bad_alloc.
class RateLimiter {
  public:
    // needs: max_keys >= 1 (0 is taken as 1); capacity, refill as for TokenBucket.
    RateLimiter(double capacity, double refill_per_second, std::size_t max_keys);

    // Takes one token from `key`'s bucket (any bytes, the empty key included).
    //   guarantees: true when the bucket had a token; the key becomes the most recently
    //               used; size() <= max_keys afterwards.
    bool allow(std::string_view key, Instant now);

    // Number of keys currently held (<= max_keys).
    std::size_t size() const { return buckets_.size(); }
    // Whether `key` currently has a bucket (it was used and not evicted).
    bool holds(std::string_view key) const;

  private:
    struct Entry {
        std::string key;
        TokenBucket bucket;
    };
    double capacity_;
    double refill_per_second_;
    std::size_t max_keys_;
    std::list<Entry> recency_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> buckets_;
};

}  // namespace cherha::core
