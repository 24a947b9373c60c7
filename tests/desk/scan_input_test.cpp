// The scanner burst (src/desk/model/scanner_burst.h) and what a scan is
// (src/desk/model/scan_input.h): a scanner's burst opens the booking, a person's typing does
// not; tokens, booking codes and MRZ lines are told apart, and an MRZ reader's lines are
// collected into one zone.
#include <gtest/gtest.h>

#include "core/common/utf8.h"
#include "core/mrz/mrz.h"
#include "core/token/booking_code.h"
#include "core/token/booking_token.h"
#include "core/token/signing_key.h"
#include "desk/model/scan_input.h"
#include "desk/model/scanner_burst.h"
#include "support/synthetic_mrz.h"

namespace cherha::desk {
namespace {

using namespace std::chrono_literals;
using Clock = ScannerBurst::Clock;

// Feeds `text` then Enter, one character every `gap`, from `start`; the last feed's answer.
std::optional<std::string> type(ScannerBurst& burst, const std::u32string& text,
                                Clock::duration gap, Clock::time_point start) {
    auto at = start;
    for (char32_t c : text) {
        EXPECT_FALSE(burst.feed(c, at));
        at += gap;
    }
    return burst.feed(U'\r', at);
}

const Clock::time_point kT0{std::chrono::seconds{1000}};

TEST(ScannerBurst, AFastBurstEndingWithEnterIsAScan) {
    ScannerBurst burst;
    auto scan = type(burst, U"CHERHA:ABCDEFGH234567", 4ms, kT0);
    ASSERT_TRUE(scan);
    EXPECT_EQ(*scan, "CHERHA:ABCDEFGH234567");
    EXPECT_EQ(burst.pending(), 0u);
}

TEST(ScannerBurst, APersonTypingIsNotAScan) {
    ScannerBurst burst;
    EXPECT_FALSE(type(burst, U"7KQMX3PB", 120ms, kT0));
    // Fast but short: a person's double key press, not a code.
    EXPECT_FALSE(type(burst, U"ok", 5ms, kT0 + 10s));
    // Fast typing, then a pause before Enter: the Enter is the person's.
    ScannerBurst slow_enter;
    auto at = kT0;
    for (char32_t c : std::u32string(U"7KQMX3PB")) {
        slow_enter.feed(c, at);
        at += 3ms;
    }
    EXPECT_FALSE(slow_enter.feed(U'\n', at + 500ms));
}

TEST(ScannerBurst, TypingBeforeAScanIsNotPartOfIt) {
    ScannerBurst burst;
    auto at = kT0;
    for (char32_t c : std::u32string(U"Шевченко")) {  // the clerk types a surname
        EXPECT_FALSE(burst.feed(c, at));
        at += 150ms;
    }
    auto scan = type(burst, U"7KQMX3PB", 2ms, at + 1s);
    ASSERT_TRUE(scan);
    EXPECT_EQ(*scan, "7KQMX3PB");
}

TEST(ScannerBurst, TheThresholdIsASetting) {
    ScannerBurst strict(BurstSettings{10ms, 8});
    EXPECT_FALSE(type(strict, U"7KQMX3PB", 20ms, kT0));
    ScannerBurst lenient(BurstSettings{50ms, 8});
    EXPECT_TRUE(type(lenient, U"7KQMX3PB", 20ms, kT0));
    ScannerBurst longer(BurstSettings{35ms, 20});
    EXPECT_FALSE(type(longer, U"7KQMX3PB", 2ms, kT0));
}

TEST(ScannerBurst, NonAsciiIsKeptAsUtf8AndControlsBreakTheBurst) {
    ScannerBurst burst;
    auto scan = type(burst, U"Коваленко-Ї€𝄞", 2ms, kT0);
    ASSERT_TRUE(scan);
    EXPECT_EQ(*scan, "Коваленко-Ї€𝄞");
    for (char32_t bad :
         {char32_t{0x08}, char32_t{0x1B}, char32_t{0x7F}, char32_t{0xD800}, char32_t{0x110000}}) {
        ScannerBurst broken;
        auto at = kT0;
        for (char32_t c : std::u32string(U"7KQMX")) broken.feed(c, at += 2ms);
        broken.feed(bad, at += 2ms);
        for (char32_t c : std::u32string(U"3PB")) broken.feed(c, at += 2ms);
        EXPECT_FALSE(broken.feed(U'\r', at += 2ms)) << static_cast<unsigned>(bad);
    }
}

TEST(ScannerBurst, AFloodIsDroppedAndClockJumpsDoNotJoinBursts) {
    ScannerBurst burst;
    auto at = kT0;
    for (std::size_t i = 0; i < kMaxScanBytes + 100; ++i) burst.feed(U'A', at += 1ms);
    EXPECT_FALSE(burst.feed(U'\r', at += 1ms));
    EXPECT_LT(burst.pending(), kMaxScanBytes);
    // After the flood, a real scan still works.
    EXPECT_TRUE(type(burst, U"7KQMX3PB", 2ms, at + 1s));
    // A time before the last key (a clock going back) starts a new burst.
    ScannerBurst back;
    back.feed(U'A', kT0);
    EXPECT_FALSE(type(back, U"7KQMX3P", 1ms, kT0 - 1s));  // 7 + "A" would be 8
    // reset() forgets a burst under way.
    ScannerBurst reset;
    auto t = kT0;
    for (char32_t c : std::u32string(U"7KQMX3PB")) reset.feed(c, t += 2ms);
    reset.reset();
    EXPECT_EQ(reset.pending(), 0u);
    EXPECT_FALSE(reset.feed(U'\r', t += 2ms));
}

std::string a_token() {
    auto key = core::generate_signing_key();
    EXPECT_TRUE(key);
    core::BookingTokenClaims claims;
    claims.booking_id = 42;
    claims.center_id = 7;
    claims.visit_day = date::year{2026} / 11 / 24;
    claims.slot_minute = 570;
    auto token = core::sign_booking_token(claims, *key);
    EXPECT_TRUE(token) << token.problem().code;
    return token ? *token : "";
}

TEST(ScanInput, TokensCodesAndMrzLinesAreToldApart) {
    const std::string token = a_token();
    auto t = classify_scan("  " + token + "\r\n");
    EXPECT_EQ(t.kind, ScanKind::BookingToken);
    EXPECT_EQ(t.text, token);
    // Caps Lock on the scanner: still the token.
    std::string lower = token;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(classify_scan(lower).kind, ScanKind::BookingToken);
    EXPECT_EQ(classify_scan(lower).text, token);

    auto code = core::generate_booking_code();
    ASSERT_TRUE(code);
    auto c = classify_scan(code->display());
    EXPECT_EQ(c.kind, ScanKind::BookingCode);
    EXPECT_EQ(c.text, code->canonical);

    core::synthetic::Td3 passport;
    auto m = classify_scan(passport.line1());
    EXPECT_EQ(m.kind, ScanKind::MrzLine);
    EXPECT_EQ(m.text, passport.line1());
}

// A booking code whose check character is wrong.
std::string code_with_wrong_check() {
    auto code = core::generate_booking_code();
    EXPECT_TRUE(code);
    std::string text = code ? code->canonical : "7KQMX3PB";
    const auto alphabet = core::booking_code_alphabet();
    text.back() = alphabet[(alphabet.find(text.back()) + 1) % alphabet.size()];
    return text;
}

TEST(ScanInput, AnythingElseIsUnknown) {
    const std::string token = a_token();
    for (const std::string& junk : {std::string(), std::string("   "), std::string("CHERHA:"),
                                    token.substr(0, token.size() - 3),  // cut short
                                    token + "AAAA",                     // too long for the format
                                    code_with_wrong_check(), std::string("hello world"),
                                    std::string(5000, 'A'),      // too long for anything
                                    std::string(30, '<') + "x",  // 31 characters
                                    std::string("\xff\xfe\x00\x01", 4), std::string("Шевченко")}) {
        EXPECT_EQ(classify_scan(junk).kind, ScanKind::Unknown) << junk.substr(0, 40);
    }
}

TEST(MrzCollector, LinesOfAZoneAreCollectedInOrder) {
    core::synthetic::Td1 card;
    MrzCollector collector;
    auto at = kT0;
    EXPECT_FALSE(collector.add(classify_scan(card.line1()), at += 40ms));
    EXPECT_FALSE(collector.add(classify_scan(card.line2()), at += 40ms));
    auto zone = collector.add(classify_scan(card.line3()), at += 40ms);
    ASSERT_TRUE(zone);
    ASSERT_EQ(zone->size(), 3u);
    EXPECT_EQ(collector.pending(), 0u);
    // The collected lines are what the core reads as the card.
    auto reading = core::read_mrz_lines(*zone, date::year{2026} / 11 / 24);
    ASSERT_TRUE(reading) << reading.problem().code;
    EXPECT_TRUE(reading->all_checks_passed());

    core::synthetic::Td3 passport;
    EXPECT_FALSE(collector.add(classify_scan(passport.line1()), at += 5s));
    auto two = collector.add(classify_scan(passport.line2()), at += 40ms);
    ASSERT_TRUE(two);
    EXPECT_EQ(two->size(), 2u);
}

TEST(MrzCollector, AnotherScanOrAnotherLengthStartsOver) {
    core::synthetic::Td1 card;
    core::synthetic::Td3 passport;
    MrzCollector collector;
    auto at = kT0;
    collector.add(classify_scan(card.line1()), at += 40ms);
    collector.add(classify_scan("7KQMX3PB"), at += 40ms);  // anything else in between
    EXPECT_EQ(collector.pending(), 0u);
    collector.add(classify_scan(card.line1()), at += 40ms);
    collector.add(classify_scan(passport.line1()), at += 40ms);  // a 44-character line after a 30
    EXPECT_EQ(collector.pending(), 1u);
    auto zone = collector.add(classify_scan(passport.line2()), at += 40ms);
    ASSERT_TRUE(zone);
    EXPECT_EQ((*zone)[0], passport.line1());
}

// A card taken off the reader after two lines, then another card: its lines are not joined to
// the first card's.
TEST(MrzCollector, APauseStartsANewDocument) {
    core::synthetic::Td1 first;
    core::synthetic::Td1 second;
    second.number = "XY9876543";
    MrzCollector collector;
    auto at = kT0;
    collector.add(classify_scan(first.line1()), at += 40ms);
    collector.add(classify_scan(first.line2()), at += 40ms);
    EXPECT_FALSE(collector.add(classify_scan(second.line1()), at += kMrzLinePause + 1ms));
    EXPECT_EQ(collector.pending(), 1u);
    EXPECT_FALSE(collector.add(classify_scan(second.line2()), at += 40ms));
    auto zone = collector.add(classify_scan(second.line3()), at += 40ms);
    ASSERT_TRUE(zone);
    EXPECT_EQ((*zone)[0], second.line1());
    EXPECT_EQ((*zone)[2], second.line3());
}

}  // namespace
}  // namespace cherha::desk

