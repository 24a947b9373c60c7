// The limits of PRODUCT.md rules 2-4 as data: each center may change them; the defaults are
// those of the e-registration system.
#pragma once

#include <optional>

#include "core/common/problem.h"
#include "core/verification/registration.h"

namespace cherha::core {

// Who a quota counts for: every key of quota_identity_keys() (core/quota/identity_key.h) — a
// natural person's RNOKPP and document, a representative's legal entity (EDRPOU). A new
// registration is counted under each of its keys and refused when any key is over a limit, so
// declaring "no RNOKPP" does not open a second quota. Selecting the registrations that carry a
// key is the caller's (the store's) business.

// Registrations per identity and channel (PRODUCT.md rule 2). A limit of 0 closes the
// channel to that kind of registrant; a negative limit is treated as 0.
struct QuotaPolicy {
    int person_online_per_month = 4;
    int person_terminal_per_month = 4;
    int entity_online_per_day = 4;
    int entity_terminal_per_day = 6;
};

// Largest limit a center may configure (a sanity bound for the configuration checks).
inline constexpr int kMaxQuotaLimit = 10000;

// Checks a center's configured policy.
// Guarantees: nullopt when every limit is in 0..kMaxQuotaLimit; otherwise
// quota.policy_limit_invalid {field, value, max} for the first bad one, where field is
// "person_online_per_month", "person_terminal_per_month", "entity_online_per_day" or
// "entity_terminal_per_day". Pure, thread-safe.
std::optional<Problem> check_quota_policy(const QuotaPolicy& policy);

}  // namespace cherha::core
