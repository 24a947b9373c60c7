#include "core/auth/session_token.h"

#include <array>
#include <cstdint>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cherha::core {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int base64url_value(char c) {
    const auto at = kBase64Url.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Unsigned distance from `from` to `to`, requires from <= to; exact over the whole range.
std::uint64_t seconds_between(Instant from, Instant to) {
    return static_cast<std::uint64_t>(to.time_since_epoch().count()) -
           static_cast<std::uint64_t>(from.time_since_epoch().count());
}

}  // namespace

Result<std::string> new_session_token() {
    std::array<unsigned char, kSessionTokenBytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        return Problem("session.random_failed");
    std::string text;
    text.reserve(kSessionTokenLength);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            text += kBase64Url[(buffer >> bits) & 0x3Fu];
        }
    }
    if (bits > 0) text += kBase64Url[(buffer << (6 - bits)) & 0x3Fu];
    return text;
}

bool is_session_token_well_formed(std::string_view token) {
    if (token.size() != kSessionTokenLength) return false;
    for (char c : token)
        if (base64url_value(c) < 0) return false;
    // 32 bytes = 256 bits; the 43rd character carries 4 bits and two zero bits.
    return (base64url_value(token.back()) & 0x3) == 0;
}

std::string session_token_digest(std::string_view token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(token.data(), token.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
        size = 0;  // cannot happen with the default provider; an empty digest matches nothing
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

bool session_expired(Instant created, Instant last_seen, Instant now, SessionPolicy policy) {
    if (policy.idle_limit.count() <= 0 || policy.absolute_limit.count() <= 0) return true;
    if (last_seen < created || now < last_seen) return true;
    const auto idle = static_cast<std::uint64_t>(policy.idle_limit.count());
    const auto absolute = static_cast<std::uint64_t>(policy.absolute_limit.count());
    return seconds_between(last_seen, now) >= idle || seconds_between(created, now) >= absolute;
}

}  // namespace cherha::core
