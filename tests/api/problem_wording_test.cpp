// Every problem code the server side reports (src/server, src/center, src/store, and the strict
// JSON reader of its request bodies in src/formats) in the families the API words has a sentence
// of its own in src/text/problem_text.cpp, so no client ever gets the generic "Problem ..."
// fallback for them.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "support/source_scan.h"
#include "text/problem_text.h"

namespace {

std::set<std::string> reported_codes() {
    // Codes given to a Problem directly: Problem("family.name" ...
    return cherha::test::problem_codes_in_sources(
        {"src/server", "src/center", "src/store", "src/formats", "src/text"},
        {"request", "auth", "center", "idempotency", "store", "server", "config", "registration",
         "web", "mo"},
        std::regex("Problem\\(\\s*\"([a-z_]+)\\.([a-z_]+)\""));
}

TEST(ProblemWording, EveryServerCodeHasASentence) {
    const auto codes = reported_codes();
    ASSERT_GT(codes.size(), 30u) << "the scan found too few codes: it is broken";
    for (const auto& code : codes)
        EXPECT_TRUE(cherha::text::has_sentence(code)) << code << " has no sentence";
}

TEST(ProblemWording, TheGenericInternalSentenceExists) {
    EXPECT_TRUE(cherha::text::has_sentence("server.internal"));
    EXPECT_TRUE(cherha::text::has_sentence("server.unavailable"));
    EXPECT_TRUE(cherha::text::has_sentence("http.cross_origin"));
}

}  // namespace
