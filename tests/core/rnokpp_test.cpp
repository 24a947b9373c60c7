// RNOKPP: check digit, birth date, sex and every problem code. All numbers are synthetic.
#include "core/identity/rnokpp.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{date::year{y}, date::month{m}, date::day{d}};
}

TEST(RnokppCheckDigit, HandComputedSums) {
    // -1*1 + 5*2 + 7*3 + 9*4 + 4*5 + 6*6 + 10*7 + 5*8 + 7*9 = 295; 295 mod 11 = 9.
    EXPECT_EQ(rnokpp_check_digit("123456789"), 9);
    // 4*1 (5th) + 7*1 (9th) = 11; 11 mod 11 = 0.
    EXPECT_EQ(rnokpp_check_digit("000010001"), 0);
    // 7*2 = 14; 14 mod 11 = 3.
    EXPECT_EQ(rnokpp_check_digit("000000002"), 3);
    // 7*3 = 21; 21 mod 11 = 10; 10 mod 10 = 0 (the second modulus matters).
    EXPECT_EQ(rnokpp_check_digit("000000003"), 0);
    // -1*9 = -9: the residue mod 11 is 2, not -9 (the negative weight matters).
    EXPECT_EQ(rnokpp_check_digit("900000000"), 2);
}

TEST(RnokppParse, ValidNumberDecodesDateAndSex) {
    const auto r = parse_rnokpp("1234567899");
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->number, "1234567899");
    EXPECT_EQ(r->birth_date, ymd(1933, 10, 19));  // 12345 days after 1899-12-31
    EXPECT_EQ(r->sex, Sex::Male);                 // ninth digit 9 is odd
}

TEST(RnokppParse, FirstDayIs1900January1) {
    const auto r = parse_rnokpp("0000100010");
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->birth_date, ymd(1900, 1, 1));
    EXPECT_EQ(rnokpp_birth_date(1), ymd(1900, 1, 1));
    EXPECT_EQ(rnokpp_birth_date(0), ymd(1899, 12, 31));
    EXPECT_EQ(rnokpp_birth_date(36525), ymd(2000, 1, 1));
    EXPECT_EQ(rnokpp_birth_date(99999), ymd(2173, 10, 14));
}

TEST(RnokppParse, NegativeWeightedSumNumberIsValid) {
    const auto r = parse_rnokpp("9000000002");
    ASSERT_TRUE(r.ok()) << r.problem().code;
    EXPECT_EQ(r->birth_date, ymd(2146, 5, 30));  // 90000 days
    EXPECT_EQ(r->sex, Sex::Female);              // ninth digit 0 is even
}

TEST(RnokppParse, SexFollowsNinthDigitParity) {
    for (int digit = 0; digit <= 9; ++digit) {
        std::string first_nine = "36525000" + std::to_string(digit);
        const std::string number = first_nine + std::to_string(rnokpp_check_digit(first_nine));
        const auto r = parse_rnokpp(number);
        ASSERT_TRUE(r.ok()) << number;
        EXPECT_EQ(r->sex, digit % 2 == 1 ? Sex::Male : Sex::Female) << number;
    }
}

TEST(RnokppParse, SurroundingSpacesIgnored) {
    const auto r = parse_rnokpp("  1234567899\t\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->number, "1234567899");
}

TEST(RnokppParse, Empty) {
    EXPECT_EQ(parse_rnokpp("").problem().code, "rnokpp.empty");
    EXPECT_EQ(parse_rnokpp("   \t ").problem().code, "rnokpp.empty");
}

TEST(RnokppParse, Length) {
    const auto short_one = parse_rnokpp("123456789");
    ASSERT_FALSE(short_one.ok());
    EXPECT_EQ(short_one.problem(), Problem("rnokpp.length", {{"length", "9"}, {"expected", "10"}}));
    const auto long_one = parse_rnokpp("12345678990");
    EXPECT_EQ(long_one.problem(), Problem("rnokpp.length", {{"length", "11"}, {"expected", "10"}}));
    EXPECT_EQ(parse_rnokpp(std::string(100000, '1')).problem().param("length"), "100000");
}

TEST(RnokppParse, NotDigits) {
    EXPECT_EQ(parse_rnokpp("12345678a9").problem(),
              Problem("rnokpp.not_digits", {{"position", "9"}}));
    EXPECT_EQ(parse_rnokpp("O234567899").problem().param("position"), "1");
    // Inner spaces and hyphens are not ignored.
    EXPECT_EQ(parse_rnokpp("12345 67899").problem().param("position"), "6");
    EXPECT_EQ(parse_rnokpp("12345-67899").problem().code, "rnokpp.not_digits");
    // Positions count characters, not bytes: Cyrillic "О" is two bytes.
    EXPECT_EQ(parse_rnokpp("\xD0\x9E\xD0\x9E"
                           "34567899")
                  .problem()
                  .param("position"),
              "1");
    EXPECT_EQ(parse_rnokpp("\xD0\x9E"
                           "2x4567899")
                  .problem()
                  .param("position"),
              "1");
    EXPECT_EQ(parse_rnokpp("1\xD0\x9E"
                           "x4567899")
                  .problem()
                  .param("position"),
              "2");
    // Full-width digits are not ASCII digits.
    EXPECT_EQ(parse_rnokpp("\xEF\xBC\x91"
                           "234567899")
                  .problem()
                  .code,
              "rnokpp.not_digits");
}

TEST(RnokppParse, HostileInput) {
    EXPECT_EQ(parse_rnokpp(std::string("12345\0"
                                       "7899",
                                       10))
                  .problem(),
              Problem("rnokpp.not_digits", {{"position", "6"}}));
    EXPECT_EQ(parse_rnokpp("\xFF\xFE\x80").problem().code, "rnokpp.not_digits");
    EXPECT_EQ(parse_rnokpp("123456789\xC3").problem().param("position"), "10");
}

TEST(RnokppParse, CheckDigit) {
    const auto r = parse_rnokpp("1234567890");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem(), Problem("rnokpp.check_digit", {{"expected", "9"}, {"actual", "0"}}));
    // Every wrong tenth digit of a valid number is refused.
    for (char d = '0'; d <= '9'; ++d) {
        const std::string number = std::string("123456789") + d;
        EXPECT_EQ(parse_rnokpp(number).ok(), d == '9') << number;
    }
    // A changed eighth digit moves the sum by 5: 300 mod 11 = 3, not 9.
    EXPECT_EQ(parse_rnokpp("1234567999").problem().param("expected"), "3");
}

