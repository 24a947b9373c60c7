#include "core/abuse/proof_of_work.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <charconv>
#include <limits>
#include <system_error>

#include <date/date.h>

namespace cherha::core {
namespace {

constexpr std::string_view kVersion = "1";
constexpr std::size_t kMacHexLength = 64;
constexpr char kHexDigits[] = "0123456789abcdef";

std::string to_hex(const unsigned char* data, std::size_t n) {
    std::string out;
    out.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHexDigits[data[i] >> 4]);
        out.push_back(kHexDigits[data[i] & 0x0f]);
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not canonical
}

bool all_decimal(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Canonical signed decimal: what std::to_chars writes for some int64.
std::optional<std::int64_t> parse_canonical_int(std::string_view s) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    if (std::to_string(value) != s) return std::nullopt;
    return value;
}

std::string mac_hex(std::string_view secret, std::string_view signed_part) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac,
             &mac_len) == nullptr)
        return {};
    return to_hex(mac, mac_len);
}

// "YYYY-MM-DDTHH:MM:SSZ"; plain Unix seconds outside years ~1000..4000, where the
// calendar arithmetic could overflow (only a server with a broken clock issues those).
std::string format_utc(Instant t) {
    const std::int64_t s = t.time_since_epoch().count();
    if (s < -30'000'000'000 || s > 64'000'000'000) return std::to_string(s);
    return date::format("%Y-%m-%dT%H:%M:%SZ", t);
}

Problem secret_too_short() {
    return Problem("pow.secret_too_short").with("minimum", std::to_string(kPowMinSecretBytes));
}

// Splits "1.<id>.<issued>.<difficulty>.<mac>"; the signed part is everything before the
// last dot.
struct Pieces {
    PowChallenge challenge;
    std::string_view signed_part;
    std::string_view mac;
};

std::optional<Pieces> split(std::string_view text) {
    if (text.size() > kPowMaxChallengeLength) return std::nullopt;
    std::string_view fields[5];
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const std::size_t dot = text.find('.', start);
        if (i < 4) {
            if (dot == std::string_view::npos) return std::nullopt;
            fields[i] = text.substr(start, dot - start);
            start = dot + 1;
        } else {
            if (dot != std::string_view::npos) return std::nullopt;
            fields[i] = text.substr(start);
        }
    }
    if (fields[0] != kVersion) return std::nullopt;

    Pieces out;
    if (fields[1].size() != 2 * kPowIdBytes) return std::nullopt;
    for (std::size_t i = 0; i < kPowIdBytes; ++i) {
        const int hi = hex_value(fields[1][2 * i]);
        const int lo = hex_value(fields[1][2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.challenge.id[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    out.challenge.id_hex = std::string(fields[1]);

    const auto issued = parse_canonical_int(fields[2]);
    if (!issued) return std::nullopt;
    out.challenge.issued_at = Instant(std::chrono::seconds(*issued));

    if (fields[3].size() > 2) return std::nullopt;
    const auto difficulty = parse_canonical_int(fields[3]);
    if (!difficulty || *difficulty < 0 || *difficulty > kPowMaxDifficulty) return std::nullopt;
    out.challenge.difficulty = static_cast<int>(*difficulty);

    if (fields[4].size() != kMacHexLength) return std::nullopt;
    for (char c : fields[4])
        if (hex_value(c) < 0) return std::nullopt;
    out.mac = fields[4];
    out.signed_part = text.substr(0, text.size() - kMacHexLength - 1);
    return out;
}

bool nonce_well_formed(std::string_view nonce) {
    return !nonce.empty() && nonce.size() <= kPowMaxNonceLength && all_decimal(nonce);
}

// |a - b| for a >= b, exact for every pair of int64 values.
std::uint64_t distance(std::int64_t larger, std::int64_t smaller) {
    return static_cast<std::uint64_t>(larger) - static_cast<std::uint64_t>(smaller);
}

}  // namespace

int pow_leading_zero_bits(std::string_view challenge_text, std::string_view nonce) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
              EVP_DigestUpdate(ctx, challenge_text.data(), challenge_text.size()) == 1 &&
              EVP_DigestUpdate(ctx, ":", 1) == 1 &&
              EVP_DigestUpdate(ctx, nonce.data(), nonce.size()) == 1 &&
              EVP_DigestFinal_ex(ctx, digest, nullptr) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) return 0;  // fail closed: no work credited
    int bits = 0;
    for (unsigned char byte : digest) {
        if (byte == 0) {
            bits += 8;
            continue;
        }
        for (int mask = 0x80; (byte & mask) == 0; mask >>= 1) ++bits;
        break;
    }
    return bits;
}