namespace cherha::desk {
namespace {

// What a scanner in keyboard mode types for `latin` while the Ukrainian layout is on: the
// characters on the same keys.
std::string typed_in_ukrainian_layout(const std::string& latin) {
    const std::string us = "qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOPASDFGHJKL:ZXCVBNM<>";
    const std::u32string ua = U"йцукенгшщзхїфівапролджєячсмитьбюЙЦУКЕНГШЩЗФІВАПРОЛДЖЯЧСМИТЬБЮ";
    std::string out;
    for (const char c : latin) {
        const auto at = us.find(c);
        if (at == std::string::npos) {
            out += c;
        } else {
            core::append_utf8(out, ua[at]);
        }
    }
    return out;
}

TEST(ScanInput, AScanMadeWithTheUkrainianLayoutOnIsReadByItsKeys) {
    const std::string token = a_token();
    const std::string typed = typed_in_ukrainian_layout(token);
    ASSERT_NE(typed, token);
    ASSERT_EQ(typed.rfind("СРУКРФЖ", 0), 0u);  // "CHERHA:" on those keys
    const ScanInput input = classify_scan(typed);
    EXPECT_EQ(input.kind, ScanKind::BookingToken);
    EXPECT_EQ(input.text, token);

    const std::string mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const ScanInput line = classify_scan(typed_in_ukrainian_layout(mrz));
    EXPECT_EQ(line.kind, ScanKind::MrzLine);
    EXPECT_EQ(line.text, mrz);

    // Cyrillic that is no scan on any layout stays unknown, as typed.
    const ScanInput name = classify_scan("Шевченко");
    EXPECT_EQ(name.kind, ScanKind::Unknown);
    EXPECT_EQ(name.text, "Шевченко");
    EXPECT_EQ(latin_key_positions("Шевченко Ґ"), "Шевченко Ґ");  // Ґ is on no mapped key
}

}  // namespace
}  // namespace cherha::desk
