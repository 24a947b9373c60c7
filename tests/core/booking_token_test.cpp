#include "core/token/booking_token.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

using namespace std::chrono_literals;
using date::April;
using date::January;
using date::June;

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const Instant kT0{std::chrono::seconds{1'700'000'000}};

SigningKey new_key() {
    auto key = generate_signing_key();
    EXPECT_TRUE(key.ok());
    return std::move(key).value();
}

BookingTokenClaims sample_claims() {
    BookingTokenClaims c;
    c.booking_id = 0x0123456789ABCDEFull;
    c.center_id = 4210;
    c.visit_day = date::year{2025} / April / 17;
    c.slot_minute = 9 * 60 + 40;
    c.channel = TokenChannel::Online;
    return c;
}

TokenExpectation expect_for(const BookingTokenClaims& c) {
    return {c.center_id, c.visit_day};
}

struct Fixture : ::testing::Test {
    SigningKey key = new_key();
    KeyRing ring;
    void SetUp() override { ASSERT_FALSE(ring.add(key, kT0)); }
    std::string sign(const BookingTokenClaims& c) {
        auto t = sign_booking_token(c, key);
        EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.problem().code);
        return t.ok() ? *t : std::string();
    }
};

// Base32 text of the 85 bytes of a token (after the prefix), decoded by hand.
std::vector<std::uint8_t> raw_bytes(const std::string& token) {
    std::vector<std::uint8_t> out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : token.substr(kBookingTokenPrefix.size())) {
        buf = (buf << 5) | static_cast<unsigned>(kBase32.find(c));
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>(buf >> (bits - 8)));
            bits -= 8;
        }
    }
    return out;
}

