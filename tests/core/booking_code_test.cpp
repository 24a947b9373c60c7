#include "core/token/booking_code.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cherha::core {
namespace {

constexpr std::string_view kForbidden = "01ILOUS";

// A deterministic sample of valid codes (a simple LCG over the alphabet).
std::vector<std::string> sample_codes(int count) {
    const std::string_view alphabet = booking_code_alphabet();
    std::vector<std::string> codes;
    std::uint32_t state = 12345;
    for (int n = 0; n < count; ++n) {
        std::string body;
        for (int i = 0; i < 7; ++i) {
            state = state * 1103515245u + 12345u;
            body.push_back(alphabet[(state >> 16) % alphabet.size()]);
        }
        codes.push_back(body + booking_code_check_character(body));
    }
    return codes;
}

TEST(BookingCodeAlphabet, Has29UnambiguousCharacters) {
    const std::string_view alphabet = booking_code_alphabet();
    EXPECT_EQ(alphabet, "23456789ABCDEFGHJKMNPQRTVWXYZ");
    std::set<char> unique(alphabet.begin(), alphabet.end());
    EXPECT_EQ(unique.size(), 29u);
    for (char c : kForbidden) EXPECT_EQ(alphabet.find(c), std::string_view::npos) << c;
}

TEST(BookingCodeCheck, KnownValue) {
    // 8*0+7*1+6*2+5*3+4*4+3*5+2*6 = 77 = 2*29+19; check = 29-19 = 10 -> 'C'
    EXPECT_EQ(booking_code_check_character("2345678"), 'C');
    auto code = parse_booking_code("2345-678C");
    ASSERT_TRUE(code.ok()) << code.problem().code;
    EXPECT_EQ(code->canonical, "2345678C");
    EXPECT_EQ(code->display(), "2345-678C");
    // Check value 0 -> '2': "2222222" sums to 0.
    EXPECT_EQ(booking_code_check_character("2222222"), '2');
}

TEST(BookingCodeCheck, RejectsBadBodies) {
    EXPECT_EQ(booking_code_check_character(""), '\0');
    EXPECT_EQ(booking_code_check_character("234567"), '\0');
    EXPECT_EQ(booking_code_check_character("23456789"), '\0');
    EXPECT_EQ(booking_code_check_character("234567O"), '\0');
    EXPECT_EQ(booking_code_check_character("234567a"), '\0');
}

TEST(BookingCodeCheck, EverySingleSubstitutionIsCaught) {
    const std::string_view alphabet = booking_code_alphabet();
    int tried = 0;
    for (const std::string& code : sample_codes(300)) {
        ASSERT_TRUE(parse_booking_code(code).ok()) << code;
        for (std::size_t pos = 0; pos < code.size(); ++pos) {
            for (char c : alphabet) {
                if (c == code[pos]) continue;
                std::string changed = code;
                changed[pos] = c;
                auto r = parse_booking_code(changed);
                ASSERT_FALSE(r.ok()) << code << " -> " << changed;
                EXPECT_EQ(r.problem().code, "booking_code.check");
                ++tried;
            }
        }
    }
    EXPECT_EQ(tried, 300 * 8 * 28);
}

TEST(BookingCodeCheck, EveryAdjacentTranspositionIsCaught) {
    int tried = 0;
    for (const std::string& code : sample_codes(300)) {
        for (std::size_t pos = 0; pos + 1 < code.size(); ++pos) {
            if (code[pos] == code[pos + 1]) continue;
            std::string swapped = code;
            std::swap(swapped[pos], swapped[pos + 1]);
            auto r = parse_booking_code(swapped);
            ASSERT_FALSE(r.ok()) << code << " -> " << swapped;
            EXPECT_EQ(r.problem().code, "booking_code.check");
            ++tried;
        }
    }
    EXPECT_GT(tried, 300 * 6);
}

TEST(BookingCodeCheck, TranspositionOfEveryPairOfCharactersIsCaught) {
    // Exhaustive over the alphabet: every pair of different characters a, b at every
    // adjacent pair of body positions, and every character next to the check character.
    const std::string_view alphabet = booking_code_alphabet();
    int tried = 0;
    for (std::size_t pos = 0; pos < 7; ++pos) {
        for (char a : alphabet) {
            for (char b : alphabet) {
                std::string body = "2345678";
                body[pos] = a;
                if (pos + 1 < 7) body[pos + 1] = b;
                std::string code = body + booking_code_check_character(body);
                if (code[pos] == code[pos + 1]) continue;
                if (pos == 6 && b != alphabet[0]) continue;  // b plays no part there
                ASSERT_TRUE(parse_booking_code(code).ok()) << code;
                std::string swapped = code;
                std::swap(swapped[pos], swapped[pos + 1]);
                EXPECT_FALSE(parse_booking_code(swapped).ok()) << code << " -> " << swapped;
                ++tried;
            }
        }
    }
    EXPECT_EQ(tried, 6 * 29 * 28 + 28);
}

TEST(BookingCodeParse, ToleratesCaseSpacesAndHyphens) {
    const std::string code = sample_codes(1)[0];
    std::string lower;
    for (char c : code) lower.push_back(static_cast<char>(std::tolower(c)));
    for (const std::string& typed :
         {code, code.substr(0, 4) + "-" + code.substr(4), lower, "  " + lower + "\n",
          code.substr(0, 2) + " " + code.substr(2, 3) + "--" + code.substr(5),
          code.substr(0, 4) + "\xE2\x80\x93" + code.substr(4),  // en dash
          code.substr(0, 4) + "\xC2\xA0" + code.substr(4)}) {   // no-break space
        auto r = parse_booking_code(typed);
        ASSERT_TRUE(r.ok()) << typed << ": " << r.problem().code;
        EXPECT_EQ(r->canonical, code);
    }
}

TEST(BookingCodeParse, FoldsCyrillicLookAlikesAndS) {
    // "ABEK-MHPT" is made valid with its check; typed with Cyrillic А В Е К М Н Р Т.
    const std::string body = "ABEKMHP";
    const std::string code = body + booking_code_check_character(body);
    std::string cyr = "\xD0\x90\xD0\x92\xD0\x95\xD0\x9A-\xD0\x9C\xD0\x9D\xD0\xA0";  // АВЕК-МНР
    cyr.push_back(code[7]);
    auto r = parse_booking_code(cyr);
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->canonical, code);
    // Lower-case Cyrillic с т х and Latin s.
    const std::string body2 = "CTX5CTX";
    const std::string code2 = body2 + booking_code_check_character(body2);
    std::string typed2 = "\xD1\x81\xD1\x82\xD1\x85s\xD0\xA1\xD0\xA2\xD0\xA5";  // стхsСТХ
    typed2.push_back(code2[7]);
    auto r2 = parse_booking_code(typed2);
    ASSERT_TRUE(r2.ok()) << r2.problem().code;
    EXPECT_EQ(r2->canonical, code2);
}

