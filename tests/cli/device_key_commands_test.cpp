// cherha device add|revoke|list and cherha key rotate|list.
#include <gtest/gtest.h>

#include "cli/center_cli_fixture.h"
#include "core/auth/session_token.h"

namespace cherha::test {
namespace {

class DeviceKeyCommands : public CenterCliTest {
  protected:
    void SetUp() override { init(); }
};

TEST_F(DeviceKeyCommands, AddPrintsATokenOnceAndStoresOnlyItsDigest) {
    auto doc = json({"device", "add", "kiosk-1", "--kind", "kiosk"}, 0);
    const std::string token = doc["token"];
    EXPECT_TRUE(core::is_session_token_well_formed(token)) << token;
    EXPECT_EQ(doc["kind"], "kiosk");
    // The database file never holds the token itself.
    EXPECT_EQ(read(db()).find(token), std::string::npos);
    EXPECT_EQ(read(db() + "-wal").find(token), std::string::npos);

    auto text = run({"device", "add", "board-1", "--kind", "board"});
    ASSERT_EQ(text.exit_code, 0);
    // The token is on a line of its own.
    const auto line_start = text.out.find("\n  ");
    ASSERT_NE(line_start, std::string::npos) << text.out;
    const std::string printed = text.out.substr(line_start + 3, core::kSessionTokenLength);
    EXPECT_TRUE(core::is_session_token_well_formed(printed)) << text.out;
    EXPECT_NE(printed, token);

    auto list = json({"device", "list"}, 0);
    ASSERT_EQ(list["devices"].size(), 2u);
    EXPECT_EQ(list["devices"][0]["name"], "board-1");
    EXPECT_EQ(list["devices"][1]["kind"], "kiosk");
    EXPECT_EQ(list.dump().find(token), std::string::npos);
}

TEST_F(DeviceKeyCommands, RevokeWorksOnce) {
    ASSERT_EQ(run({"device", "add", "kiosk-1", "--kind", "kiosk"}).exit_code, 0);
    EXPECT_EQ(json({"device", "revoke", "kiosk-1"}, 0)["revoked"], true);
    auto list = json({"device", "list"}, 0);
    EXPECT_EQ(list["devices"][0]["revoked"], true);
    EXPECT_TRUE(list["devices"][0].contains("revoked_at"));
    EXPECT_EQ(json({"device", "revoke", "kiosk-1"}, 1)["problem"]["code"], "device.not_found");
    EXPECT_EQ(json({"device", "revoke", "kiosk-9"}, 1)["problem"]["code"], "device.not_found");
}

TEST_F(DeviceKeyCommands, BadDeviceArgumentsAreRefused) {
    EXPECT_EQ(run({"device", "add", "kiosk-1", "--kind", "printer"}).exit_code, 2);
    EXPECT_EQ(run({"device", "add", "kiosk-1"}).exit_code, 2);
    EXPECT_EQ(json({"device", "add", "kiosk 1", "--kind", "kiosk"}, 1)["problem"]["code"],
              "device.name_invalid");
    ASSERT_EQ(run({"device", "add", "kiosk-1", "--kind", "kiosk"}).exit_code, 0);
    EXPECT_EQ(json({"device", "add", "kiosk-1", "--kind", "board"}, 1)["problem"]["code"],
              "store.duplicate");
    EXPECT_EQ(json({"device", "list"}, 0)["devices"].size(), 1u);
}

TEST_F(DeviceKeyCommands, KeyRotationKeepsTheOldKeyVerifying) {
    const std::string first = json({"key", "list"}, 0)["keys"][0]["key_id"];
    auto rotated = json({"key", "rotate"}, 0);
    const std::string second = rotated["key_id"];
    EXPECT_NE(second, first);
    ASSERT_EQ(rotated["verifying_key_ids"].size(), 1u);
    EXPECT_EQ(rotated["verifying_key_ids"][0], first);
    auto keys = json({"key", "list"}, 0)["keys"];
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0]["key_id"], first);
    EXPECT_EQ(keys[0]["signing"], false);
    EXPECT_EQ(keys[0]["retired"], false);
    EXPECT_EQ(keys[1]["key_id"], second);
    EXPECT_EQ(keys[1]["signing"], true);
    const std::string pem = keys[1]["public_pem"];
    EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
}

}  // namespace
}  // namespace cherha::test
