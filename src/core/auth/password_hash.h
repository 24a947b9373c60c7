// Password hashing for staff accounts: PBKDF2-HMAC-SHA256 with a random salt, stored
// in a self-describing text form so the cost can be raised later without a migration.
//
// Why PBKDF2 and not scrypt/Argon2: PBKDF2-HMAC-SHA256 is in OpenSSL 3's default
// provider (PKCS5_PBKDF2_HMAC), which the core already links, is FIPS-approved, and
// OWASP's Password Storage Cheat Sheet gives a concrete cost for it (600,000
// iterations). scrypt (EVP_PBE_scrypt) is memory-hard and therefore stronger against
// GPUs, but its memory cost (tens of MiB per login) makes a burst of staff logins at
// opening time heavy on the small center servers and is awkward under the sanitizers;
// Argon2id is not in OpenSSL 3.0. The scheme name in the encoded form lets a later
// release switch (password_needs_rehash then asks for a new hash at the next login).
//
// Encoded form (ASCII, no white space):
//   pbkdf2-sha256$<iterations>$<salt>$<hash>
//   iterations: decimal, no sign, no leading zero, 1..kMaximumPasswordIterations
//   salt:       16 random bytes, standard base64 with padding (24 characters)
//   hash:       32-byte PBKDF2-HMAC-SHA256 output, standard base64 with padding (44 chars)
// e.g. "pbkdf2-sha256$600000$q1Vb...A==$3xk...8=".
//
// Passwords are byte strings taken as given; callers that want "й" typed two ways to
// match normalise to NFC before calling. NUL bytes are refused: HMAC pads its key with
// zero bytes, so "pw" and "pw\0" would otherwise hash alike.
//
// Problems (code {params}):
//   password.empty                            the password has no bytes
//   password.too_long {max}                   the password is longer than max bytes (1024)
//   password.nul_byte                         the password contains a NUL byte
//   password.iterations_too_low {min, found}  fewer iterations than allowed: min is 100000
//                                             through hash_password(password, int), 1 through
//                                             PasswordHashCost::insecure_for_tests
//   password.iterations_too_high {max, found} more iterations than the cap (10000000)
//   password.random_failed                    the system could not provide random bytes
//   password.hash_failed                      OpenSSL could not compute the hash
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::core {

// OWASP (2023) cost for PBKDF2-HMAC-SHA256.
inline constexpr int kDefaultPasswordIterations = 600'000;
// The lowest cost production code may ask for.
inline constexpr int kMinimumPasswordIterations = 100'000;
// The highest cost ever hashed or verified: a stored or forged encoding with more is
// refused without running it (10^12 iterations would take days).
inline constexpr int kMaximumPasswordIterations = 10'000'000;
// The longest password accepted, in bytes.
inline constexpr std::size_t kMaximumPasswordBytes = 1024;
// Sizes of the random salt and of the derived key, in bytes.
inline constexpr std::size_t kPasswordSaltBytes = 16;
inline constexpr std::size_t kPasswordHashBytes = 32;

// The work factor of a new hash. Production code uses standard() (or the int overload
// of hash_password, which refuses counts below kMinimumPasswordIterations); a cheap
// cost exists only through the loudly named insecure_for_tests, so it cannot be
// chosen by accident (there is no constructor from int).
class PasswordHashCost {
  public:
    // kDefaultPasswordIterations.
    static constexpr PasswordHashCost standard() {
        return PasswordHashCost(kDefaultPasswordIterations);
    }
    // Any count (1..kMaximumPasswordIterations is hashable), for unit tests under slow
    // sanitizer builds. Never use in production code.
    static constexpr PasswordHashCost insecure_for_tests(int iterations) {
        return PasswordHashCost(iterations);
    }
    constexpr int iterations() const { return iterations_; }

  private:
    explicit constexpr PasswordHashCost(int iterations) : iterations_(iterations) {}
    int iterations_;
};

// Hashes `password` with a fresh random salt at `iterations`.
//   needs:      1..kMaximumPasswordBytes bytes of password, none of them NUL;
//               kMinimumPasswordIterations <= iterations <= kMaximumPasswordIterations
//   guarantees: the encoded form above, which verify_password accepts for this password;
//               two calls give different encodings (different salts). Otherwise one of
//               password.empty / too_long / nul_byte / iterations_too_low {min=100000} /
//               iterations_too_high / random_failed / hash_failed.
//   thread-safe; takes about 0.3 s at the default cost.
Result<std::string> hash_password(std::string_view password,
                                  int iterations = kDefaultPasswordIterations);

// As above at `cost`; iterations_too_low then has min=1 (any positive count is allowed,
// for tests). Thread-safe.
Result<std::string> hash_password(std::string_view password, PasswordHashCost cost);

// True only when `encoded` is a well-formed encoding (exactly the form above: scheme,
// canonical iteration count within 1..kMaximumPasswordIterations, canonical base64 of
// a 16-byte salt and a 32-byte hash) and `password` hashes to it. The comparison of the
// hashes is constant-time. Passwords that hash_password refuses (empty, too long, NUL) give
// false. Never throws; malformed or over-cost encodings give false without running
// PBKDF2. Thread-safe.
bool verify_password(std::string_view password, std::string_view encoded);

// True when `encoded` should be replaced by a fresh hash_password at the next
// successful login: it is malformed, of another scheme, or uses fewer iterations than
// kDefaultPasswordIterations. Pure, thread-safe, never throws.
bool password_needs_rehash(std::string_view encoded);

}  // namespace cherha::core