TEST(BookingCodeParse, RefusesAmbiguousCharacters) {
    for (char c : std::string_view("01ILOUilou")) {
        std::string typed = "2345678";
        typed.insert(typed.begin() + 3, c);
        auto r = parse_booking_code(typed);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem().code, "booking_code.character") << c;
        EXPECT_EQ(r.problem().param("position"), "4");
        EXPECT_EQ(r.problem().param("character"), std::string(1, c));
    }
    // Cyrillic О and І are refused too, reported as typed.
    auto r = parse_booking_code("23-\xD0\x9E");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "booking_code.character");
    EXPECT_EQ(r.problem().param("position"), "3");
    EXPECT_EQ(r.problem().param("character"), "\xD0\x9E");
    auto r2 = parse_booking_code("\xD0\x86");
    EXPECT_EQ(r2.problem().code, "booking_code.character");
    EXPECT_EQ(r2.problem().param("character"), "\xD0\x86");
}

TEST(BookingCodeParse, Empty) {
    for (std::string_view typed : {"", " ", "-", " - \t\n-", "\xC2\xA0"}) {
        auto r = parse_booking_code(typed);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem().code, "booking_code.empty") << typed;
    }
}

TEST(BookingCodeParse, LengthBothSidesOfTheBoundary) {
    const std::string code = sample_codes(1)[0];
    auto shorter = parse_booking_code(code.substr(0, 7));
    EXPECT_EQ(shorter.problem().code, "booking_code.length");
    EXPECT_EQ(shorter.problem().param("length"), "7");
    EXPECT_EQ(shorter.problem().param("expected"), "8");
    auto longer = parse_booking_code(code + "2");
    EXPECT_EQ(longer.problem().code, "booking_code.length");
    EXPECT_EQ(longer.problem().param("length"), "9");
    EXPECT_TRUE(parse_booking_code(code).ok());
    auto one = parse_booking_code("A");
    EXPECT_EQ(one.problem().param("length"), "1");
    auto huge = parse_booking_code(std::string(1'000'000, 'A'));
    EXPECT_EQ(huge.problem().code, "booking_code.length");
    EXPECT_EQ(huge.problem().param("length"), "1000000");
}

