// `cherha token keygen|sign|verify|inspect`, driven as a real process.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <date/tz.h>

#include "core/common/civil.h"

#include "cli_fixture.h"

using namespace cherha::test;
namespace fs = std::filesystem;

namespace {

class TokenCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("cherha-token-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "keys");
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string keygen(const std::string& name) {
        auto doc =
            cli_json({"token", "keygen", "--out", (dir_ / "keys" / (name + ".pem")).string()}, 0);
        return doc["key_id"];
    }
    std::string sign(const std::string& key, const std::string& center, const std::string& day) {
        auto doc = cli_json({"token", "sign", "--key", (dir_ / "keys" / (key + ".pem")).string(),
                             "--booking", "1234567", "--center", center, "--day", day, "--slot",
                             "09:45", "--channel", "terminal"},
                            0);
        return doc["token"];
    }
    fs::path dir_;
};

TEST_F(TokenCommands, KeygenWritesAPrivateKeyOnlyTheOwnerCanRead) {
    const std::string id = keygen("center");
    EXPECT_EQ(id.size(), 8u);
    struct stat st {};
    ASSERT_EQ(::stat((dir_ / "keys" / "center.pem").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_TRUE(fs::exists(dir_ / "keys" / "center.pub.pem"));
    // never overwrites a key
    auto again = cli({"token", "keygen", "--out", (dir_ / "keys" / "center.pem").string()});
    EXPECT_EQ(again.exit_code, 2);
}

TEST_F(TokenCommands, SignedTokenVerifiesAndShowsItsClaims) {
    keygen("center");
    const std::string token = sign("center", "7", "2026-11-24");
    EXPECT_TRUE(token.starts_with("CHERHA:"));
    auto doc = cli_json({"token", "verify", token, "--keys", (dir_ / "keys").string(), "--center",
                         "7", "--today", "2026-11-24"},
                        0);
    EXPECT_EQ(doc["booking_id"], 1234567);
    EXPECT_EQ(doc["slot"], "09:45");
    EXPECT_EQ(doc["channel"], "terminal");
    EXPECT_EQ(doc["day"], "2026-11-24");
}

TEST_F(TokenCommands, EachFailureHasItsOwnAnswer) {
    keygen("center");
    keygen("other");
    const std::string token = sign("center", "7", "2026-11-24");
    const std::string keys = (dir_ / "keys" / "center.pub.pem").string();
    auto code_of = [&](const std::vector<std::string>& args) {
        auto doc = cli_json(args, 1);
        return doc["problem"]["code"].get<std::string>();
    };
    EXPECT_EQ(code_of({"token", "verify", token, "--keys", keys, "--center", "8", "--today",
                       "2026-11-24"}),
              "token.wrong_center");
    EXPECT_EQ(code_of({"token", "verify", token, "--keys", keys, "--center", "7", "--today",
                       "2026-11-25"}),
              "token.wrong_day");
    EXPECT_EQ(
        code_of({"token", "verify", token, "--keys", (dir_ / "keys" / "other.pub.pem").string(),
                 "--center", "7", "--today", "2026-11-24"}),
        "token.unknown_key");
    std::string tampered = token;
    tampered[40] = tampered[40] == 'A' ? 'B' : 'A';
    auto code = code_of(
        {"token", "verify", tampered, "--keys", keys, "--center", "7", "--today", "2026-11-24"});
    EXPECT_TRUE(code == "token.bad_signature" || code == "token.malformed") << code;
    EXPECT_EQ(code_of({"token", "verify", "hello", "--keys", keys, "--center", "7"}),
              "token.malformed");
    // The text names the failure for a clerk.
    auto text =
        cli({"token", "verify", token, "--keys", keys, "--center", "8", "--today", "2026-11-24"});
    EXPECT_NE(text.out.find("center 7"), std::string::npos) << text.out;
}

TEST_F(TokenCommands, RotationOldKeysKeepVerifyingUntilTheirKeyIsRemoved) {
    const std::string old_id = keygen("2026-a");
    const std::string old_token = sign("2026-a", "7", "2026-11-24");
    const std::string new_id = keygen("2026-b");
    const std::string new_token = sign("2026-b", "7", "2026-11-24");
    ASSERT_NE(old_id, new_id);
    const std::vector<std::string> where = {
        "--keys", (dir_ / "keys").string(), "--center", "7", "--today", "2026-11-24"};
    auto verify = [&](const std::string& token, int exit) {
        std::vector<std::string> args{"token", "verify", token};
        args.insert(args.end(), where.begin(), where.end());
        return cli_json(args, exit);
    };
    EXPECT_EQ(verify(old_token, 0)["key_id"], old_id);
    EXPECT_EQ(verify(new_token, 0)["key_id"], new_id);
    // The old key's bookings are past: its public key leaves the folder.
    fs::remove(dir_ / "keys" / "2026-a.pub.pem");
    EXPECT_EQ(verify(old_token, 1)["problem"]["code"], "token.unknown_key");
    EXPECT_EQ(verify(new_token, 0)["key_id"], new_id);
}

TEST_F(TokenCommands, PrivateKeysInTheFolderAreNotReadAsPublicKeys) {
    keygen("center");
    fs::remove(dir_ / "keys" / "center.pub.pem");
    auto r = cli(
        {"token", "verify", "CHERHA:AAAA", "--keys", (dir_ / "keys").string(), "--center", "1"});
    EXPECT_EQ(r.exit_code, 2);  // no public key found: the private key is not used
}

TEST_F(TokenCommands, KeygenNeverFollowsALinkPlantedAtTheOutputPath) {
    const fs::path target = dir_ / "elsewhere.pem";
    fs::create_symlink(target, dir_ / "keys" / "planted.pem");
    auto r = cli({"token", "keygen", "--out", (dir_ / "keys" / "planted.pem").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(fs::exists(target)) << "the private key was written through the link";
}

TEST_F(TokenCommands, TodayDefaultsToTheCentersDayNotTheMachines) {
    keygen("center");
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto kyiv = date::locate_zone("Europe/Kyiv");
    const auto local = date::floor<date::days>(kyiv->to_local(now));
    const std::string today = cherha::core::format_iso_date(date::year_month_day{local});
    const std::string token = sign("center", "7", today);
    // Tests run with TZ=UTC: between 22:00 and 24:00 UTC the machine's date differs from Kyiv's.
    auto doc = cli_json(
        {"token", "verify", token, "--keys", (dir_ / "keys").string(), "--center", "7"}, 0);
    EXPECT_EQ(doc["day"], today);
    auto bad_zone = cli({"token", "verify", token, "--keys", (dir_ / "keys").string(), "--center",
                         "7", "--time-zone", "Mars/Olympus"});
    EXPECT_EQ(bad_zone.exit_code, 2);
}

TEST_F(TokenCommands, InspectShowsClaimsWithoutTheKey) {
    keygen("center");
    auto doc = cli_json({"token", "inspect", sign("center", "3", "2026-12-01")}, 0);
    EXPECT_EQ(doc["center_id"], 3);
    EXPECT_EQ(doc["signature_checked"], false);
}

TEST_F(TokenCommands, BadArgumentsAreUsageErrors) {
    keygen("center");
    const std::string key = (dir_ / "keys" / "center.pem").string();
    const std::vector<std::vector<std::string>> bad = {
        {"token", "sign", "--key", key, "--booking", "-1", "--center", "1", "--day", "2026-11-24",
         "--slot", "09:00"},
        {"token", "sign", "--key", key, "--booking", "1", "--center", "99999999999", "--day",
         "2026-11-24", "--slot", "09:00"},
        {"token", "sign", "--key", key, "--booking", "1", "--center", "1", "--day", "2026-02-30",
         "--slot", "09:00"},
        {"token", "sign", "--key", key, "--booking", "1", "--center", "1", "--day", "2026-11-24",
         "--slot", "24:00"},
        {"token", "sign", "--key", key, "--booking", "1", "--center", "1", "--day", "2026-11-24",
         "--slot", "09:00", "--channel", "fax"},
        {"token", "sign", "--key", "/nonexistent.pem", "--booking", "1", "--center", "1", "--day",
         "2026-11-24", "--slot", "09:00"},
        {"token", "verify", "X", "--keys", "/nonexistent", "--center", "1"},
        {"token", "keygen"},
    };
    for (const auto& args : bad)
        EXPECT_EQ(cli(args).exit_code, 2) << ::testing::PrintToString(args);
    // A public key cannot sign; garbage is not a key: negative answers naming the key problem.
    std::ofstream(dir_ / "garbage.pem")
        << "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    auto doc = cli_json({"token", "sign", "--key", (dir_ / "garbage.pem").string(), "--booking",
                         "1", "--center", "1", "--day", "2026-11-24", "--slot", "09:00"},
                        1);
    EXPECT_TRUE(doc["problem"]["code"].get<std::string>().starts_with("key."));
}

}  // namespace
