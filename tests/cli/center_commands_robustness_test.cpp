// The commands of a center's data directory answer hostile arguments and input with exit status
// 0, 1 or 2 and one JSON document, never a crash, and never leave a stray database behind.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/center_cli_fixture.h"

namespace cherha::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> hostile_words() {
    return {"",
            "--",
            std::string(100000, '9'),
            "\xFF\xFE\xFD",
            "'; DROP TABLE staff; --",
            "../../../../etc/passwd",
            "/dev/null",
            "--data"};
}

using CenterCommandsRobustness = CenterCliTest;

TEST_F(CenterCommandsRobustness, EveryCommandSurvivesHostileArguments) {
    init();
    // The command's words, then the options before the hostile word.
    struct Prefix {
        std::vector<std::string> command;
        std::vector<std::string> options;
    };
    const std::vector<Prefix> prefixes = {
        {{"user", "add"}, {}},      {{"user", "add", "anna"}, {"--role"}},
        {{"user", "passwd"}, {}},   {{"device", "add", "kiosk-1"}, {"--kind"}},
        {{"device", "revoke"}, {}}, {{"restore"}, {}},
        {{"purge"}, {"--now"}},     {{"schedule", "import"}, {}},
        {{"init"}, {"--schedule"}}};
    for (const auto& prefix : prefixes) {
        for (const auto& word : hostile_words()) {
            // --json first (after a hostile "--" every word is literal); --data after the
            // command's words (they name the command).
            std::vector<std::string> args{"--json"};
            args.insert(args.end(), prefix.command.begin(), prefix.command.end());
            args.insert(args.end(), {"--data", data()});
            args.insert(args.end(), prefix.options.begin(), prefix.options.end());
            args.push_back(word);
            auto r = cli(args, word + "\n");
            EXPECT_EQ(r.signal, 0) << "crashed on " << ::testing::PrintToString(args);
            EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
                << r.exit_code << " for " << ::testing::PrintToString(args);
            EXPECT_TRUE(nlohmann::json::accept(r.out))
                << ::testing::PrintToString(args) << " printed: " << r.out.substr(0, 400);
            // The command itself answered (not "unknown command").
            EXPECT_EQ(r.out.find("usage.unknown_command"), std::string::npos)
                << ::testing::PrintToString(args);
        }
    }
    // The center is still sound, and nothing was added by the hostile input.
    EXPECT_EQ(json({"audit", "verify"}, 0)["ok"], true);
    EXPECT_TRUE(json({"user", "list"}, 0)["staff"].empty());
    EXPECT_EQ(json({"key", "list"}, 0)["keys"].size(), 1u);  // no stray argument rotated a key
}

TEST_F(CenterCommandsRobustness, HostileDataDirectoriesAreRefused) {
    for (const std::string& dir : {std::string("/dev/null"), std::string("/etc/passwd"),
                                   std::string("/proc/self/nonexistent-dir")}) {
        auto r = cli({"init", "--json", "--data", dir});
        EXPECT_EQ(r.exit_code, 1) << dir << r.out;
        EXPECT_TRUE(nlohmann::json::accept(r.out));
    }
    auto empty = cli({"user", "list", "--json", "--data", ""});
    EXPECT_EQ(empty.exit_code, 1);
    ASSERT_TRUE(nlohmann::json::accept(empty.out));
    EXPECT_EQ(nlohmann::json::parse(empty.out)["problem"]["code"], "data_dir.invalid");
}

}  // namespace
}  // namespace cherha::test
