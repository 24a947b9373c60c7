// Every Problem code the core, the QR library and the file formats can report has a sentence
// of its own in the command line's catalog, so a user never sees a bare code.
#include "text/problem_text.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "support/source_scan.h"
#include "text/i18n.h"

using cherha::text::describe_problem;
using cherha::text::has_sentence;

namespace {

// Every string literal shaped like a problem code ("family.name") in the given source folders.
std::set<std::string> codes_in_sources() {
    return cherha::test::problem_codes_in_sources(
        {"src/core", "src/qr", "src/formats"},
        {"block",    "password",     "pow",      "session",    "auth",          "abuse",
         "rate",     "booking_code", "calendar", "cancel",     "document",      "edrpou",
         "key",      "mrz",          "online",   "qr",         "quota",         "registration",
         "retake",   "rnokpp",       "rules",    "schedule",   "schedule_file", "slots",
         "terminal", "ticket",       "token",    "transition", "verification"},
        std::regex("\"([a-z_]+)\\.([a-z_]+)\""));
}

TEST(ProblemText, EveryCodeOfTheCoreHasASentence) {
    const auto codes = codes_in_sources();
    ASSERT_GT(codes.size(), 100u) << "the scan found too few codes: it is broken";
    for (const auto& code : codes) EXPECT_TRUE(has_sentence(code)) << code << " has no sentence";
}

TEST(ProblemText, ParametersAreFilledAndValuesWorded) {
    cherha::text::activate_language(cherha::text::Language::English);
    const cherha::core::Problem p(
        "mrz.check_digit",
        {{"line", "2"}, {"field", "birth_date"}, {"expected", "2"}, {"actual", "3"}});
    const std::string text = describe_problem(p);
    EXPECT_EQ(text, "Line 2: the check digit of the date of birth is 3, it should be 2.");
    EXPECT_EQ(text.find('{'), std::string::npos);
}

TEST(ProblemText, UnknownCodeStillNamesTheCode) {
    const std::string text = describe_problem(cherha::core::Problem("future.thing", {{"x", "1"}}));
    EXPECT_NE(text.find("future.thing"), std::string::npos);
    EXPECT_NE(text.find("x=1"), std::string::npos);
}

}  // namespace
