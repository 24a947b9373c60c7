// The signed token in a booking's QR code (PRODUCT.md "The booking QR code").
// It names a booking, its center, day, slot and channel, and is signed with the
// center's Ed25519 key; it carries no personal data. The desk verifies it offline with
// the center's public keys (a KeyRing).
//
// Text form: "CHERHA:" followed by the RFC 4648 base32 (upper case, no padding) of 85
// bytes, 143 characters in all. Every character is in the QR alphanumeric set, so ZXing
// encodes it in alphanumeric mode: QR version 6 at error-correction level M.
// Reading accepts lower case too (a keyboard-wedge scanner with Caps Lock on) and
// ignores white space around the text (scanners add CR/LF).
//
// The 85 bytes, integers big-endian:
//   [0]       format version, 1
//   [1..4]    signing key id (first 4 bytes of SHA-256 of the raw public key)
//   [5..8]    center id, uint32
//   [9..16]   booking id, uint64
//   [17..18]  visit day: days since 2000-01-01, uint16 (2000-01-01 .. 2179-06-06)
//   [19..20]  channel << 12 | slot start in minutes after local midnight (0..1439)
//   [21..84]  Ed25519 signature of "cherha-booking-token" followed by bytes [0..20]
// The context string keeps a signature of a token from being valid for anything else the
// same key might sign.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/token/signing_key.h"

namespace cherha::core {

// How the booking was made (the token's own numbering, stable: part of the format).
enum class TokenChannel : std::uint8_t {
    Online = 0,    // booked on the public booking page
    Terminal = 1,  // registered at the terminal inside the center
};

// What a token says.
struct BookingTokenClaims {
    std::uint64_t booking_id = 0;
    std::uint32_t center_id = 0;
    Date visit_day;       // the center's local calendar day
    int slot_minute = 0;  // slot start, minutes after local midnight, 0..1439
    TokenChannel channel = TokenChannel::Online;
    bool operator==(const BookingTokenClaims&) const = default;
};

// A token read from text: its claims and the id of the key that signed it.
struct BookingToken {
    BookingTokenClaims claims;
    KeyId key_id;
    int format_version = 1;
};

// What the verifier expects: the center it runs in and today's date there.
struct TokenExpectation {
    std::uint32_t center_id = 0;
    Date today;
};

// The prefix of every token text.
inline constexpr std::string_view kBookingTokenPrefix = "CHERHA:";
// Tokens longer than this are refused before any decoding.
inline constexpr std::size_t kBookingTokenMaxLength = 512;

// Signs `claims` with `key` and returns the token text.
// Problems:
//   token.invalid_field {field}   field: "visit_day" (not a valid day between 2000-01-01
//                                 and 2179-06-06), "slot_minute" (outside 0..1439) or
//                                 "channel" (not a TokenChannel value)
//   key.sign_failed
// Thread-safe.
Result<std::string> sign_booking_token(const BookingTokenClaims& claims, const SigningKey& key);

// Verifies a scanned or typed token against the key ring and the expectation.
// Checks run in this order, the first failure is returned:
//   token.malformed {why}         why: "empty", "too_long" (over kBookingTokenMaxLength),
//                                 "prefix" (does not start with "CHERHA:"), "base32" (a
//                                 character outside A-Z 2-7, an impossible length, or
//                                 non-zero padding bits)
//   token.version {version}       a format version this program does not read (decimal)
//   token.malformed {why=length}  wrong byte count for the format version
//   token.unknown_key {key_id}    no key with that id in the ring (8 hex digits)
//   token.bad_signature           the signature does not match: the token was changed
//   token.malformed {why=field}   signed, but a field holds an impossible value (slot
//                                 over 1439, unknown channel)
//   token.wrong_center {center, expected}   another center's code (decimal ids)
//   token.wrong_day {day, expected}         another day's code (ISO dates)
// A changed byte therefore gives token.version (byte 0), token.unknown_key (key id) or
// token.bad_signature (any other byte), never a pass. A token that passes was signed by a
// key of the ring, unchanged. Thread-safe when the ring is not being changed.
Result<BookingToken> verify_booking_token(std::string_view text, const KeyRing& ring,
                                          const TokenExpectation& expected);

// Reads a token WITHOUT checking its signature, center or day: for diagnostics only
// (the command line's "decode a QR image"); never to admit a visitor.
// Problems: token.malformed {why}, token.version {version}, as above.
Result<BookingToken> inspect_booking_token(std::string_view text);

}  // namespace cherha::core
