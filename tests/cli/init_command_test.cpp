// cherha init: a center is set up once, in a private data directory.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "cli/center_cli_fixture.h"

namespace cherha::test {
namespace {

namespace fs = std::filesystem;
using InitCommand = CenterCliTest;

TEST_F(InitCommand, CreatesAPrivateDataDirectoryWithADatabase) {
    auto doc = json({"init"}, 0);
    EXPECT_EQ(doc["ok"], true);
    EXPECT_EQ(doc["data_dir"], data());
    EXPECT_EQ(doc["database"], db());
    EXPECT_EQ(doc["center_id"], 1);
    const std::string key_id = doc["key_id"];
    EXPECT_EQ(key_id.size(), 8u);
    ASSERT_TRUE(fs::is_regular_file(db()));
    struct stat st {};
    ASSERT_EQ(::stat(data().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0077, 0u);
    auto keys = json({"key", "list"}, 0);
    ASSERT_EQ(keys["keys"].size(), 1u);
    EXPECT_EQ(keys["keys"][0]["key_id"], key_id);
    EXPECT_EQ(keys["keys"][0]["signing"], true);
    EXPECT_FALSE(keys["keys"][0].contains("private_pem"));
}

TEST_F(InitCommand, TheSecondInitIsRefusedAndChangesNothing) {
    auto first = json({"init"}, 0);
    auto second = json({"init", "--center-id", "9"}, 1);
    EXPECT_EQ(second["ok"], false);
    EXPECT_EQ(second["problem"]["code"], "center.already_initialised");
    auto keys = json({"key", "list"}, 0);
    ASSERT_EQ(keys["keys"].size(), 1u);
    EXPECT_EQ(keys["keys"][0]["key_id"], first["key_id"]);
    auto text = run({"init"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.out.find("Refused"), std::string::npos) << text.out;
}

TEST_F(InitCommand, TakesAScheduleFileAndACenterId) {
    const std::string schedule = file("schedule.json");
    write(schedule, R"({"time_zone": "Europe/Kyiv",
      "weekly": {"mon": {"open": ["08:00-12:00"]}, "tue": {"open": []}, "wed": {"open": []},
                 "thu": {"open": []}, "fri": {"open": []}, "sat": {"open": []},
                 "sun": {"open": []}},
      "windows": [{"id": "a", "number": 1}],
      "services": [{"id": "consult", "name_uk": "Консультація", "name_en": "Consultation",
                    "duration_minutes": 15, "windows": ["a"]}]})");
    auto doc = json({"init", "--schedule", schedule, "--center-id", "4321", "--name-uk",
                     "Тестовий центр", "--name-en", "Test center"},
                    0);
    EXPECT_EQ(doc["center_id"], 4321);
    auto exported = json({"schedule", "export"}, 0);
    ASSERT_EQ(exported["schedule"]["services"].size(), 1u);
    EXPECT_EQ(exported["schedule"]["services"][0]["id"], "consult");
    EXPECT_EQ(exported["schedule"]["weekly"]["mon"]["open"][0], "08:00-12:00");
}

TEST_F(InitCommand, ABadScheduleFileLeavesNoDatabase) {
    const std::string schedule = file("bad.json");
    write(schedule, R"({"time_zone": "Mars/Olympus"})");
    auto doc = json({"init", "--schedule", schedule}, 1);
    EXPECT_EQ(doc["error"], "schedule_file.invalid");
    EXPECT_FALSE(doc["problems"].empty());
    EXPECT_FALSE(fs::exists(db()));
    auto missing = cli({"init", "--schedule", file("missing.json"), "--data", data()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_FALSE(fs::exists(db()));
}

TEST_F(InitCommand, BadOptionValuesAreUsageErrors) {
    for (const char* id : {"0", "abc", "-1", "99999999999"}) {
        auto r = run({"init", "--center-id", id});
        EXPECT_EQ(r.exit_code, 2) << id << r.out << r.err;
    }
    EXPECT_EQ(run({"init", "extra"}).exit_code, 2);
    EXPECT_EQ(run({"init", "--no-such-option"}).exit_code, 2);
    EXPECT_FALSE(fs::exists(db()));
}

TEST_F(InitCommand, AFileInPlaceOfTheDataDirectoryIsRefused) {
    write(data(), "not a directory");
    auto doc = json({"init"}, 1);
    EXPECT_EQ(doc["problem"]["code"], "data_dir.invalid");
    EXPECT_EQ(doc["problem"]["params"]["reason"], "not_a_directory");
    EXPECT_EQ(read(data()), "not a directory");
}

TEST_F(InitCommand, OtherCommandsOnAnEmptyDirectoryCreateNothing) {
    for (std::vector<std::string> args : {std::vector<std::string>{"user", "list"},
                                          {"device", "list"},
                                          {"key", "rotate"},
                                          {"audit", "verify"},
                                          {"purge"},
                                          {"schedule", "export"},
                                          {"backup", file("b.db")}}) {
        auto doc = json(args, 1);
        EXPECT_EQ(doc["problem"]["code"], "center.not_initialised") << args[0];
    }
    EXPECT_FALSE(fs::exists(data()));
    EXPECT_FALSE(fs::exists(file("b.db")));
}

TEST_F(InitCommand, TheDefaultDataDirectoryComesFromTheEnvironment) {
    ::setenv("CHERHA_DATA_DIR", data().c_str(), 1);
    auto r = cli({"init"});
    ::unsetenv("CHERHA_DATA_DIR");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(fs::is_regular_file(db()));
}

TEST_F(InitCommand, SpeaksUkrainian) {
    auto r = run({"init"}, "", "uk");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Центр"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cherha::test
