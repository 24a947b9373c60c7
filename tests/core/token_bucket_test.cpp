#include "core/abuse/token_bucket.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace cherha::core {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = Instant(std::chrono::seconds(1'795'000'000));

TEST(TokenBucket, BurstUpToCapacityThenRefused) {
    TokenBucket bucket(5, 1);
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(bucket.try_take(kT0)) << i;
    EXPECT_FALSE(bucket.try_take(kT0));
    EXPECT_FALSE(bucket.try_take(kT0));
    EXPECT_DOUBLE_EQ(bucket.tokens(), 0.0);
}

TEST(TokenBucket, RefillAfterTime) {
    TokenBucket bucket(5, 1);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(bucket.try_take(kT0));
    EXPECT_TRUE(bucket.try_take(kT0 + 1s));
    EXPECT_FALSE(bucket.try_take(kT0 + 1s));
    EXPECT_TRUE(bucket.try_take(kT0 + 3s));
    EXPECT_TRUE(bucket.try_take(kT0 + 3s));
    EXPECT_FALSE(bucket.try_take(kT0 + 3s));
}

TEST(TokenBucket, RefillNeverExceedsCapacity) {
    TokenBucket bucket(3, 10);
    ASSERT_TRUE(bucket.try_take(kT0));
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(bucket.try_take(kT0 + 24h)) << i;
    EXPECT_FALSE(bucket.try_take(kT0 + 24h));
}

TEST(TokenBucket, FractionalRefill) {
    TokenBucket bucket(2, 0.5);  // one token every 2 seconds
    ASSERT_TRUE(bucket.try_take(kT0));
    ASSERT_TRUE(bucket.try_take(kT0));
    EXPECT_FALSE(bucket.try_take(kT0 + 1s));  // 0.5 token: not enough
    EXPECT_DOUBLE_EQ(bucket.tokens(), 0.5);
    EXPECT_TRUE(bucket.try_take(kT0 + 2s));  // the half is kept: 1.0
    EXPECT_FALSE(bucket.try_take(kT0 + 2s));
    // Fractional cost.
    TokenBucket half(1, 0);
    EXPECT_TRUE(half.try_take(kT0, 0.5));
    EXPECT_TRUE(half.try_take(kT0, 0.5));
    EXPECT_FALSE(half.try_take(kT0, 0.5));
}

TEST(TokenBucket, TimeGoingBackwardsRefillsNothing) {
    TokenBucket bucket(2, 1);
    ASSERT_TRUE(bucket.try_take(kT0 + 10s));
    ASSERT_TRUE(bucket.try_take(kT0 + 10s));
    EXPECT_FALSE(bucket.try_take(kT0));  // earlier: nothing refilled
    EXPECT_FALSE(bucket.try_take(kT0 - 24h));
    EXPECT_FALSE(bucket.try_take(kT0 + 10s));  // same instant: nothing
    // Going back did not move the bucket's clock: one second after the latest instant
    // gives exactly one token, not the time since the earlier ones.
    EXPECT_TRUE(bucket.try_take(kT0 + 11s));
    EXPECT_FALSE(bucket.try_take(kT0 + 11s));
}

TEST(TokenBucket, CostEdgeCases) {
    TokenBucket bucket(3, 1);
    EXPECT_FALSE(bucket.try_take(kT0, 4));   // above capacity
    EXPECT_TRUE(bucket.try_take(kT0, 3));    // exactly capacity
    EXPECT_FALSE(bucket.try_take(kT0, -5));  // never adds tokens
    EXPECT_DOUBLE_EQ(bucket.tokens(), 0.0);
    EXPECT_FALSE(bucket.try_take(kT0, 0));
    EXPECT_FALSE(bucket.try_take(kT0 + 1s, std::numeric_limits<double>::quiet_NaN()));
    EXPECT_FALSE(bucket.try_take(kT0 + 1s, std::numeric_limits<double>::infinity()));
    EXPECT_DOUBLE_EQ(bucket.tokens(), 1.0);  // the refill was kept
}

TEST(TokenBucket, MisconfiguredBucketRefuses) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    TokenBucket negative(-1, 1);
    EXPECT_FALSE(negative.try_take(kT0));
    EXPECT_FALSE(negative.try_take(kT0 + 1h));
    TokenBucket not_a_number(nan, nan);
    EXPECT_FALSE(not_a_number.try_take(kT0));
    TokenBucket infinite(inf, inf);
    EXPECT_FALSE(infinite.try_take(kT0));
    TokenBucket no_refill(1, -3);
    EXPECT_TRUE(no_refill.try_take(kT0));
    EXPECT_FALSE(no_refill.try_take(kT0 + 24h));
}

