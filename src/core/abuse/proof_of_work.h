// Proof-of-work challenges for the public booking API (PRODUCT.md, rule 5: "signed,
// single-use, expiring"). The server issues a challenge; the browser searches for a
// nonce; the server checks the answer before it accepts a booking request.
//
// Challenge text (URL-safe: digits, lower-case hex and dots only, at most 160 chars):
//   "1.<id>.<issued_at>.<difficulty>.<mac>"
//     1           format version
//     id          16 random bytes (RAND_bytes) as 32 lower-case hex digits
//     issued_at   Unix seconds (UTC), canonical decimal (optional '-', no leading zeros)
//     difficulty  0..32, canonical decimal: leading zero bits the answer's hash needs
//     mac         HMAC-SHA256(secret, everything before the last '.') as 64 lower-case
//                 hex digits
// Answer: a nonce of 1..32 ASCII decimal digits such that
//   SHA-256(challenge_text + ":" + nonce)
// starts with `difficulty` zero bits (most significant bit of the first byte first).
//
// Single use is the CALLER's job: after check_solution accepts, the caller records
// parse_challenge(text)->id in a store of spent ids and refuses a challenge whose id is
// already there; an id may be forgotten once issued_at + max_age + kPowFutureSkew has
// passed, because check_solution refuses the challenge as expired from then on.
//
// Problems (code {params}):
//   pow.malformed            the challenge text does not have the shape above
//   pow.bad_signature        the mac does not match (tampered text or another secret)
//   pow.expired {issued_at}  issued more than max_age before now; issued_at as
//                            "YYYY-MM-DDTHH:MM:SSZ" (UTC; Unix seconds for years
//                            outside ~1000..4000)
//   pow.future               issued more than kPowFutureSkew after now
//   pow.insufficient {difficulty}  the nonce's hash has fewer than `difficulty`
//                            leading zero bits; difficulty in decimal
//   pow.nonce_invalid        the nonce is empty, longer than 32 chars or not all 0-9
//   pow.secret_too_short {minimum}  the server secret has fewer than `minimum` bytes
//   pow.difficulty_invalid {difficulty, maximum}  issue_challenge got difficulty > 32
//   pow.random_failed        the system could not provide random bytes for an id
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

inline constexpr int kPowDefaultDifficulty = 18;
inline constexpr int kPowMaxDifficulty = 32;
inline constexpr std::size_t kPowIdBytes = 16;
inline constexpr std::size_t kPowMinSecretBytes = 16;
inline constexpr std::size_t kPowMaxNonceLength = 32;
// Longest text issue_challenge can produce; longer texts are malformed at once.
inline constexpr std::size_t kPowMaxChallengeLength = 160;
// How far in the future issued_at may lie (clock drift between server instances).
inline constexpr std::chrono::seconds kPowFutureSkew{30};
inline constexpr std::chrono::seconds kPowDefaultMaxAge = std::chrono::minutes(5);

// The fields of a challenge text (not a proof that the server issued it).
struct PowChallenge {
    std::array<std::uint8_t, kPowIdBytes> id{};
    std::string id_hex;  // the id as it appears in the text (32 lower-case hex digits)
    Instant issued_at{};
    int difficulty = 0;
};

// A fresh challenge text.
//   needs:      secret of at least kPowMinSecretBytes bytes (any bytes);
//               0 <= difficulty <= kPowMaxDifficulty.
//   guarantees: a text in the format above signed with `secret`, issued at `now`, with
//               a fresh random id; otherwise pow.secret_too_short, pow.difficulty_invalid
//               or pow.random_failed (nothing weaker than RAND_bytes is substituted).
//   thread-safe, never throws.
Result<std::string> issue_challenge(std::string_view secret, Instant now,
                                    int difficulty = kPowDefaultDifficulty);

// The fields of `challenge_text` when it has exactly the shape issue_challenge produces,
// else pow.malformed. Does NOT check the signature: use it after check_solution
// accepted, to record the id as spent. Pure, thread-safe, never throws, any input.
Result<PowChallenge> parse_challenge(std::string_view challenge_text);

// Whether `nonce` answers `challenge_text`, issued by a holder of `secret`, at `now`.
//   guarantees: nullopt when the text is well formed, its mac matches (constant-time
//               compare), now - max_age <= issued_at <= now + kPowFutureSkew (so a
//               challenge exactly max_age old is still accepted, one second later not),
//               the nonce is well formed and its hash has enough leading zero bits.
//               Otherwise the first problem in this order: pow.secret_too_short,
//               pow.malformed, pow.bad_signature, pow.future, pow.expired,
//               pow.nonce_invalid, pow.insufficient. A negative max_age refuses every
//               challenge as expired. Exact for every Instant (no overflow).
//   Does not remember anything: single use is the caller's job (see above).
//   Pure, thread-safe, never throws, any input.
std::optional<Problem> check_solution(std::string_view secret, std::string_view challenge_text,
                                      std::string_view nonce, Instant now,
                                      std::chrono::seconds max_age = kPowDefaultMaxAge);

// Searches nonces "0", "1", "2", ... (at most max_tries of them) for one that answers
// `challenge_text`, as the browser does in JavaScript. For tests and the benchmark.
//   guarantees: a nonce with enough leading zero bits for the difficulty in the text,
//               or nullopt when the text is malformed or no nonce was found in time.
//   Pure, thread-safe, never throws.
std::optional<std::string> solve_challenge(std::string_view challenge_text,
                                           std::uint64_t max_tries);

// Number of leading zero bits of SHA-256(challenge_text + ":" + nonce), 0..256.
// Pure, thread-safe, never throws.
int pow_leading_zero_bits(std::string_view challenge_text, std::string_view nonce);

}  // namespace cherha::core
