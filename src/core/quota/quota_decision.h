// May this identity make one more registration on this channel for this visit date?
// (PRODUCT.md rule 2: "За вказаними даними перевищено ліміт записів".)
//
// A registration counts in the calendar month (natural persons) or on the day (legal
// entities) of its visit, not of the moment it was made, and it keeps counting after it is
// cancelled: every registration passed in counts, whatever its state. Online and terminal
// registrations have separate quotas.
//
// Problem codes (the refusal of a QuotaDecision), each with params
//   {limit, count, frees_on}: limit = the policy's limit, count = registrations already
//   counted in the period (not including the refused one), frees_on = ISO date of the first
//   day on which a visit no longer falls into the full period:
//     quota.person_online_month    natural person, online, per calendar month
//     quota.person_terminal_month  natural person, terminal, per calendar month
//     quota.entity_online_day      legal entity, online, per day
//     quota.entity_terminal_day    legal entity, terminal, per day
// Input problem (the Result's):
//     quota.visit_date_invalid {visit_date}   visit date not a real day of years 1..9999
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/booking/booking_state.h"
#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/quota/quota_policy.h"

namespace cherha::core {

// The period a quota counts in.
enum class QuotaPeriod { Day, Month };

// Which limit applied.
enum class QuotaRule { PersonOnlineMonth, PersonTerminalMonth, EntityOnlineDay, EntityTerminalDay };

// The Problem code of a rule, e.g. "quota.person_online_month". Pure, thread-safe.
std::string_view quota_rule_code(QuotaRule rule);

// One existing registration of the identity, as far as quotas care. `state` is carried for
// the caller's convenience and audit; it does not change the count (cancelled ones count).
struct QuotaRegistration {
    Date visit_date;
    BookingChannel channel;
    BookingState state = BookingState::Booked;
};

// The verdict and everything a refusal message needs.
struct QuotaDecision {
    bool allowed = false;
    QuotaRule rule = QuotaRule::PersonOnlineMonth;
    QuotaPeriod period = QuotaPeriod::Month;
    int limit = 0;      // the policy's limit (negative configured limits reported as 0)
    int count = 0;      // registrations already counted in the period, before this one
    Date period_start;  // the visit's day, or the first day of the visit's month
    Date frees_on;      // the day after the period: next day, or 1st of the next month
    std::optional<Problem> refusal;  // set iff !allowed: quota.* {limit, count, frees_on}
};

// Decide one new registration. `kind`: NaturalPerson uses the monthly person quotas,
// LegalEntityRepresentative the daily legal-entity quotas (an out-of-range value is treated
// as a natural person).
// Needs: the identity's existing registrations (any order, any channel, any date; those of
// other channels or periods are ignored). Dates in `existing` need not be valid: only
// equality of year/month (or of the whole date) is used.
// Guarantees: allowed iff count < limit; quota.visit_date_invalid when `visit_date` is not a
// valid date of years 1..9999. Pure, thread-safe, never throws.
Result<QuotaDecision> decide_quota(const QuotaPolicy& policy, RegistrantKind kind,
                                   BookingChannel channel, Date visit_date,
                                   std::span<const QuotaRegistration> existing);

}  // namespace cherha::core
