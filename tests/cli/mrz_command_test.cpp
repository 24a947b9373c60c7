// `cherha mrz parse`, driven as a real process with the ICAO 9303 specimen lines.
#include <gtest/gtest.h>

#include "cli_fixture.h"

using namespace cherha::test;

namespace {

const std::string kTd3 =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
const std::string kTd1 =
    "I<UTOD231458907<<<<<<<<<<<<<<<\n"
    "7408122F1204159UTO<<<<<<<<<<<6\n"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";

TEST(MrzParse, Td3FromStdinAsAReaderTypesIt) {
    std::string crlf;
    for (char c : kTd3) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    auto doc = cli_json({"mrz", "parse", "--today", "2026-11-24"}, 0, crlf);
    EXPECT_EQ(doc["valid"], true);
    EXPECT_EQ(doc["format"], "td3");
    EXPECT_EQ(doc["surname"], "ERIKSSON");
    EXPECT_EQ(doc["given_names"], "ANNA MARIA");
    EXPECT_EQ(doc["birth_date"], "1974-08-12");
    EXPECT_EQ(doc["document_number"], "L898902C3");
    EXPECT_TRUE(doc["problems"].empty());
}

TEST(MrzParse, Td1AsArgumentsInLowerCase) {
    auto doc = cli_json({"mrz", "parse", "i<utod231458907<<<<<<<<<<<<<<<",
                         "7408122f1204159uto<<<<<<<<<<<6", "eriksson<<anna<maria<<<<<<<<<<"},
                        0);
    EXPECT_EQ(doc["format"], "td1");
    EXPECT_EQ(doc["document_number"], "D23145890");
    EXPECT_EQ(doc["sex"], "female");
}

TEST(MrzParse, EveryBadCheckDigitIsListed) {
    std::string bad = kTd3;
    bad[44 + 9] = '7';   // document number check digit (6 -> 7)
    bad[44 + 19] = '3';  // birth date check digit (2 -> 3)
    auto doc = cli_json({"mrz", "parse"}, 1, bad);
    EXPECT_EQ(doc["valid"], false);
    std::vector<std::string> fields;
    for (const auto& p : doc["problems"]) {
        EXPECT_EQ(p["code"], "mrz.check_digit");
        fields.push_back(p["params"]["field"]);
    }
    EXPECT_NE(std::find(fields.begin(), fields.end(), "document_number"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "birth_date"), fields.end());
    auto text = cli({"mrz", "parse"}, bad);
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.out.find("document number"), std::string::npos) << text.out;
}

TEST(MrzParse, GarbageAndEmptyInputAreNegativeAnswers) {
    auto empty = cli_json({"mrz", "parse"}, 1, "");
    EXPECT_EQ(empty["problems"][0]["code"], "mrz.empty");
    auto short_lines = cli_json({"mrz", "parse"}, 1, "P<UTO\nL898\n");
    EXPECT_EQ(short_lines["problems"][0]["code"], "mrz.format");
    auto huge = cli({"mrz", "parse"}, std::string(200000, '<'));
    EXPECT_EQ(huge.exit_code, 2);  // more than the command reads from stdin
    EXPECT_EQ(cli({"mrz", "parse", "--today", "yesterday"}, kTd3).exit_code, 2);
}

}  // namespace
