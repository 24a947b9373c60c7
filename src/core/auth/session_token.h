// Staff login sessions: the bearer token handed to a desk after login, the digest the
// store keeps instead of the token, and when a session ends.
//
// Token: 32 random bytes (256 bits) from OpenSSL's CSPRNG, written as base64url
// without padding (RFC 4648 section 5): exactly 43 characters of A-Z a-z 0-9 - _.
// The store keeps only session_token_digest(token) (lower-case hex SHA-256), so a
// copy of the database does not yield tokens that can be replayed. SHA-256 without a
// salt is enough here: the token has 256 bits of entropy, nothing to brute-force.
//
// Expiry: a session ends after `idle_limit` without a request (default 30 minutes)
// and in any case `absolute_limit` after login (default 12 hours, one working day).
//
// Problems (code {params}):
//   session.random_failed   the system could not provide random bytes for a token
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// Random bytes in a session token and the length of its text form.
inline constexpr std::size_t kSessionTokenBytes = 32;
inline constexpr std::size_t kSessionTokenLength = 43;

// How long a session may live.
struct SessionPolicy {
    // Ends a session this long after its last request.
    std::chrono::seconds idle_limit = std::chrono::minutes(30);
    // Ends a session this long after login, however busy.
    std::chrono::seconds absolute_limit = std::chrono::hours(12);
};

// A fresh session token.
//   guarantees: kSessionTokenLength characters of the base64url alphabet encoding
//               kSessionTokenBytes bytes from RAND_bytes (is_session_token_well_formed
//               holds); session.random_failed when the CSPRNG fails (nothing weaker is
//               ever substituted).
//   thread-safe.
Result<std::string> new_session_token();

// True when `token` has the exact shape new_session_token produces (length, alphabet,
// canonical final character). Lets a face reject junk before touching the store.
// Pure, thread-safe, never throws.
bool is_session_token_well_formed(std::string_view token);

// What the store keeps for `token`: SHA-256 of its bytes as 64 lower-case hex digits.
// Any input (empty, NUL bytes, any length) has a digest; the same token always gives
// the same digest. Pure, thread-safe, never throws.
std::string session_token_digest(std::string_view token);

// True when a session created at `created` and last used at `last_seen` must no longer
// be accepted at `now`:
//   now - last_seen >= policy.idle_limit, or now - created >= policy.absolute_limit
// (so a session is still live one second before either limit and dead exactly at it).
// Fails closed: inconsistent times (last_seen before created, now before last_seen)
// and a non-positive limit also count as expired. Exact for every Instant (no
// overflow). Pure, thread-safe, never throws.
bool session_expired(Instant created, Instant last_seen, Instant now, SessionPolicy policy = {});

}  // namespace cherha::core