std::string text_of(const std::vector<std::uint8_t>& bytes) {
    std::string out(kBookingTokenPrefix);
    unsigned buf = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        buf = (buf << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kBase32[(buf >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kBase32[(buf << (5 - bits)) & 31]);
    return out;
}

using BookingToken_ = Fixture;

TEST_F(BookingToken_, RoundTrip) {
    const auto claims = sample_claims();
    const std::string text = sign(claims);
    auto v = verify_booking_token(text, ring, expect_for(claims));
    ASSERT_TRUE(v.ok()) << v.problem().code;
    EXPECT_EQ(v->claims, claims);
    EXPECT_EQ(v->key_id, key.key_id());
    EXPECT_EQ(v->format_version, 1);
}

TEST_F(BookingToken_, TextIsQrAlphanumericAndCompact) {
    const std::string text = sign(sample_claims());
    EXPECT_EQ(text.size(), 143u);
    EXPECT_EQ(text.rfind("CHERHA:", 0), 0u);
    for (char c : text)
        EXPECT_NE(std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:").find(c),
                  std::string_view::npos)
            << c;
}

TEST_F(BookingToken_, LayoutIsAsDocumented) {
    const auto claims = sample_claims();
    const auto b = raw_bytes(sign(claims));
    ASSERT_EQ(b.size(), 85u);
    EXPECT_EQ(b[0], 1);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(b[1 + i], key.key_id().bytes[i]);
    EXPECT_EQ((b[5] << 24 | b[6] << 16 | b[7] << 8 | b[8]), 4210);
    EXPECT_EQ(b[9], 0x01);
    EXPECT_EQ(b[16], 0xEF);
    const int days = b[17] << 8 | b[18];
    EXPECT_EQ(date::sys_days{date::year{2000} / January / 1} + date::days{days},
              date::sys_days{claims.visit_day});
    EXPECT_EQ((b[19] << 8 | b[20]), 0 << 12 | 580);
    // No personal data could be in 21 bytes of numbers; the signature covers them with the
    // documented context string.
    std::vector<std::uint8_t> msg;
    for (char c : std::string_view("cherha-booking-token"))
        msg.push_back(static_cast<std::uint8_t>(c));
    msg.insert(msg.end(), b.begin(), b.begin() + 21);
    EXPECT_TRUE(key.verifying_key().verify(msg, std::span(b).subspan(21)));
}

TEST_F(BookingToken_, EveryFieldSurvivesIncludingExtremes) {
    for (BookingTokenClaims c :
         {BookingTokenClaims{0, 0, date::year{2000} / January / 1, 0, TokenChannel::Online},
          BookingTokenClaims{UINT64_MAX, UINT32_MAX, date::year{2179} / June / 6, 1439,
                             TokenChannel::Terminal}}) {
        auto t = sign_booking_token(c, key);
        ASSERT_TRUE(t.ok()) << t.problem().code;
        auto v = verify_booking_token(*t, ring, expect_for(c));
        ASSERT_TRUE(v.ok()) << v.problem().code;
        EXPECT_EQ(v->claims, c);
    }
}

TEST_F(BookingToken_, InvalidClaimsAreRefusedWhenSigning) {
    auto c = sample_claims();
    c.slot_minute = 1440;
    EXPECT_EQ(sign_booking_token(c, key).problem().param("field"), "slot_minute");
    c.slot_minute = -1;
    EXPECT_EQ(sign_booking_token(c, key).problem().code, "token.invalid_field");
    c = sample_claims();
    c.visit_day = date::year{1999} / date::December / 31;
    EXPECT_EQ(sign_booking_token(c, key).problem().param("field"), "visit_day");
    c.visit_day = date::year{2179} / June / 7;
    EXPECT_EQ(sign_booking_token(c, key).problem().param("field"), "visit_day");
    c.visit_day = date::year{2025} / date::February / 30;
    EXPECT_EQ(sign_booking_token(c, key).problem().param("field"), "visit_day");
    c = sample_claims();
    c.channel = static_cast<TokenChannel>(2);
    EXPECT_EQ(sign_booking_token(c, key).problem().param("field"), "channel");
}

TEST_F(BookingToken_, EveryChangedCharacterFails) {
    const auto claims = sample_claims();
    const std::string text = sign(claims);
    int tried = 0;
    for (std::size_t i = kBookingTokenPrefix.size(); i < text.size(); ++i) {
        for (char c : kBase32) {
            if (c == text[i]) continue;
            std::string changed = text;
            changed[i] = c;
            auto v = verify_booking_token(changed, ring, expect_for(claims));
            ASSERT_FALSE(v.ok()) << "false accept at " << i << " with " << c;
            const std::string& code = v.problem().code;
            EXPECT_TRUE(code == "token.bad_signature" || code == "token.unknown_key" ||
                        code == "token.version" || code == "token.malformed")
                << code;
            ++tried;
        }
    }
    EXPECT_EQ(tried, 136 * 31);
}

TEST_F(BookingToken_, EveryChangedByteFailsWithItsOwnProblem) {
    const auto claims = sample_claims();
    const auto bytes = raw_bytes(sign(claims));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            auto changed = bytes;
            changed[i] = static_cast<std::uint8_t>(changed[i] ^ (1 << bit));
            auto v = verify_booking_token(text_of(changed), ring, expect_for(claims));
            ASSERT_FALSE(v.ok()) << "false accept, byte " << i << " bit " << bit;
            const std::string& code = v.problem().code;
            if (i == 0)
                EXPECT_EQ(code, "token.version");
            else if (i <= 4)
                EXPECT_EQ(code, "token.unknown_key");
            else
                EXPECT_EQ(code, "token.bad_signature") << "byte " << i;
        }
        // And a whole-byte replacement by its complement.
        auto changed = bytes;
        changed[i] = static_cast<std::uint8_t>(~changed[i]);
        EXPECT_FALSE(verify_booking_token(text_of(changed), ring, expect_for(claims)).ok());
    }
}

TEST_F(BookingToken_, ChangedVersionIsReported) {
    auto bytes = raw_bytes(sign(sample_claims()));
    bytes[0] = 2;
    auto v = verify_booking_token(text_of(bytes), ring, expect_for(sample_claims()));
    EXPECT_EQ(v.problem().code, "token.version");
    EXPECT_EQ(v.problem().param("version"), "2");
    // Version is read before the length: a short future token still says "version".
    auto v2 = verify_booking_token(text_of({7, 1, 2}), ring, expect_for(sample_claims()));
    EXPECT_EQ(v2.problem().param("version"), "7");
}

TEST_F(BookingToken_, WrongCenterAndWrongDay) {
    const auto claims = sample_claims();
    const std::string text = sign(claims);
    auto other_center = verify_booking_token(text, ring, {4211, claims.visit_day});
    ASSERT_FALSE(other_center.ok());
    EXPECT_EQ(other_center.problem().code, "token.wrong_center");
    EXPECT_EQ(other_center.problem().param("center"), "4210");
    EXPECT_EQ(other_center.problem().param("expected"), "4211");

    const Date tomorrow = date::year{2025} / April / 18;
    const Date yesterday = date::year{2025} / April / 16;
    for (Date today : {tomorrow, yesterday}) {
        auto other_day = verify_booking_token(text, ring, {4210, today});
        ASSERT_FALSE(other_day.ok());
        EXPECT_EQ(other_day.problem().code, "token.wrong_day");
        EXPECT_EQ(other_day.problem().param("day"), "2025-04-17");
        EXPECT_EQ(other_day.problem().param("expected"), format_iso_date(today));
    }
    // Center is checked before day.
    EXPECT_EQ(verify_booking_token(text, ring, {1, tomorrow}).problem().code, "token.wrong_center");
}

