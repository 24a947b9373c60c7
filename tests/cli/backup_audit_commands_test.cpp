// cherha backup / restore round trip, and cherha audit verify before and after tampering.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "cli/center_cli_fixture.h"

namespace cherha::test {
namespace {

namespace fs = std::filesystem;

class BackupAuditCommands : public CenterCliTest {
  protected:
    void SetUp() override { init(); }

    std::vector<std::string> logins() {
        std::vector<std::string> out;
        const auto list = json({"user", "list"}, 0);
        for (const auto& s : list["staff"]) out.push_back(s["login"]);
        return out;
    }

    // Runs SQL on the database directly, as an intruder with file access would.
    void tamper(const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(this->db().c_str(), &db), SQLITE_OK);
        char* error = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
        sqlite3_free(error);
        sqlite3_close(db);
    }
};

TEST_F(BackupAuditCommands, BackupThenRestoreRoundTrips) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "first-password\n").exit_code, 0);
    ASSERT_EQ(run({"device", "add", "kiosk-1", "--kind", "kiosk"}).exit_code, 0);
    const std::string backup = file("backup.db");
    EXPECT_EQ(json({"backup", backup}, 0)["file"], backup);
    ASSERT_TRUE(fs::is_regular_file(backup));
    EXPECT_EQ(fs::status(backup).permissions() & (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none);

    // Changes after the backup ...
    ASSERT_EQ(run({"user", "add", "boris", "--role", "admin"}, "boris-password\n").exit_code, 0);
    ASSERT_EQ(run({"device", "revoke", "kiosk-1"}).exit_code, 0);
    EXPECT_EQ(logins(), (std::vector<std::string>{"anna", "boris"}));
    // ... are gone after the restore.
    EXPECT_EQ(json({"restore", backup}, 0)["ok"], true);
    EXPECT_EQ(logins(), std::vector<std::string>{"anna"});
    EXPECT_EQ(json({"device", "list"}, 0)["devices"][0]["revoked"], false);
    EXPECT_EQ(json({"audit", "verify"}, 0)["ok"], true);
}

TEST_F(BackupAuditCommands, RestoreIntoAnEmptyDirectory) {
    const std::string backup = file("backup.db");
    ASSERT_EQ(run({"backup", backup}).exit_code, 0);
    const std::string other = file("other");
    auto r = cli({"restore", backup, "--data", other, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(fs::is_regular_file(other + "/cherha.db"));
    auto keys = cli({"key", "list", "--data", other, "--json"});
    EXPECT_EQ(keys.exit_code, 0);
}

TEST_F(BackupAuditCommands, ABackupNeverOverwritesAFile) {
    const std::string existing = file("existing.db");
    write(existing, "keep me");
    EXPECT_EQ(run({"backup", existing}).exit_code, 2);
    EXPECT_EQ(read(existing), "keep me");
}

TEST_F(BackupAuditCommands, ABadBackupIsRefusedAndTheDatabaseKept) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "first-password\n").exit_code, 0);
    const std::string junk = file("junk.db");
    write(junk, std::string(4096, 'x'));
    auto doc = json({"restore", junk}, 1);
    EXPECT_EQ(doc["ok"], false);
    EXPECT_EQ(doc["problem"]["code"], "store.not_cherha");
    EXPECT_EQ(logins(), std::vector<std::string>{"anna"});
    EXPECT_EQ(run({"restore", file("missing.db")}).exit_code, 2);
    EXPECT_EQ(logins(), std::vector<std::string>{"anna"});
}

TEST_F(BackupAuditCommands, AuditVerifyFindsAnEditedEntry) {
    ASSERT_EQ(run({"device", "add", "kiosk-1", "--kind", "kiosk"}).exit_code, 0);
    ASSERT_EQ(run({"device", "add", "board-1", "--kind", "board"}).exit_code, 0);
    auto ok = json({"audit", "verify"}, 0);
    EXPECT_EQ(ok["ok"], true);
    EXPECT_EQ(ok["entries"], 3);
    EXPECT_NE(run({"audit", "verify"}).out.find("intact"), std::string::npos);

    // The store refuses edits of the log; an intruder drops the guard and edits entry 2.
    tamper(
        "DROP TRIGGER audit_log_no_update;"
        "UPDATE audit_log SET details = '{\"kind\":\"board\",\"name\":\"kiosk-1\"}' "
        "WHERE seq = 2;");
    auto broken = json({"audit", "verify"}, 1);
    EXPECT_EQ(broken["ok"], false);
    EXPECT_EQ(broken["first_broken"], 2);
    auto text = run({"audit", "verify"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.out.find("2"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace cherha::test