TEST(RnokppParse, ZeroDaysIsNoBirthDate) {
    // 00000 with a valid check digit: 0000000000 (sum 0).
    const auto r = parse_rnokpp("0000000000");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem(), Problem("rnokpp.birth_date", {{"days", "00000"}}));
    // 00001 is fine.
    EXPECT_TRUE(parse_rnokpp("0000100010").ok());
}

TEST(RnokppCompose, RoundTripOverManyDates) {
    const date::sys_days first{ymd(1900, 1, 1)};
    const date::sys_days last{ymd(2173, 10, 14)};
    int count = 0;
    for (date::sys_days day = first; day <= last; day += date::days{37}) {
        const Date birth{day};
        const int serial = count % 1000;
        const Sex sex = count % 2 == 0 ? Sex::Male : Sex::Female;
        const std::string number = compose_rnokpp(birth, serial, sex);
        ASSERT_EQ(number.size(), 10u);
        const auto r = parse_rnokpp(number);
        ASSERT_TRUE(r.ok()) << number << " " << r.problem().code;
        EXPECT_EQ(r->birth_date, birth) << number;
        EXPECT_EQ(r->sex, sex) << number;
        EXPECT_EQ(std::stoi(number.substr(5, 3)), serial) << number;
        ++count;
    }
    EXPECT_GT(count, 2500);
    // Both ends exactly.
    EXPECT_EQ(compose_rnokpp(ymd(1900, 1, 1), 0, Sex::Male), "0000100010");
    EXPECT_EQ(parse_rnokpp(compose_rnokpp(ymd(2173, 10, 14), 999, Sex::Female))->birth_date,
              ymd(2173, 10, 14));
    EXPECT_EQ(compose_rnokpp(ymd(2000, 2, 29), 123, Sex::Female).substr(0, 8), "36584123");
}

TEST(RnokppCompose, OutOfRangeInputIsClampedNotCrashed) {
    const auto before = parse_rnokpp(compose_rnokpp(ymd(1850, 1, 1), -5, Sex::Male));
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->birth_date, ymd(1900, 1, 1));
    EXPECT_EQ(before->number.substr(5, 3), "000");
    const auto after = parse_rnokpp(compose_rnokpp(ymd(2500, 1, 1), 5000, Sex::Female));
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->birth_date, ymd(2173, 10, 14));
    EXPECT_EQ(after->number.substr(5, 3), "999");
    EXPECT_TRUE(parse_rnokpp(compose_rnokpp(ymd(2001, 2, 30), 1, Sex::Male)).ok());
    EXPECT_EQ(rnokpp_birth_date(-100), ymd(1899, 12, 31));
    EXPECT_EQ(rnokpp_birth_date(2147483647), ymd(2173, 10, 14));
    EXPECT_EQ(rnokpp_check_digit(""), 0);
    EXPECT_EQ(rnokpp_check_digit("12"), rnokpp_check_digit("120000000"));
}

TEST(RnokppBirthDate, ContradictionIsAProblem) {
    const auto r = parse_rnokpp(compose_rnokpp(ymd(1985, 7, 14), 42, Sex::Female));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(check_rnokpp_birth_date(*r, ymd(1985, 7, 14)), std::nullopt);
    const auto day_after = check_rnokpp_birth_date(*r, ymd(1985, 7, 15));
    ASSERT_TRUE(day_after.has_value());
    EXPECT_EQ(*day_after,
              Problem("rnokpp.birth_date_mismatch",
                      {{"rnokpp_date", "1985-07-14"}, {"registered_date", "1985-07-15"}}));
    EXPECT_TRUE(check_rnokpp_birth_date(*r, ymd(1985, 7, 13)).has_value());
    EXPECT_TRUE(check_rnokpp_birth_date(*r, ymd(1986, 7, 14)).has_value());
}

}  // namespace
}  // namespace cherha::core
