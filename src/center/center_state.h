// Internal to src/center: what a ServiceCenter keeps between calls, and small shared steps of
// its operations. Not for the faces.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "center/group_commit.h"
#include "center/service_center.h"
#include "center/slot_cache.h"
#include "core/abuse/token_bucket.h"
#include "core/token/signing_key.h"

namespace cherha::center {

// What the center's database configures: the settings and the signing keys. Replaced as a whole
// by ServiceCenter::reload(), never changed in place; an operation takes one snapshot
// (State::config()) at its start and uses it to the end, so it never sees half of a change.
struct CenterConfig {
    CenterSettings settings;
    const date::time_zone* zone = nullptr;  // the tz database's, lives for the whole program
    core::KeyRing keys;
    std::vector<store::SigningKeyRecord> key_records;  // public parts only
    // The settings' JSON and every key's id and state: equal fingerprints, equal configs.
    std::string fingerprint;
    // The slots of this schedule's services and days, computed on first use.
    SlotCache slots;
};

// Reads the settings and the signing keys. center.not_initialised when either is missing.
core::Result<std::shared_ptr<const CenterConfig>> load_center_config(store::StoreSession& session);

struct ServiceCenter::State {
    State(const CenterOptions& options)
        : by_address(options.address_rate_capacity, options.address_rate_per_second,
                     options.rate_limiter_keys),
          by_identity(options.identity_rate_capacity, options.identity_rate_per_second,
                      options.rate_limiter_keys) {}

    std::shared_ptr<const CenterConfig> config() const {
        std::lock_guard lock(config_mutex);
        return config_;
    }
    void replace_config(std::shared_ptr<const CenterConfig> config) {
        std::lock_guard lock(config_mutex);
        config_ = std::move(config);
    }

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
    // The bookings' group commit and the anti-abuse counts waiting for it (group_commit.h).
    // Set by ServiceCenter::open; destroyed with the center, writing the counts still pending.
    std::unique_ptr<GroupCommit> batches;
    // When the oldest abuse count still pending was counted (guarded by `mutex`): a count
    // 5 s or more after it writes them all (ServiceCenter::count_abuse).
    std::optional<Instant> abuse_pending_since;

  private:
    mutable std::mutex config_mutex;
    std::shared_ptr<const CenterConfig> config_;
};

inline constexpr int kMaxLookupFailures = 10;

namespace detail {

// Opens a session or returns its problem from the enclosing function.
#define CHERHA_SESSION(var, expr)                     \
    auto var##_opened = (expr);                       \
    if (!var##_opened) return var##_opened.problem(); \
    store::StoreSession& var = *var##_opened.value()

// Whether the slots of `day` are worth keeping in the snapshot's SlotCache: from yesterday to
// the last day online booking reaches, and a day beyond.
bool slots_worth_caching(const CenterSettings& settings, Date today, Date day);
// "HH:MM" of a minute of the day.
std::string format_minute(int minute);
// The audit event's details as compact JSON of string pairs (no personal data!).
std::string details_json(const std::vector<std::pair<std::string, std::string>>& pairs);
// Whether `identity` (RNOKPP, EDRPOU or a document number) names one of `keys`.
bool identity_matches(const std::vector<std::string>& keys, std::string_view identity);
// Every quota key `identity` could stand for (RNOKPP, EDRPOU, document of any type).
std::vector<std::string> keys_for_identity(std::string_view identity);
// The retake pause (PRODUCT.md rule 4), decided by core::decide_retake over the failed
// attempts in `history` at `service` (the service taken: after a transfer not the booked one),
// leaving out the booking `skip_booking` itself. nullopt: allowed.
std::optional<core::Problem> retake_refusal(const std::vector<store::IdentityBooking>& history,
                                            const core::Service& service, Date day,
                                            std::int64_t skip_booking = 0);
// The next ticket of `day` for a visitor of `service` whose identity has `keys`, after the
// tickets already issued that day; a priority ticket at most once per person and service a day
// under ANY of the keys (ticket.priority_already_issued {number}). Needs a write session.
core::Result<core::Ticket> issue_ticket(store::StoreSession& session, std::uint32_t center,
                                        Date day, const std::string& service,
                                        const std::vector<std::string>& keys,
                                        const std::optional<core::PriorityCategory>& priority);

}  // namespace detail
}  // namespace cherha::center
