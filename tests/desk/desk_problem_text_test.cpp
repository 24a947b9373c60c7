// Every problem code the desk's models report has a sentence (src/text/problem_text.cpp), in
// both languages, with every parameter filled: the clerk never reads a bare code.
#include <gtest/gtest.h>

#include <regex>

#include "support/source_scan.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace {

TEST(DeskProblemText, EveryCodeOfTheDeskModelsHasASentence) {
    const auto codes = cherha::test::problem_codes_in_sources(
        {"src/desk"}, {"desk", "store"}, std::regex("\"([a-z_]+)\\.([a-z_]+)\""));
    ASSERT_GE(codes.size(), 4u) << "the scan found too few codes: it is broken";
    for (const auto& code : codes)
        EXPECT_TRUE(cherha::text::has_sentence(code)) << code << " has no sentence";
}

TEST(DeskProblemText, OutboxSentencesAreFilledInBothLanguages) {
    const cherha::core::Problem problems[] = {
        {"desk.outbox_request", {{"field", "request_path"}, {"reason", "not_api"}}},
        {"desk.outbox_too_new", {{"found", "9"}, {"supported", "1"}}},
        {"desk.outbox_entry", {{"seq", "12"}}},
    };
    for (const auto& p : problems) {
        cherha::text::activate_language(cherha::text::Language::English);
        const std::string english = cherha::text::describe_problem(p);
        cherha::text::activate_language(cherha::text::Language::Ukrainian);
        const std::string ukrainian = cherha::text::describe_problem(p);
        for (const auto& text : {english, ukrainian}) {
            EXPECT_EQ(text.find('{'), std::string::npos) << text;
            EXPECT_EQ(text.find(p.code), std::string::npos) << text;  // a sentence, not a code
        }
        // A missing translation would fall back to the English sentence.
        EXPECT_NE(ukrainian, english) << english;
    }
    cherha::text::activate_language(cherha::text::Language::English);
    EXPECT_EQ(cherha::text::describe_problem(problems[2]),
              "There is no refused request number 12 in the outbox.");
    // The field and the reason are worded in the clerk's language, not shown as ids.
    cherha::text::activate_language(cherha::text::Language::Ukrainian);
    for (const char* field :
         {"request_method", "request_path", "request_body", "booking_id", "staff_login"})
        for (const char* reason : {"not_sendable", "not_api", "too_long", "not_printable_ascii",
                                   "negative", "dot_segment", "empty"}) {
            const std::string text = cherha::text::describe_problem(
                {"desk.outbox_request", {{"field", field}, {"reason", reason}}});
            EXPECT_EQ(text.find(field), std::string::npos) << text;
            EXPECT_EQ(text.find(reason), std::string::npos) << text;
        }
}

}  // namespace
