// Every Problem code the core, the QR library and the file formats can report has a sentence
// of its own in the command line's catalog, so a user never sees a bare code.
#include "text/problem_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "text/i18n.h"

namespace fs = std::filesystem;
using cherha::text::describe_problem;
using cherha::text::has_sentence;

namespace {

// Every string literal shaped like a problem code ("family.name") in the given source folders.
std::set<std::string> codes_in_sources() {
    const std::set<std::string> families = {
        "block",    "password",     "pow",      "session",    "auth",          "abuse",
        "rate",     "booking_code", "calendar", "cancel",     "document",      "edrpou",
        "key",      "mrz",          "online",   "qr",         "quota",         "registration",
        "retake",   "rnokpp",       "rules",    "schedule",   "schedule_file", "slots",
        "terminal", "ticket",       "token",    "transition", "verification"};
    const std::regex literal("\"([a-z_]+)\\.([a-z_]+)\"");
    std::set<std::string> codes;
    for (const char* dir : {"src/core", "src/qr", "src/formats"}) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(CHERHA_SOURCE_DIR) / dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end;
                 ++it) {
                if (families.count((*it)[1].str()))
                    codes.insert((*it)[1].str() + "." + (*it)[2].str());
            }
        }
    }
    return codes;
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
