// Every problem code the server side reports (src/server, src/center, src/store) in the families
// the API words has a sentence of its own in src/text/problem_text.cpp, so no client ever gets the
// generic "Problem ..." fallback for them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "text/problem_text.h"

namespace {

namespace fs = std::filesystem;

std::set<std::string> reported_codes() {
    const std::set<std::string> families = {"request", "auth",   "center",      "idempotency",
                                            "store",   "server", "config",      "registration"};
    // Codes given to a Problem directly: Problem("family.name" ...
    const std::regex literal("Problem\\(\\s*\"([a-z_]+)\\.([a-z_]+)\"");
    std::set<std::string> codes;
    for (const char* dir : {"src/server", "src/center", "src/store"}) {
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

TEST(ProblemWording, EveryServerCodeHasASentence) {
    const auto codes = reported_codes();
    ASSERT_GT(codes.size(), 30u) << "the scan found too few codes: it is broken";
    for (const auto& code : codes)
        EXPECT_TRUE(cherha::text::has_sentence(code)) << code << " has no sentence";
}

TEST(ProblemWording, TheGenericInternalSentenceExists) {
    EXPECT_TRUE(cherha::text::has_sentence("server.internal"));
    EXPECT_TRUE(cherha::text::has_sentence("server.unavailable"));
}

}  // namespace
