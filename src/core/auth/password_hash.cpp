#include "core/auth/password_hash.h"

#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cherha::core {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";

using Salt = std::array<unsigned char, kPasswordSaltBytes>;
using Key = std::array<unsigned char, kPasswordHashBytes>;

std::string encode_base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
    return out;
}

// Decodes canonical standard base64 of exactly `expected` bytes; nullopt otherwise.
// EVP_DecodeBlock tolerates white space and non-zero padding bits, so the result is
// encoded again and must reproduce the input exactly.
std::optional<std::vector<unsigned char>> decode_base64_exact(std::string_view text,
                                                              std::size_t expected) {
    if (text.size() != 4 * ((expected + 2) / 3)) return std::nullopt;
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0 || static_cast<std::size_t>(n) != out.size()) return std::nullopt;
    out.resize(expected);  // drops the zero bytes the padding stands for
    if (encode_base64(out.data(), out.size()) != text) return std::nullopt;
    return out;
}

bool derive(std::string_view password, const unsigned char* salt, int iterations, Key& key) {
    return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt,
                             static_cast<int>(kPasswordSaltBytes), iterations, EVP_sha256(),
                             static_cast<int>(key.size()), key.data()) == 1;
}

struct ParsedHash {
    int iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};

// The canonical decimal count 1..kMaximumPasswordIterations; nullopt otherwise (sign,
// leading zero, white space, too many digits are all refused before any conversion).
std::optional<int> parse_iterations(std::string_view text) {
    if (text.empty() || text.size() > 8 || text.front() == '0') return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    if (value < 1 || value > kMaximumPasswordIterations) return std::nullopt;
    return value;
}

std::optional<ParsedHash> parse_encoded(std::string_view encoded) {
    if (encoded.size() > 200) return std::nullopt;
    std::array<std::string_view, 4> parts;
    std::size_t count = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t dollar = encoded.find('$', start);
        if (count == parts.size()) return std::nullopt;  // a fifth part
        parts[count++] = encoded.substr(
            start, dollar == std::string_view::npos ? std::string_view::npos : dollar - start);
        if (dollar == std::string_view::npos) break;
        start = dollar + 1;
    }
    if (count != parts.size() || parts[0] != kScheme) return std::nullopt;
    ParsedHash parsed;
    const auto iterations = parse_iterations(parts[1]);
    if (!iterations) return std::nullopt;
    parsed.iterations = *iterations;
    auto salt = decode_base64_exact(parts[2], kPasswordSaltBytes);
    auto hash = decode_base64_exact(parts[3], kPasswordHashBytes);
    if (!salt || !hash) return std::nullopt;
    parsed.salt = std::move(*salt);
    parsed.hash = std::move(*hash);
    return parsed;
}

Result<std::string> hash_with(std::string_view password, int iterations, int minimum) {
    if (password.empty()) return Problem("password.empty");
    if (password.size() > kMaximumPasswordBytes)
        return Problem("password.too_long", {{"max", std::to_string(kMaximumPasswordBytes)}});
    if (password.find('\0') != std::string_view::npos) return Problem("password.nul_byte");
    if (iterations < minimum)
        return Problem("password.iterations_too_low",
                       {{"min", std::to_string(minimum)}, {"found", std::to_string(iterations)}});
    if (iterations > kMaximumPasswordIterations)
        return Problem("password.iterations_too_high",
                       {{"max", std::to_string(kMaximumPasswordIterations)},
                        {"found", std::to_string(iterations)}});
    Salt salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        return Problem("password.random_failed");
    Key key{};
    if (!derive(password, salt.data(), iterations, key)) return Problem("password.hash_failed");
    std::string out(kScheme);
    out += '$';
    out += std::to_string(iterations);
    out += '$';
    out += encode_base64(salt.data(), salt.size());
    out += '$';
    out += encode_base64(key.data(), key.size());
    OPENSSL_cleanse(key.data(), key.size());
    return out;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, int iterations) {
    return hash_with(password, iterations, kMinimumPasswordIterations);
}

Result<std::string> hash_password(std::string_view password, PasswordHashCost cost) {
    return hash_with(password, cost.iterations(), 1);
}

bool verify_password(std::string_view password, std::string_view encoded) {
    if (password.empty() || password.size() > kMaximumPasswordBytes ||
        password.find('\0') != std::string_view::npos)
        return false;
    const auto parsed = parse_encoded(encoded);
    if (!parsed) return false;
    Key key{};
    if (!derive(password, parsed->salt.data(), parsed->iterations, key)) return false;
    const bool same = CRYPTO_memcmp(key.data(), parsed->hash.data(), key.size()) == 0;
    OPENSSL_cleanse(key.data(), key.size());
    return same;
}

bool password_needs_rehash(std::string_view encoded) {
    const auto parsed = parse_encoded(encoded);
    return !parsed || parsed->iterations < kDefaultPasswordIterations;
}

}  // namespace cherha::core