TEST_F(BookingToken_, UnknownKeyAndRotation) {
    const auto claims = sample_claims();
    const std::string old_token = sign(claims);

    // Another center's key ring does not know the key.
    KeyRing stranger;
    ASSERT_FALSE(stranger.add(new_key(), kT0));
    auto v = verify_booking_token(old_token, stranger, expect_for(claims));
    EXPECT_EQ(v.problem().code, "token.unknown_key");
    EXPECT_EQ(v.problem().param("key_id"), key.key_id().hex());

    // Rotation: a new key signs, the old one is retired but still verifies.
    const SigningKey next = new_key();
    ASSERT_FALSE(ring.add(next, kT0 + 24h));
    ASSERT_FALSE(ring.retire(key.key_id()));
    auto signer = ring.signing_key();
    ASSERT_TRUE(signer.ok());
    EXPECT_EQ(signer->key_id(), next.key_id());
    auto new_token = sign_booking_token(claims, *signer);
    ASSERT_TRUE(new_token.ok());
    EXPECT_NE(*new_token, old_token);
    EXPECT_TRUE(verify_booking_token(old_token, ring, expect_for(claims)).ok());
    EXPECT_TRUE(verify_booking_token(*new_token, ring, expect_for(claims)).ok());

    // A desk that holds only public keys verifies both.
    KeyRing desk;
    ASSERT_FALSE(desk.add(*load_verifying_key_pem(key.verifying_key().public_pem()), kT0));
    ASSERT_FALSE(desk.add(next.verifying_key(), kT0 + 24h));
    EXPECT_TRUE(verify_booking_token(old_token, desk, expect_for(claims)).ok());
    EXPECT_TRUE(verify_booking_token(*new_token, desk, expect_for(claims)).ok());

    // After removal the old key's tokens are unknown; the new ones still verify.
    ASSERT_FALSE(ring.remove(key.key_id()));
    auto gone = verify_booking_token(old_token, ring, expect_for(claims));
    EXPECT_EQ(gone.problem().code, "token.unknown_key");
    EXPECT_EQ(gone.problem().param("key_id"), key.key_id().hex());
    EXPECT_TRUE(verify_booking_token(*new_token, ring, expect_for(claims)).ok());
}

TEST_F(BookingToken_, SignatureFromAnotherKeyWithTheSameIdIsRejected) {
    // A forger copies the key id of the center's key but signs with their own key.
    const auto claims = sample_claims();
    const SigningKey forger = new_key();
    auto forged = raw_bytes(*sign_booking_token(claims, forger));
    for (int i = 0; i < 4; ++i) forged[1 + static_cast<std::size_t>(i)] = key.key_id().bytes[i];
    auto v = verify_booking_token(text_of(forged), ring, expect_for(claims));
    EXPECT_EQ(v.problem().code, "token.bad_signature");
    // Splicing the center's signature onto other claims fails too.
    auto genuine = raw_bytes(sign(claims));
    auto other = claims;
    other.booking_id += 1;
    auto spliced = raw_bytes(sign(other));
    std::copy(genuine.begin() + 21, genuine.end(), spliced.begin() + 21);
    EXPECT_EQ(verify_booking_token(text_of(spliced), ring, expect_for(claims)).problem().code,
              "token.bad_signature");
}

TEST_F(BookingToken_, ToleratesCaseAndSurroundingWhiteSpace) {
    const auto claims = sample_claims();
    const std::string text = sign(claims);
    std::string lower;
    for (char c : text) lower.push_back(static_cast<char>(std::tolower(c)));
    EXPECT_TRUE(verify_booking_token(lower, ring, expect_for(claims)).ok());
    EXPECT_TRUE(verify_booking_token("  " + text + "\r\n", ring, expect_for(claims)).ok());
    // Inner white space is not tolerated.
    std::string inner = text;
    inner.insert(50, " ");
    EXPECT_EQ(verify_booking_token(inner, ring, expect_for(claims)).problem().param("why"),
              "base32");
}

