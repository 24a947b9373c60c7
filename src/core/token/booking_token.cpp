#include "core/token/booking_token.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace cherha::core {

namespace {

constexpr std::uint8_t kFormatVersion = 1;
constexpr std::size_t kSignedBytes = 21;
constexpr std::size_t kSignatureBytes = 64;
constexpr std::size_t kTokenBytes = kSignedBytes + kSignatureBytes;  // 85
constexpr std::string_view kSignatureContext = "cherha-booking-token";
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int kMaxSlotMinute = 24 * 60 - 1;
constexpr int kMaxChannel = static_cast<int>(TokenChannel::Terminal);

const date::sys_days kDayZero = date::sys_days{date::year{2000} / date::January / 1};

std::string base32_encode(const std::vector<std::uint8_t>& bytes) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

// Strict base32 (either case, no padding): nullopt on a foreign character, an
// impossible length or non-zero leftover bits, so each byte string has one text.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
    const std::size_t rest = text.size() % 8;
    if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 5 / 8);
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        int v = -1;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a';
        else if (c >= '2' && c <= '7')
            v = c - '2' + 26;
        if (v < 0) return std::nullopt;
        buffer = ((buffer << 5) | static_cast<unsigned>(v)) & 0xFFFu;
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
            bits -= 8;
        }
    }
    if ((buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool prefix_matches(std::string_view text) {
    if (text.size() < kBookingTokenPrefix.size()) return false;
    for (std::size_t i = 0; i < kBookingTokenPrefix.size(); ++i) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != kBookingTokenPrefix[i]) return false;
    }
    return true;
}

std::uint64_t read_be(const std::vector<std::uint8_t>& b, std::size_t at, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[at + i];
    return v;
}

void write_be(std::vector<std::uint8_t>& b, std::uint64_t v, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::vector<std::uint8_t> signed_message(const std::uint8_t* fields) {
    // Sized up front and filled by index: GCC 12 at -O3 misreads insert() here as an
    // out-of-bounds access (-Warray-bounds).
    std::vector<std::uint8_t> msg(kSignatureContext.size() + kSignedBytes);
    std::copy(kSignatureContext.begin(), kSignatureContext.end(), msg.begin());
    std::copy(fields, fields + kSignedBytes,
              msg.begin() + static_cast<std::ptrdiff_t>(kSignatureContext.size()));
    return msg;
}

Problem malformed(std::string why) {
    return Problem("token.malformed", {{"why", std::move(why)}});
}

// The bytes of a token text, or the malformed/version Problem.
Result<std::vector<std::uint8_t>> token_bytes(std::string_view text) {
    text = trim(text);
    if (text.empty()) return malformed("empty");
    if (text.size() > kBookingTokenMaxLength) return malformed("too_long");
    if (!prefix_matches(text)) return malformed("prefix");
    auto bytes = base32_decode(text.substr(kBookingTokenPrefix.size()));
    if (!bytes) return malformed("base32");
    if (bytes->empty()) return malformed("length");
    if ((*bytes)[0] != kFormatVersion)
        return Problem("token.version", {{"version", std::to_string((*bytes)[0])}});
    if (bytes->size() != kTokenBytes) return malformed("length");
    return std::move(*bytes);
}

// The fields of a version-1 token; nullopt when one holds an impossible value.
std::optional<BookingToken> read_fields(const std::vector<std::uint8_t>& b) {
    BookingToken token;
    token.format_version = b[0];
    for (std::size_t i = 0; i < 4; ++i) token.key_id.bytes[i] = b[1 + i];
    token.claims.center_id = static_cast<std::uint32_t>(read_be(b, 5, 4));
    token.claims.booking_id = read_be(b, 9, 8);
    const auto days = static_cast<int>(read_be(b, 17, 2));
    token.claims.visit_day = Date{kDayZero + date::days{days}};
    const auto slot = static_cast<unsigned>(read_be(b, 19, 2));
    const int channel = static_cast<int>(slot >> 12);
    token.claims.slot_minute = static_cast<int>(slot & 0x0FFFu);
    if (channel > kMaxChannel || token.claims.slot_minute > kMaxSlotMinute) return std::nullopt;
    token.claims.channel = static_cast<TokenChannel>(channel);
    return token;
}

}  // namespace

Result<std::string> sign_booking_token(const BookingTokenClaims& claims, const SigningKey& key) {
    if (!claims.visit_day.ok()) return Problem("token.invalid_field", {{"field", "visit_day"}});
    const auto days = (date::sys_days{claims.visit_day} - kDayZero).count();
    if (days < 0 || days > 0xFFFF) return Problem("token.invalid_field", {{"field", "visit_day"}});
    if (claims.slot_minute < 0 || claims.slot_minute > kMaxSlotMinute)
        return Problem("token.invalid_field", {{"field", "slot_minute"}});
    const int channel = static_cast<int>(claims.channel);
    if (channel < 0 || channel > kMaxChannel)
        return Problem("token.invalid_field", {{"field", "channel"}});

    std::vector<std::uint8_t> bytes;
    bytes.reserve(kTokenBytes);
    bytes.push_back(kFormatVersion);
    const KeyId id = key.key_id();
    bytes.insert(bytes.end(), id.bytes.begin(), id.bytes.end());
    write_be(bytes, claims.center_id, 4);
    write_be(bytes, claims.booking_id, 8);
    write_be(bytes, static_cast<std::uint64_t>(days), 2);
    write_be(bytes,
             (static_cast<unsigned>(channel) << 12) | static_cast<unsigned>(claims.slot_minute), 2);
    auto signature = key.sign(signed_message(bytes.data()));
    if (!signature) return signature.problem();
    bytes.insert(bytes.end(), signature->begin(), signature->end());
    return std::string(kBookingTokenPrefix) + base32_encode(bytes);
}

Result<BookingToken> inspect_booking_token(std::string_view text) {
    auto bytes = token_bytes(text);
    if (!bytes) return bytes.problem();
    auto token = read_fields(*bytes);
    if (!token) return malformed("field");
    return *token;
}

Result<BookingToken> verify_booking_token(std::string_view text, const KeyRing& ring,
                                          const TokenExpectation& expected) {
    auto bytes = token_bytes(text);
    if (!bytes) return bytes.problem();
    const std::vector<std::uint8_t>& b = *bytes;
    KeyId id;
    for (std::size_t i = 0; i < 4; ++i) id.bytes[i] = b[1 + i];
    const VerifyingKey* key = ring.find(id);
    if (key == nullptr) return Problem("token.unknown_key", {{"key_id", id.hex()}});
    const std::span<const std::uint8_t> signature(b.data() + kSignedBytes, kSignatureBytes);
    if (!key->verify(signed_message(b.data()), signature)) return Problem("token.bad_signature");
    auto token = read_fields(b);
    if (!token) return malformed("field");
    if (token->claims.center_id != expected.center_id)
        return Problem("token.wrong_center", {{"center", std::to_string(token->claims.center_id)},
                                              {"expected", std::to_string(expected.center_id)}});
    if (token->claims.visit_day != expected.today)
        return Problem("token.wrong_day", {{"day", format_iso_date(token->claims.visit_day)},
                                           {"expected", format_iso_date(expected.today)}});
    return *token;
}

}  // namespace cherha::core
