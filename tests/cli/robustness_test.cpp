// Whatever the command line is given, it answers with an exit status of 0, 1 or 2 and,
// with --json, exactly one JSON document: it never crashes.
#include <gtest/gtest.h>

#include <random>

#include "cli_fixture.h"

using namespace cherha::test;

namespace {

std::vector<std::string> hostile_words() {
    std::vector<std::string> words = {"",
                                      "-",
                                      "--",
                                      "---",
                                      "--=",
                                      "--json=1",
                                      std::string(100000, '9'),
                                      std::string(5000, '<'),
                                      std::string("\0abc", 4),
                                      "\xFF\xFE\xFD",
                                      "%s%n%x",
                                      "'; DROP TABLE bookings; --",
                                      "АВ123456\n\n",
                                      "\xE2\x80\xAE\xD0\x9E",
                                      "../../../../etc/passwd",
                                      "/dev/null",
                                      "-1",
                                      "99999999999999999999999999",
                                      "--help",
                                      "-h",
                                      "--version",
                                      "--lang"};
    return words;
}

TEST(Robustness, EveryCommandSurvivesHostileArguments) {
    const std::vector<std::vector<std::string>> prefixes = {{},
                                                            {"id"},
                                                            {"id", "check"},
                                                            {"translit"},
                                                            {"mrz", "parse"},
                                                            {"qr", "decode"},
                                                            {"qr", "encode"},
                                                            {"token", "verify"},
                                                            {"token", "sign"},
                                                            {"slots"},
                                                            {"bogus"}};
    for (const auto& prefix : prefixes) {
        for (const auto& word : hostile_words()) {
            std::vector<std::string> args{"--json"};
            args.insert(args.end(), prefix.begin(), prefix.end());
            args.push_back(word);
            auto r = cli(args, word);
            EXPECT_EQ(r.signal, 0) << "crashed on " << ::testing::PrintToString(args);
            EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
                << r.exit_code << " for " << ::testing::PrintToString(args);
            EXPECT_TRUE(nlohmann::json::accept(r.out))
                << ::testing::PrintToString(args) << " printed: " << r.out.substr(0, 400);
        }
    }
}

TEST(Robustness, HelpWithJsonIsJson) {
    auto all = cli_json({"--help"}, 0);
    EXPECT_GE(all["commands"].size(), 10u);
    auto one = cli_json({"token", "sign", "--help"}, 0);
    EXPECT_NE(one["usage"].get<std::string>().find("token sign"), std::string::npos);
}

TEST(Robustness, HelpAndVersion) {
    auto help = cli({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("id check"), std::string::npos);
    auto none = cli({});
    EXPECT_EQ(none.exit_code, 2);
    auto version = cli_json({"--version"}, 0);
    EXPECT_TRUE(version.contains("version"));
    auto lang = cli({"--lang", "de", "--help"});
    EXPECT_EQ(lang.exit_code, 2);
}

}  // namespace
