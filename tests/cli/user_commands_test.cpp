// cherha user add|passwd|disable|list: passwords come from standard input only, and the rules
// of logins and passwords hold at the command line too.
#include <gtest/gtest.h>

#include "cli/center_cli_fixture.h"
#include "core/auth/password_hash.h"
#include "store/sqlite_store.h"

namespace cherha::test {
namespace {

class UserCommands : public CenterCliTest {
  protected:
    void SetUp() override { init(); }

    // The stored password hash of `login` ("" when there is no such account).
    std::string hash_of(const std::string& login) {
        auto store = store::SqliteStore::open(db());
        if (!store) return "";
        auto session = (*store)->read();
        if (!session) return "";
        auto staff = (*session)->staff_by_login(login);
        if (!staff || !staff->has_value()) return "";
        return (*staff)->password_hash;
    }
};

TEST_F(UserCommands, AddReadsAPipedPasswordAndListShowsTheRoles) {
    auto added = json({"user", "add", "anna", "--role", "supervisor", "--name", "Анна Коваль"}, 0,
                      "first-password\n");
    EXPECT_EQ(added["login"], "anna");
    EXPECT_EQ(added["role"], "supervisor");
    EXPECT_TRUE(core::verify_password("first-password", hash_of("anna")));
    // Without a final newline too.
    ASSERT_EQ(run({"user", "add", "boris", "--role", "admin"}, "boris-password").exit_code, 0);
    EXPECT_TRUE(core::verify_password("boris-password", hash_of("boris")));

    auto list = json({"user", "list"}, 0);
    ASSERT_EQ(list["staff"].size(), 2u);
    EXPECT_EQ(list["staff"][0]["login"], "anna");
    EXPECT_EQ(list["staff"][0]["role"], "supervisor");
    EXPECT_EQ(list["staff"][0]["name"], "Анна Коваль");
    EXPECT_EQ(list["staff"][1]["role"], "admin");
    EXPECT_FALSE(list["staff"][0].contains("password_hash"));
    auto text = run({"user", "list"});
    EXPECT_NE(text.out.find("supervisor"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Анна Коваль"), std::string::npos);
    EXPECT_EQ(text.out.find("pbkdf2"), std::string::npos);
}

TEST_F(UserCommands, AShortPasswordIsRefused) {
    auto doc = json({"user", "add", "anna", "--role", "clerk"}, 1, "short\n");
    EXPECT_EQ(doc["problem"]["code"], "staff.password_too_short");
    EXPECT_EQ(doc["problem"]["params"]["min"], "10");
    EXPECT_TRUE(json({"user", "list"}, 0)["staff"].empty());
}

TEST_F(UserCommands, NoPasswordAtAllIsAUsageError) {
    auto r = run({"user", "add", "anna", "--role", "clerk"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(json({"user", "list"}, 0)["staff"].empty());
}

TEST_F(UserCommands, APasswordIsNeverTakenFromTheCommandLine) {
    auto r = run({"user", "add", "anna", "--role", "clerk", "--password", "0123456789"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(json({"user", "list"}, 0)["staff"].empty());
}

TEST_F(UserCommands, ADuplicateLoginIsRefused) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "first-password\n").exit_code, 0);
    auto doc = json({"user", "add", "anna", "--role", "admin"}, 1, "other-password\n");
    EXPECT_EQ(doc["problem"]["code"], "store.duplicate");
    auto list = json({"user", "list"}, 0);
    ASSERT_EQ(list["staff"].size(), 1u);
    EXPECT_EQ(list["staff"][0]["role"], "clerk");
}

TEST_F(UserCommands, BadLoginsRolesAndArgumentsAreRefused) {
    for (const char* login : {"Anna", "ab", "an na", "анна", "a;b"}) {
        auto doc = json({"user", "add", login, "--role", "clerk"}, 1, "0123456789\n");
        EXPECT_EQ(doc["problem"]["code"], "staff.login_invalid") << login;
    }
    EXPECT_EQ(run({"user", "add", "anna", "--role", "boss"}, "0123456789\n").exit_code, 2);
    EXPECT_EQ(run({"user", "add", "anna"}, "0123456789\n").exit_code, 2);
    EXPECT_EQ(run({"user", "add", "--role", "clerk"}, "0123456789\n").exit_code, 2);
    EXPECT_EQ(run({"user", "add", "a", "b", "--role", "clerk"}, "0123456789\n").exit_code, 2);
    EXPECT_TRUE(json({"user", "list"}, 0)["staff"].empty());
}

TEST_F(UserCommands, PasswdReplacesThePassword) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "first-password\n").exit_code, 0);
    auto doc = json({"user", "passwd", "anna"}, 0, "second-password\n");
    EXPECT_EQ(doc["ok"], true);
    const auto hash = hash_of("anna");
    EXPECT_TRUE(core::verify_password("second-password", hash));
    EXPECT_FALSE(core::verify_password("first-password", hash));
    EXPECT_EQ(json({"user", "passwd", "nobody"}, 1, "third-password\n")["problem"]["code"],
              "staff.not_found");
    EXPECT_EQ(json({"user", "passwd", "anna"}, 1, "short\n")["problem"]["code"],
              "staff.password_too_short");
    EXPECT_TRUE(core::verify_password("second-password", hash_of("anna")));
}

TEST_F(UserCommands, DisableMarksTheAccount) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "first-password\n").exit_code, 0);
    EXPECT_EQ(json({"user", "disable", "anna"}, 0)["disabled"], true);
    auto list = json({"user", "list"}, 0);
    EXPECT_EQ(list["staff"][0]["disabled"], true);
    EXPECT_NE(run({"user", "list"}).out.find("disabled"), std::string::npos);
    EXPECT_EQ(json({"user", "disable", "nobody"}, 1)["problem"]["code"], "staff.not_found");
}

TEST_F(UserCommands, TheAuditLogNamesTheChangesButNoPassword) {
    ASSERT_EQ(run({"user", "add", "anna", "--role", "clerk"}, "secret-password-xyz\n").exit_code,
              0);
    auto store = store::SqliteStore::open(db());
    ASSERT_TRUE(store);
    auto session = (*store)->read();
    ASSERT_TRUE(session);
    auto entries = (*session)->audit_entries(0, 100);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 2u);
    EXPECT_EQ((*entries)[1].event.action, "staff.add");
    EXPECT_EQ((*entries)[1].event.actor, "cli");
    EXPECT_EQ((*entries)[1].event.details.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace cherha::test
