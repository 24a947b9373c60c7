// EDRPOU: both weight sets, the 30000000/60000000 edges, the second round with weights + 2
// and the "10 again -> 0" case. Every expected digit is computed by hand in a comment.
#include "core/identity/edrpou.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

TEST(EdrpouCheckDigit, LowWeightsFirstRound) {
    // 1*1+2*2+3*3+4*4+5*5+6*6+7*7 = 140; 140 mod 11 = 8.
    EXPECT_EQ(edrpou_check_digit("1234567"), 8);
    EXPECT_EQ(edrpou_check_digit("0000000"), 0);
    // 1*1 = 1.
    EXPECT_EQ(edrpou_check_digit("1000000"), 1);
}

TEST(EdrpouCheckDigit, LowWeightsSecondRound) {
    // 3*7 = 21 -> 10; again with weight 9: 27 mod 11 = 5.
    EXPECT_EQ(edrpou_check_digit("0000003"), 5);
    // 9*(1+..+7) = 252 -> 10; with weights 3..9: 9*42 = 378 mod 11 = 4.
    EXPECT_EQ(edrpou_check_digit("9999999"), 4);
}

TEST(EdrpouCheckDigit, LowWeightsTenAgainIsZero) {
    // 2*5+8*6+1*7 = 65 -> 10; with 7,8,9: 14+64+9 = 87 -> 10 again -> 0.
    EXPECT_EQ(edrpou_check_digit("0000281"), 0);
}

TEST(EdrpouCheckDigit, MiddleWeightsFirstRound) {
    // weights 7,1,2,3,4,5,6: 3*7+1*6 = 27 mod 11 = 5.
    EXPECT_EQ(edrpou_check_digit("3000001"), 5);
    // 5*7+9*(1+2+3+4+5+6) = 224 mod 11 = 4 (low weights would give 248 mod 11 = 6).
    EXPECT_EQ(edrpou_check_digit("5999999"), 4);
}

TEST(EdrpouCheckDigit, MiddleWeightsSecondRound) {
    // 3*7 = 21 -> 10; with 9: 27 mod 11 = 5 (low weights would give 3*1 = 3).
    EXPECT_EQ(edrpou_check_digit("3000000"), 5);
}

TEST(EdrpouCheckDigit, MiddleWeightsTenAgainIsZero) {
    // 3*7+4*5+4*6 = 65 -> 10; with 9,..,7,8: 27+28+32 = 87 -> 10 again -> 0.
    EXPECT_EQ(edrpou_check_digit("3000044"), 0);
}

TEST(EdrpouCheckDigit, EdgesOfTheMiddleRange) {
    // Below 30000000: low weights. 2+9*(2+3+4+5+6+7) = 245 mod 11 = 3 (middle: 5).
    EXPECT_EQ(edrpou_check_digit("2999999"), 3);
    // 60000000 and above: low weights again. 6*1 = 6 (middle: 42 mod 11 = 9).
    EXPECT_EQ(edrpou_check_digit("6000000"), 6);

    EXPECT_TRUE(parse_edrpou("29999993").ok());
    EXPECT_FALSE(parse_edrpou("29999995").ok());
    EXPECT_TRUE(parse_edrpou("30000005").ok());
    EXPECT_FALSE(parse_edrpou("30000003").ok());
    EXPECT_TRUE(parse_edrpou("59999994").ok());
    EXPECT_FALSE(parse_edrpou("59999996").ok());
    EXPECT_TRUE(parse_edrpou("60000006").ok());
    EXPECT_FALSE(parse_edrpou("60000009").ok());
}

TEST(EdrpouParse, Valid) {
    const auto r = parse_edrpou(" 12345678 ");
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->code, "12345678");
    EXPECT_TRUE(parse_edrpou("00002810").ok());
    EXPECT_TRUE(parse_edrpou("30000440").ok());
    EXPECT_TRUE(parse_edrpou("00000035").ok());
}

TEST(EdrpouParse, Problems) {
    EXPECT_EQ(parse_edrpou("").problem().code, "edrpou.empty");
    EXPECT_EQ(parse_edrpou(" \t").problem().code, "edrpou.empty");
    EXPECT_EQ(parse_edrpou("1234567").problem(),
              Problem("edrpou.length", {{"length", "7"}, {"expected", "8"}}));
    EXPECT_EQ(parse_edrpou("123456789").problem(),
              Problem("edrpou.length", {{"length", "9"}, {"expected", "8"}}));
    EXPECT_EQ(parse_edrpou("1234 678").problem(),
              Problem("edrpou.not_digits", {{"position", "5"}}));
    EXPECT_EQ(parse_edrpou("\xD0\x86"
                           "2345678")
                  .problem()
                  .param("position"),
              "1");
    EXPECT_EQ(parse_edrpou(std::string("1234567\0", 8)).problem().param("position"), "8");
    EXPECT_EQ(parse_edrpou("\xC0\xAF").problem().code, "edrpou.not_digits");
    EXPECT_EQ(parse_edrpou("12345670").problem(),
              Problem("edrpou.check_digit", {{"expected", "8"}, {"actual", "0"}}));
    EXPECT_EQ(parse_edrpou(std::string(1 << 20, '7')).problem().code, "edrpou.length");
}

TEST(EdrpouParse, OnlyTheRightCheckDigitPasses) {
    for (char d = '0'; d <= '9'; ++d) {
        EXPECT_EQ(parse_edrpou(std::string("3000044") + d).ok(), d == '0');
        EXPECT_EQ(parse_edrpou(std::string("0000003") + d).ok(), d == '5');
    }
}

TEST(EdrpouCompose, RoundTripAndPadding) {
    EXPECT_EQ(compose_edrpou(0), "00000000");
    EXPECT_EQ(compose_edrpou(281), "00002810");
    EXPECT_EQ(compose_edrpou(3000000), "30000005");
    EXPECT_EQ(compose_edrpou(9999999), "99999994");
    EXPECT_EQ(compose_edrpou(-1), "00000000");
    EXPECT_EQ(compose_edrpou(123456789), "99999994");
    for (int first = 0; first <= 9999999; first += 9973) {
        const std::string code = compose_edrpou(first);
        ASSERT_EQ(code.size(), 8u);
        EXPECT_TRUE(parse_edrpou(code).ok()) << code;
        EXPECT_EQ(std::stoi(code.substr(0, 7)), first);
    }
}

}  // namespace
}  // namespace cherha::core