TEST(BookingCodeParse, HostileBytes) {
    auto nul =
        parse_booking_code(std::string("2345\0"
                                       "678C",
                                       9));
    EXPECT_EQ(nul.problem().code, "booking_code.character");
    EXPECT_EQ(nul.problem().param("position"), "5");
    EXPECT_EQ(nul.problem().param("character"), "U+0000");
    auto bad = parse_booking_code(
        "23\xFF"
        "45678C");
    EXPECT_EQ(bad.problem().code, "booking_code.character");
    EXPECT_EQ(bad.problem().param("position"), "3");
    EXPECT_EQ(bad.problem().param("character"), "0xFF");
    auto truncated = parse_booking_code("2345678\xD0");  // a lone lead byte at the end
    EXPECT_EQ(truncated.problem().code, "booking_code.character");
    EXPECT_EQ(truncated.problem().param("character"), "0xD0");
    auto overlong = parse_booking_code(
        "\xC0\xB2"
        "345678C");  // overlong '2'
    EXPECT_EQ(overlong.problem().code, "booking_code.character");
    EXPECT_EQ(overlong.problem().param("position"), "1");
    auto emoji = parse_booking_code("\xF0\x9F\x98\x80");
    EXPECT_EQ(emoji.problem().param("character"), "\xF0\x9F\x98\x80");
    auto greek = parse_booking_code(
        "\xCE\x91"
        "BCDEFGH");  // Greek Alpha is not folded
    EXPECT_EQ(greek.problem().code, "booking_code.character");
    auto fullwidth = parse_booking_code("\xEF\xBC\xA1");  // fullwidth A
    EXPECT_EQ(fullwidth.problem().code, "booking_code.character");
}

TEST(BookingCodeGenerate, ValidDistinctAndUsesTheWholeAlphabet) {
    std::set<std::string> seen;
    std::set<char> chars;
    for (int i = 0; i < 2000; ++i) {
        auto code = generate_booking_code();
        ASSERT_TRUE(code.ok());
        ASSERT_EQ(code->canonical.size(), 8u);
        auto reparsed = parse_booking_code(code->display());
        ASSERT_TRUE(reparsed.ok()) << code->display();
        EXPECT_EQ(*reparsed, *code);
        seen.insert(code->canonical);
        for (char c : code->canonical.substr(0, 7)) chars.insert(c);
    }
    EXPECT_EQ(seen.size(), 2000u);
    EXPECT_EQ(chars.size(), 29u);  // 14000 draws: every character appears
}

}  // namespace
}  // namespace cherha::core