Result<std::string> issue_challenge(std::string_view secret, Instant now, int difficulty) {
    if (secret.size() < kPowMinSecretBytes) return secret_too_short();
    if (difficulty < 0 || difficulty > kPowMaxDifficulty)
        return Problem("pow.difficulty_invalid")
            .with("difficulty", std::to_string(difficulty))
            .with("maximum", std::to_string(kPowMaxDifficulty));
    unsigned char id[kPowIdBytes];
    if (RAND_bytes(id, static_cast<int>(kPowIdBytes)) != 1) return Problem("pow.random_failed");
    std::string text(kVersion);
    text += '.';
    text += to_hex(id, kPowIdBytes);
    text += '.';
    text += std::to_string(now.time_since_epoch().count());
    text += '.';
    text += std::to_string(difficulty);
    const std::string mac = mac_hex(secret, text);
    if (mac.size() != kMacHexLength) return Problem("pow.random_failed");
    text += '.';
    text += mac;
    return text;
}

Result<PowChallenge> parse_challenge(std::string_view challenge_text) {
    auto pieces = split(challenge_text);
    if (!pieces) return Problem("pow.malformed");
    return std::move(pieces->challenge);
}

std::optional<Problem> check_solution(std::string_view secret, std::string_view challenge_text,
                                      std::string_view nonce, Instant now,
                                      std::chrono::seconds max_age) {
    if (secret.size() < kPowMinSecretBytes) return secret_too_short();
    const auto pieces = split(challenge_text);
    if (!pieces) return Problem("pow.malformed");

    const std::string expected = mac_hex(secret, pieces->signed_part);
    if (expected.size() != kMacHexLength ||
        CRYPTO_memcmp(expected.data(), pieces->mac.data(), kMacHexLength) != 0)
        return Problem("pow.bad_signature");

    const Instant issued_at = pieces->challenge.issued_at;
    const std::int64_t issued = issued_at.time_since_epoch().count();
    const std::int64_t current = now.time_since_epoch().count();
    if (issued > current &&
        distance(issued, current) > static_cast<std::uint64_t>(kPowFutureSkew.count()))
        return Problem("pow.future");
    const bool expired = max_age.count() < 0 ||
                         (current > issued &&
                          distance(current, issued) > static_cast<std::uint64_t>(max_age.count()));
    if (expired) return Problem("pow.expired").with("issued_at", format_utc(issued_at));

    if (!nonce_well_formed(nonce)) return Problem("pow.nonce_invalid");
    const int difficulty = pieces->challenge.difficulty;
    if (pow_leading_zero_bits(challenge_text, nonce) < difficulty)
        return Problem("pow.insufficient").with("difficulty", std::to_string(difficulty));
    return std::nullopt;
}

std::optional<std::string> solve_challenge(std::string_view challenge_text,
                                           std::uint64_t max_tries) {
    const auto pieces = split(challenge_text);
    if (!pieces) return std::nullopt;
    const int difficulty = pieces->challenge.difficulty;
    for (std::uint64_t n = 0; n < max_tries; ++n) {
        std::string nonce = std::to_string(n);
        if (pow_leading_zero_bits(challenge_text, nonce) >= difficulty) return nonce;
    }
    return std::nullopt;
}

}  // namespace cherha::core