TEST_F(BookingToken_, MalformedInput) {
    const auto claims = sample_claims();
    const auto e = expect_for(claims);
    const std::string text = sign(claims);
    auto why = [&](std::string_view t) {
        auto v = verify_booking_token(t, ring, e);
        EXPECT_FALSE(v.ok());
        if (v.ok()) return std::string("ACCEPTED");
        EXPECT_EQ(v.problem().code, "token.malformed") << t;
        return v.problem().param("why");
    };
    EXPECT_EQ(why(""), "empty");
    EXPECT_EQ(why(" \r\n"), "empty");
    EXPECT_EQ(why(std::string(513, 'A')), "too_long");
    EXPECT_EQ(why(std::string(10'000'000, 'A')), "too_long");
    EXPECT_EQ(why(text.substr(kBookingTokenPrefix.size())), "prefix");
    EXPECT_EQ(why("CHERHA"), "prefix");
    EXPECT_EQ(why("XHERHA:" + text.substr(7)), "prefix");
    EXPECT_EQ(why("7KQM-X3PB"), "prefix");  // a booking code is not a token
    EXPECT_EQ(why("CHERHA:"), "length");
    EXPECT_EQ(why(text.substr(0, text.size() - 8)), "length");  // 5 bytes short
    EXPECT_EQ(why(text + "AAAAAAAA"), "length");                // 5 bytes more
    EXPECT_EQ(why(text.substr(0, text.size() - 2)), "base32");  // impossible length
    EXPECT_EQ(why(text + "A"), "base32");
    // Characters outside base32: digits 0 1 8 9, QR alphanumeric punctuation, NUL, UTF-8.
    for (std::string_view bad : {"0", "1", "8", "9", "$", "%", "*", "+", "-", ".", "/", ":", "="}) {
        std::string changed = text;
        changed.replace(60, 1, bad);
        EXPECT_EQ(why(changed), "base32") << bad;
    }
    std::string nul = text;
    nul[60] = '\0';
    EXPECT_EQ(why(nul), "base32");
    std::string utf8 = text;
    utf8.replace(60, 1, "\xD0\x90");  // Cyrillic А
    EXPECT_EQ(why(utf8), "base32");
    std::string invalid = text;
    invalid[60] = '\xFF';
    EXPECT_EQ(why(invalid), "base32");
}

TEST_F(BookingToken_, NonCanonicalPaddingBitsAreRefused) {
    // 2 characters hold 10 bits = 1 byte + 2 leftover bits, which must be zero.
    EXPECT_EQ(verify_booking_token("CHERHA:AE", ring, {}).problem().param("why"), "length");
    EXPECT_EQ(verify_booking_token("CHERHA:AF", ring, {}).problem().param("why"), "base32");
}

TEST_F(BookingToken_, SignedFieldsWithImpossibleValuesAreMalformed) {
    // Only a holder of the key could produce these; the verifier still refuses them.
    auto bytes = raw_bytes(sign(sample_claims()));
    bytes[19] = 0x05;  // channel 0, slot 0x5xx
    bytes[20] = 0xA0;  // 1440
    std::vector<std::uint8_t> msg;
    for (char c : std::string_view("cherha-booking-token"))
        msg.push_back(static_cast<std::uint8_t>(c));
    msg.insert(msg.end(), bytes.begin(), bytes.begin() + 21);
    auto sig = key.sign(msg);
    ASSERT_TRUE(sig.ok());
    std::copy(sig->begin(), sig->end(), bytes.begin() + 21);
    auto v = verify_booking_token(text_of(bytes), ring, expect_for(sample_claims()));
    EXPECT_EQ(v.problem().code, "token.malformed");
    EXPECT_EQ(v.problem().param("why"), "field");
    EXPECT_EQ(inspect_booking_token(text_of(bytes)).problem().param("why"), "field");
}

TEST_F(BookingToken_, InspectReadsWithoutVerifying) {
    const auto claims = sample_claims();
    auto bytes = raw_bytes(sign(claims));
    bytes[70] ^= 0x01;  // break the signature
    auto t = inspect_booking_token(text_of(bytes));
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->claims, claims);
    EXPECT_EQ(t->key_id, key.key_id());
    EXPECT_EQ(inspect_booking_token("").problem().param("why"), "empty");
}

}  // namespace
}  // namespace cherha::core