TEST(TokenBucket, ExtremeInstants) {
    using Lim = std::numeric_limits<std::int64_t>;
    TokenBucket bucket(1, 1);
    ASSERT_TRUE(bucket.try_take(Instant(std::chrono::seconds(Lim::min()))));
    EXPECT_TRUE(bucket.try_take(Instant(std::chrono::seconds(Lim::max()))));
    EXPECT_FALSE(bucket.try_take(Instant(std::chrono::seconds(Lim::max()))));
}

TEST(RateLimiter, KeysAreIndependent) {
    RateLimiter limiter(2, 1, 100);
    EXPECT_TRUE(limiter.allow("198.51.100.7", kT0));
    EXPECT_TRUE(limiter.allow("198.51.100.7", kT0));
    EXPECT_FALSE(limiter.allow("198.51.100.7", kT0));
    EXPECT_TRUE(limiter.allow("203.0.113.9", kT0));
    EXPECT_TRUE(limiter.allow("", kT0));
    EXPECT_TRUE(limiter.allow(std::string("a\0b", 3), kT0));
    EXPECT_TRUE(limiter.allow(std::string("a\0c", 3), kT0));
    EXPECT_TRUE(limiter.allow(std::string("a\0b", 3), kT0));
    EXPECT_FALSE(limiter.allow(std::string("a\0b", 3), kT0));
    EXPECT_TRUE(limiter.allow("198.51.100.7", kT0 + 1s));
    EXPECT_FALSE(limiter.allow("198.51.100.7", kT0 + 1s));
    EXPECT_EQ(limiter.size(), 5u);
}

TEST(RateLimiter, EvictsLeastRecentlyUsedBeyondBound) {
    RateLimiter limiter(1, 0, 3);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("b", kT0));
    EXPECT_TRUE(limiter.allow("c", kT0));
    EXPECT_EQ(limiter.size(), 3u);
    EXPECT_FALSE(limiter.allow("a", kT0));  // "a" now most recent; "b" least
    EXPECT_TRUE(limiter.allow("d", kT0));   // evicts "b"
    EXPECT_EQ(limiter.size(), 3u);
    EXPECT_FALSE(limiter.holds("b"));
    EXPECT_TRUE(limiter.holds("a"));
    EXPECT_TRUE(limiter.holds("c"));
    EXPECT_TRUE(limiter.holds("d"));
    EXPECT_FALSE(limiter.allow("a", kT0));  // kept its empty bucket
    EXPECT_FALSE(limiter.allow("c", kT0));
    EXPECT_TRUE(limiter.allow("b", kT0));  // came back with a full bucket, evicts "d"
    EXPECT_FALSE(limiter.holds("d"));
    EXPECT_EQ(limiter.size(), 3u);
}

TEST(RateLimiter, BoundHoldsUnderManyKeys) {
    RateLimiter limiter(1, 1, 50);
    for (int i = 0; i < 10'000; ++i) {
        EXPECT_TRUE(limiter.allow("client-" + std::to_string(i), kT0));
        ASSERT_LE(limiter.size(), 50u);
    }
    EXPECT_EQ(limiter.size(), 50u);
    EXPECT_TRUE(limiter.holds("client-9999"));
    EXPECT_TRUE(limiter.holds("client-9950"));
    EXPECT_FALSE(limiter.holds("client-9949"));
    EXPECT_TRUE(limiter.allow(std::string(1'000'000, 'x'), kT0));  // huge key: just a key
    EXPECT_EQ(limiter.size(), 50u);
}

TEST(RateLimiter, ZeroMaxKeysMeansOne) {
    RateLimiter limiter(1, 0, 0);
    EXPECT_TRUE(limiter.allow("a", kT0));
    EXPECT_EQ(limiter.size(), 1u);
    EXPECT_FALSE(limiter.allow("a", kT0));
    EXPECT_TRUE(limiter.allow("b", kT0));
    EXPECT_EQ(limiter.size(), 1u);
    EXPECT_FALSE(limiter.holds("a"));
}

}  // namespace
}  // namespace cherha::core
