// `cherha id check`, driven as a real process.
#include <gtest/gtest.h>

#include "cli_fixture.h"
#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"

using namespace cherha::test;
using cherha::core::compose_edrpou;
using cherha::core::compose_rnokpp;
using cherha::core::Sex;

namespace {

std::string synthetic_rnokpp() {
    return compose_rnokpp(date::year{1994} / 8 / 12, 123, Sex::Female);
}

TEST(IdCheck, ValidRnokppShowsBirthDateAndSex) {
    auto doc = cli_json({"id", "check", synthetic_rnokpp()}, 0);
    EXPECT_EQ(doc["kind"], "rnokpp");
    EXPECT_EQ(doc["valid"], true);
    EXPECT_EQ(doc["birth_date"], "1994-08-12");
    EXPECT_EQ(doc["sex"], "female");
}

TEST(IdCheck, WrongCheckDigitSaysWhichDigitIsExpected) {
    std::string number = synthetic_rnokpp();
    const char good = number.back();
    number.back() = good == '9' ? '0' : static_cast<char>(good + 1);
    auto doc = cli_json({"id", "check", number}, 1);
    EXPECT_EQ(doc["valid"], false);
    EXPECT_EQ(doc["problem"]["code"], "rnokpp.check_digit");
    EXPECT_EQ(doc["problem"]["params"]["expected"], std::string(1, good));
    EXPECT_NE(doc["problem"]["message"].get<std::string>().find(std::string(1, good)),
              std::string::npos);
}

TEST(IdCheck, TextOutputNamesTheReason) {
    auto r = cli({"id", "check", "12345"}, {}, "en");
    // 5 digits fit no shape: neither RNOKPP nor EDRPOU nor document
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("RNOKPP"), std::string::npos) << r.out;
    auto typed = cli({"id", "check", "12345", "--type", "rnokpp"}, {}, "en");
    EXPECT_EQ(typed.exit_code, 1);
    EXPECT_NE(typed.out.find("10 digits"), std::string::npos) << typed.out;
}

TEST(IdCheck, UkrainianIsTheDefaultLanguage) {
    auto r = run_process(CHERHA_EXE, {"id", "check", synthetic_rnokpp()}, {},
                         {"CHERHA_LANG=", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG="});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Дата народження"), std::string::npos) << r.out;
    auto en = cli({"--lang", "en", "id", "check", synthetic_rnokpp()});
    EXPECT_NE(en.out.find("Date of birth"), std::string::npos) << en.out;
}

TEST(IdCheck, Edrpou) {
    const std::string code = compose_edrpou(3210987);
    auto doc = cli_json({"id", "check", code}, 0);
    EXPECT_EQ(doc["kind"], "edrpou");
    std::string wrong = code;
    wrong.back() = wrong.back() == '9' ? '0' : static_cast<char>(wrong.back() + 1);
    auto bad = cli_json({"id", "check", wrong}, 1);
    EXPECT_EQ(bad["problem"]["code"], "edrpou.check_digit");
}

TEST(IdCheck, DocumentNumbersAreDetectedAndCanonicalised) {
    auto book = cli_json({"id", "check", "АВ123456"}, 0);
    EXPECT_EQ(book["document_type"], "passport_book");
    auto card = cli_json({"id", "check", "001234567"}, 0);
    EXPECT_EQ(card["document_type"], "id_card");
    // Latin look-alikes typed for a passport book are folded to Cyrillic.
    auto folded = cli_json({"id", "check", "ab123456", "--type", "passport_book"}, 0);
    EXPECT_EQ(folded["number"], "АВ123456");
}

TEST(IdCheck, UsageErrors) {
    EXPECT_EQ(cli({"id", "check"}).exit_code, 2);
    EXPECT_EQ(cli({"id", "check", "1", "2"}).exit_code, 2);
    EXPECT_EQ(cli({"id", "check", "1", "--type", "nonsense"}).exit_code, 2);
    EXPECT_EQ(cli({"id", "check", "1", "--type"}).exit_code, 2);
    auto doc = cli_json({"id", "check", "1", "--type", "nonsense"}, 2);
    EXPECT_EQ(doc["error"], "usage.unknown_type");
}

}  // namespace
