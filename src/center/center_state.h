// Internal to src/center: what a ServiceCenter keeps between calls, and small shared steps of
// its operations. Not for the faces.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <date/tz.h>

#include "center/service_center.h"
#include "core/abuse/token_bucket.h"
#include "core/token/signing_key.h"

namespace cherha::center {

struct ServiceCenter::State {
    State(const CenterOptions& options)
        : by_address(options.address_rate_capacity, options.address_rate_per_second,
                     options.rate_limiter_keys),
          by_identity(options.identity_rate_capacity, options.identity_rate_per_second,
                      options.rate_limiter_keys) {}

    CenterSettings settings;
    const date::time_zone* zone = nullptr;
    core::KeyRing keys;
    std::vector<store::SigningKeyRecord> key_records;  // public parts only
    std::string pow_secret;
    std::atomic<bool> alert{false};
    std::mutex alert_switch;  // held across a whole set_alert()

    std::mutex mutex;  // guards the limiters and the listener
    core::RateLimiter by_address;
    core::RateLimiter by_identity;
    Listener listener;
    // Failed look-ups per booking code (code -> failures, first failure): after
    // kMaxLookupFailures within a day every attempt on that code is refused, so an identity
    // cannot be guessed for a known code. Bounded: cleared when it grows past 100,000 codes.
    std::map<std::string, std::pair<int, Instant>> lookup_failures;
};

inline constexpr int kMaxLookupFailures = 10;

namespace detail {

// Opens a session or returns its problem from the enclosing function.
#define CHERHA_SESSION(var, expr)                     \
    auto var##_opened = (expr);                       \
    if (!var##_opened) return var##_opened.problem(); \
    store::StoreSession& var = *var##_opened.value()

// The local minute of the day of a slot start.
int minute_of_day(const core::Slot& slot);
// "HH:MM" of a minute of the day.
std::string format_minute(int minute);
// The audit event's details as compact JSON of string pairs (no personal data!).
std::string details_json(const std::vector<std::pair<std::string, std::string>>& pairs);
// Whether `identity` (RNOKPP, EDRPOU or a document number) names one of `keys`.
bool identity_matches(const std::vector<std::string>& keys, std::string_view identity);
// Every quota key `identity` could stand for (RNOKPP, EDRPOU, document of any type).
std::vector<std::string> keys_for_identity(std::string_view identity);

}  // namespace detail
}  // namespace cherha::center
