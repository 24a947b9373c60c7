// Setting up a center and its accounts: the rules of logins, passwords and devices, one audit
// event per change and never a secret in it.
#include "center/provisioning.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/auth/session_token.h"
#include "core/calendar/center_schedule.h"
#include "core/token/signing_key.h"
#include "formats/schedule_json.h"
#include "store/sqlite_store.h"
#include "store/store_fixtures.h"

namespace cherha::center {
namespace {

using namespace std::chrono_literals;
using store::testing::describe;
using store::testing::TempDir;

const auto kCheap = core::PasswordHashCost::insecure_for_tests(1000);
const core::Instant kNow = date::sys_days{date::year{2026} / 12 / 7} + 7h;

class ProvisioningTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store_ = CHERHA_OK(store::SqliteStore::open(dir_.file("cherha.db")));
        settings_ = CHERHA_OK(default_center_settings());
    }

    void init() { ASSERT_FALSE(initialise_center(*store_, settings_, kNow)); }

    std::vector<store::AuditEntry> audit() {
        auto session = CHERHA_OK(store_->read());
        return CHERHA_OK(session->audit_entries(0, 1000));
    }

    store::StaffRecord staff(const std::string& login) {
        auto session = CHERHA_OK(store_->read());
        auto found = CHERHA_OK(session->staff_by_login(login));
        EXPECT_TRUE(found.has_value()) << login;
        return found.value_or(store::StaffRecord{});
    }

    std::optional<core::Problem> add(const std::string& login, const std::string& password,
                                     store::StaffRole role = store::StaffRole::Clerk,
                                     const std::string& name = "") {
        auto added = add_staff(*store_, login, name, role, password, kCheap, kNow);
        if (added) return std::nullopt;
        return added.problem();
    }

    TempDir dir_;
    std::unique_ptr<store::SqliteStore> store_;
    CenterSettings settings_;
};

TEST(DefaultCenterSettings, AreTheDemoScheduleFileCompiledIn) {
    auto settings = CHERHA_OK(default_center_settings());
    EXPECT_TRUE(core::validate_schedule(settings.schedule).empty());
    std::ifstream in(std::string(CHERHA_SOURCE_DIR) + "/resources/demo/center-schedule.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(embedded_demo_schedule_json(), text.str());
    auto reading = formats::load_schedule_json(text.str());
    ASSERT_TRUE(reading.ok());
    EXPECT_EQ(settings.schedule, *reading.schedule);
    EXPECT_EQ(settings.center_id, 1u);
    EXPECT_FALSE(settings.name_uk.empty());
    EXPECT_FALSE(settings.name_en.empty());
    EXPECT_GE(settings.schedule.services.size(), 3u);
}

TEST_F(ProvisioningTest, InitialiseWritesSettingsAKeyAndAPowSecret) {
    settings_.center_id = 42;
    settings_.name_en = "Test center";
    init();
    auto session = CHERHA_OK(store_->read());
    auto loaded = CHERHA_OK(load_settings(*session));
    EXPECT_EQ(loaded.center_id, 42u);
    EXPECT_EQ(loaded.name_en, "Test center");
    EXPECT_EQ(loaded.schedule, settings_.schedule);

    auto keys = CHERHA_OK(session->signing_keys());
    ASSERT_EQ(keys.size(), 1u);
    auto key = CHERHA_OK(core::load_signing_key_pem(keys[0].private_pem));
    EXPECT_EQ(key.key_id().hex(), keys[0].key_id);
    EXPECT_EQ(key.verifying_key().public_pem(), keys[0].public_pem);
    EXPECT_FALSE(keys[0].retired);

    auto secret = CHERHA_OK(session->setting(kPowSecretSetting));
    ASSERT_TRUE(secret.has_value());
    EXPECT_EQ(secret->size(), 64u);
    EXPECT_EQ(secret->find_first_not_of("0123456789abcdef"), std::string::npos);

    auto entries = CHERHA_OK(session->audit_entries(0, 10));
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].event.action, "center.init");
    EXPECT_EQ(entries[0].event.actor, "cli");
    EXPECT_EQ(entries[0].event.details.find("PRIVATE"), std::string::npos);
    EXPECT_EQ(entries[0].event.details.find(*secret), std::string::npos);
}

TEST_F(ProvisioningTest, TwoCentersGetDifferentKeysAndSecrets) {
    init();
    TempDir other_dir;
    auto other = CHERHA_OK(store::SqliteStore::open(other_dir.file("cherha.db")));
    ASSERT_FALSE(initialise_center(*other, settings_, kNow));
    auto a = CHERHA_OK(store_->read());
    auto b = CHERHA_OK(other->read());
    EXPECT_NE(CHERHA_OK(a->signing_keys())[0].key_id, CHERHA_OK(b->signing_keys())[0].key_id);
    EXPECT_NE(*CHERHA_OK(a->setting(kPowSecretSetting)), *CHERHA_OK(b->setting(kPowSecretSetting)));
}

TEST_F(ProvisioningTest, InitialisingTwiceIsRefusedAndChangesNothing) {
    init();
    CenterSettings other = settings_;
    other.center_id = 7;
    auto problem = initialise_center(*store_, other, kNow + 1h);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "center.already_initialised");
    auto session = CHERHA_OK(store_->read());
    EXPECT_EQ(CHERHA_OK(load_settings(*session)).center_id, 1u);
    EXPECT_EQ(CHERHA_OK(session->signing_keys()).size(), 1u);
    EXPECT_EQ(CHERHA_OK(session->audit_entries(0, 10)).size(), 1u);
}

TEST_F(ProvisioningTest, AnInvalidScheduleIsNotInitialised) {
    settings_.schedule.services.front().window_ids = {"no-such-window"};
    auto problem = initialise_center(*store_, settings_, kNow);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "schedule.unknown_window");
    auto session = CHERHA_OK(store_->read());
    EXPECT_FALSE(CHERHA_OK(is_initialised(*session)));
    EXPECT_TRUE(CHERHA_OK(session->signing_keys()).empty());
}

TEST(LoginRules, AcceptsLowerCaseLettersDigitsAndDotUnderscoreHyphen) {
    for (const char* login :
         {"abc", "clerk1", "anna.koval", "window_3", "a-b", "0123456789.abcdefghijklmnopq_-xy"})
        EXPECT_FALSE(check_login(login)) << login;
}

TEST(LoginRules, RefusesWrongLengthCaseSpacesAndOtherCharacters) {
    const std::string too_long(33, 'a');
    for (std::string login :
         {std::string("ab"), std::string(""), too_long, std::string("Admin"), std::string("ad min"),
          std::string("адмін"), std::string("a/b"), std::string("a'b"), std::string("abc\n"),
          std::string("ab\0c", 4), std::string("admin;drop")}) {
        auto problem = check_login(login);
        ASSERT_TRUE(problem) << login;
        EXPECT_EQ(problem->code, "staff.login_invalid");
        EXPECT_EQ(problem->param("min"), "3");
        EXPECT_EQ(problem->param("max"), "32");
    }
}

TEST(PasswordRules, CountsCharactersNotBytesForTheMinimum) {
    EXPECT_FALSE(check_password("0123456789"));
    EXPECT_FALSE(check_password("пароль1234"));  // 10 characters, 16 bytes
    auto nine = check_password("пароль123");     // 9 characters, 15 bytes
    ASSERT_TRUE(nine);
    EXPECT_EQ(nine->code, "staff.password_too_short");
    EXPECT_EQ(nine->param("min"), "10");
    EXPECT_EQ(check_password("")->code, "staff.password_too_short");
}

TEST(PasswordRules, RefusesTooLongAndNulBytes) {
    EXPECT_FALSE(check_password(std::string(core::kMaximumPasswordBytes, 'x')));
    auto long_one = check_password(std::string(core::kMaximumPasswordBytes + 1, 'x'));
    ASSERT_TRUE(long_one);
    EXPECT_EQ(long_one->code, "staff.password_too_long");
    EXPECT_EQ(long_one->param("max"), "1024");
    auto huge = check_password(std::string(10'000'000, 'x'));
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->code, "staff.password_too_long");
    EXPECT_EQ(check_password(std::string("0123456789\0abc", 14))->code, "password.nul_byte");
}

TEST(DisplayNameRules, RefusesEmptyControlCharactersBadUtf8AndTooLong) {
    EXPECT_FALSE(check_display_name("Оксана Мельник"));
    EXPECT_FALSE(check_display_name(std::string(100, 'x')));
    for (std::string name :
         {std::string(""), std::string("a\tb"), std::string("\xC3"), std::string(101, 'x')})
        EXPECT_EQ(check_display_name(name)->code, "staff.name_invalid") << name;
}

TEST(DeviceNameRules, AcceptsUpToSixtyFourSafeCharacters) {
    EXPECT_FALSE(check_device_name("kiosk-1"));
    EXPECT_FALSE(check_device_name("Board_Hall.2"));
    EXPECT_FALSE(check_device_name(std::string(64, 'k')));
    for (std::string name : {std::string(""), std::string(65, 'k'), std::string("kiosk 1"),
                             std::string("кіоск"), std::string("a/b")})
        EXPECT_EQ(check_device_name(name)->code, "device.name_invalid") << name;
}

TEST_F(ProvisioningTest, AddStaffStoresAVerifiableHashAndAudits) {
    init();
    auto added = CHERHA_OK(add_staff(*store_, "anna", "Анна Коваль", store::StaffRole::Supervisor,
                                     "correct horse battery", kCheap, kNow));
    EXPECT_TRUE(added.password_hash.empty());  // never handed out
    EXPECT_GT(added.id, 0);
    const auto stored = staff("anna");
    EXPECT_EQ(stored.display_name, "Анна Коваль");
    EXPECT_EQ(stored.role, store::StaffRole::Supervisor);
    EXPECT_FALSE(stored.disabled);
    EXPECT_TRUE(core::verify_password("correct horse battery", stored.password_hash));
    EXPECT_FALSE(core::verify_password("correct horse batterY", stored.password_hash));

    const auto entries = audit();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].event.action, "staff.add");
    auto details = nlohmann::json::parse(entries[1].event.details);
    EXPECT_EQ(details["login"], "anna");
    EXPECT_EQ(details["role"], "supervisor");
    EXPECT_EQ(entries[1].event.details.find("horse"), std::string::npos);
    EXPECT_EQ(entries[1].event.details.find("pbkdf2"), std::string::npos);
}

TEST_F(ProvisioningTest, AnEmptyDisplayNameIsTheLogin) {
    init();
    ASSERT_FALSE(add("boris", "0123456789"));
    EXPECT_EQ(staff("boris").display_name, "boris");
}

TEST_F(ProvisioningTest, AddStaffRefusals) {
    init();
    EXPECT_EQ(add("ab", "0123456789")->code, "staff.login_invalid");
    EXPECT_EQ(add("anna", "short")->code, "staff.password_too_short");
    EXPECT_EQ(add("anna", std::string(2000, 'p'))->code, "staff.password_too_long");
    EXPECT_EQ(add("anna", "0123456789", store::StaffRole::Clerk, "bad\x01name")->code,
              "staff.name_invalid");
    ASSERT_FALSE(add("anna", "0123456789"));
    auto duplicate = add("anna", "another-password", store::StaffRole::Admin);
    ASSERT_TRUE(duplicate);
    EXPECT_EQ(duplicate->code, "store.duplicate");
    EXPECT_EQ(staff("anna").role, store::StaffRole::Clerk);  // the first one stays
    // Only the successful add is audited (after center.init).
    EXPECT_EQ(audit().size(), 2u);
}

TEST_F(ProvisioningTest, AccountsNeedAnInitialisedCenter) {
    EXPECT_EQ(add("anna", "0123456789")->code, "center.not_initialised");
    EXPECT_EQ(add_device(*store_, "kiosk-1", store::DeviceKind::Kiosk, kNow).problem().code,
              "center.not_initialised");
    EXPECT_EQ(rotate_signing_key(*store_, kNow).problem().code, "center.not_initialised");
    EXPECT_EQ(import_schedule(*store_, settings_.schedule, kNow)->code, "center.not_initialised");
    EXPECT_TRUE(CHERHA_OK(list_staff(*store_)).empty());
}

TEST_F(ProvisioningTest, SetPasswordReplacesTheHashClearsLockoutAndEndsSessions) {
    init();
    ASSERT_FALSE(add("anna", "first-password"));
    ASSERT_FALSE(add("boris", "boris-password"));
    {
        auto session = CHERHA_OK(store_->write());
        auto anna = CHERHA_OK(session->staff_by_login("anna")).value();
        auto boris = CHERHA_OK(session->staff_by_login("boris")).value();
        anna.failed_logins = 7;
        anna.locked_until = kNow + 10min;
        ASSERT_FALSE(session->update_staff(anna));
        ASSERT_FALSE(session->insert_session({"digest-anna", anna.id, "w1", kNow, kNow}));
        ASSERT_FALSE(session->insert_session({"digest-boris", boris.id, "w2", kNow, kNow}));
        ASSERT_FALSE(session->commit());
    }
    ASSERT_FALSE(set_password(*store_, "anna", "second-password", kCheap, kNow));
    const auto anna = staff("anna");
    EXPECT_TRUE(core::verify_password("second-password", anna.password_hash));
    EXPECT_FALSE(core::verify_password("first-password", anna.password_hash));
    EXPECT_EQ(anna.failed_logins, 0);
    EXPECT_FALSE(anna.locked_until.has_value());
    auto session = CHERHA_OK(store_->read());
    EXPECT_FALSE(CHERHA_OK(session->session("digest-anna")).has_value());
    EXPECT_TRUE(CHERHA_OK(session->session("digest-boris")).has_value());  // others untouched
    const auto entries = audit();
    EXPECT_EQ(entries.back().event.action, "staff.password");
    EXPECT_EQ(entries.back().event.details.find("second"), std::string::npos);
}

TEST_F(ProvisioningTest, SetPasswordRefusals) {
    init();
    ASSERT_FALSE(add("anna", "first-password"));
    EXPECT_EQ(set_password(*store_, "nobody", "0123456789", kCheap, kNow)->code, "staff.not_found");
    EXPECT_EQ(set_password(*store_, "anna", "short", kCheap, kNow)->code,
              "staff.password_too_short");
    EXPECT_TRUE(core::verify_password("first-password", staff("anna").password_hash));
}

TEST_F(ProvisioningTest, DisableStaffEndsSessionsAndIsIdempotent) {
    init();
    ASSERT_FALSE(add("anna", "first-password"));
    {
        auto session = CHERHA_OK(store_->write());
        auto anna = CHERHA_OK(session->staff_by_login("anna")).value();
        ASSERT_FALSE(session->insert_session({"digest-anna", anna.id, "", kNow, kNow}));
        ASSERT_FALSE(session->commit());
    }
    ASSERT_FALSE(disable_staff(*store_, "anna", kNow));
    EXPECT_TRUE(staff("anna").disabled);
    {
        auto session = CHERHA_OK(store_->read());
        EXPECT_FALSE(CHERHA_OK(session->session("digest-anna")).has_value());
    }
    EXPECT_FALSE(disable_staff(*store_, "anna", kNow));
    EXPECT_EQ(disable_staff(*store_, "nobody", kNow)->code, "staff.not_found");
    // A new password does not enable the account again.
    ASSERT_FALSE(set_password(*store_, "anna", "second-password", kCheap, kNow));
    EXPECT_TRUE(staff("anna").disabled);
}

TEST_F(ProvisioningTest, ListStaffIsOrderedAndHasNoHashes) {
    init();
    ASSERT_FALSE(add("zoe", "0123456789", store::StaffRole::Admin));
    ASSERT_FALSE(add("anna", "0123456789", store::StaffRole::Clerk));
    ASSERT_FALSE(add("mark", "0123456789", store::StaffRole::Supervisor));
    auto list = CHERHA_OK(list_staff(*store_));
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].login, "anna");
    EXPECT_EQ(list[1].login, "mark");
    EXPECT_EQ(list[2].login, "zoe");
    EXPECT_EQ(list[1].role, store::StaffRole::Supervisor);
    for (const auto& s : list) EXPECT_TRUE(s.password_hash.empty());
}

TEST_F(ProvisioningTest, AddDeviceKeepsOnlyTheTokenDigest) {
    init();
    auto device = CHERHA_OK(add_device(*store_, "kiosk-1", store::DeviceKind::Kiosk, kNow));
    EXPECT_TRUE(core::is_session_token_well_formed(device.token));
    EXPECT_EQ(device.record.token_digest, core::session_token_digest(device.token));
    {
        auto session = CHERHA_OK(store_->read());
        auto found = CHERHA_OK(session->device_by_token(core::session_token_digest(device.token)));
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->name, "kiosk-1");
        EXPECT_EQ(found->kind, store::DeviceKind::Kiosk);
        EXPECT_FALSE(found->revoked_at.has_value());
    }
    const auto entries = audit();
    EXPECT_EQ(entries.back().event.action, "device.add");
    EXPECT_EQ(entries.back().event.details.find(device.token), std::string::npos);
    EXPECT_EQ(entries.back().event.details.find(device.record.token_digest), std::string::npos);

    auto board = CHERHA_OK(add_device(*store_, "board-1", store::DeviceKind::Board, kNow));
    EXPECT_NE(board.token, device.token);
    auto duplicate = add_device(*store_, "kiosk-1", store::DeviceKind::Board, kNow);
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.problem().code, "store.duplicate");
    EXPECT_EQ(add_device(*store_, "bad name", store::DeviceKind::Board, kNow).problem().code,
              "device.name_invalid");
    auto list = CHERHA_OK(list_devices(*store_));
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].name, "board-1");
}

TEST_F(ProvisioningTest, RevokeDeviceStopsItsToken) {
    init();
    auto device = CHERHA_OK(add_device(*store_, "kiosk-1", store::DeviceKind::Kiosk, kNow));
    ASSERT_FALSE(revoke_device(*store_, "kiosk-1", kNow + 1h));
    {
        auto session = CHERHA_OK(store_->read());
        auto found = CHERHA_OK(session->device_by_token(device.record.token_digest));
        EXPECT_TRUE(!found.has_value() || found->revoked_at.has_value());
    }
    EXPECT_EQ(revoke_device(*store_, "kiosk-1", kNow + 2h)->code, "device.not_found");
    EXPECT_EQ(revoke_device(*store_, "never-added", kNow)->code, "device.not_found");
    EXPECT_EQ(audit().back().event.action, "device.revoke");
}

TEST_F(ProvisioningTest, RotationMakesTheNewKeyTheSigningOneAndKeepsTheOld) {
    init();
    // Twice within the same second: each new key must still be the newest.
    auto first = CHERHA_OK(rotate_signing_key(*store_, kNow));
    auto second = CHERHA_OK(rotate_signing_key(*store_, kNow));
    EXPECT_EQ(first.verifying_ids.size(), 1u);
    EXPECT_EQ(second.verifying_ids.size(), 2u);
    auto keys = CHERHA_OK(list_signing_keys(*store_));
    ASSERT_EQ(keys.size(), 3u);
    core::KeyRing ring;
    for (const auto& record : keys) {
        EXPECT_TRUE(record.private_pem.empty());  // list_signing_keys hides them
        EXPECT_FALSE(record.retired);
    }
    auto session = CHERHA_OK(store_->read());
    for (const auto& record : CHERHA_OK(session->signing_keys())) {
        auto key = CHERHA_OK(core::load_signing_key_pem(record.private_pem));
        ASSERT_FALSE(ring.add(key, record.activated_at));
    }
    EXPECT_EQ(CHERHA_OK(ring.signing_key()).key_id().hex(), second.new_key_id);
    EXPECT_NE(first.new_key_id, second.new_key_id);
    EXPECT_EQ(audit().back().event.action, "key.rotate");
    EXPECT_EQ(audit().back().event.details.find("PRIVATE"), std::string::npos);
}

TEST_F(ProvisioningTest, ImportScheduleReplacesOnlyTheSchedule) {
    settings_.retention_days = 75;
    init();
    core::CenterSchedule schedule = settings_.schedule;
    schedule.services.pop_back();
    ASSERT_FALSE(import_schedule(*store_, schedule, kNow));
    auto session = CHERHA_OK(store_->read());
    auto loaded = CHERHA_OK(load_settings(*session));
    EXPECT_EQ(loaded.schedule, schedule);
    EXPECT_EQ(loaded.retention_days, 75);
    EXPECT_EQ(CHERHA_OK(session->audit_entries(0, 10)).back().event.action, "schedule.import");
}

TEST_F(ProvisioningTest, ABadScheduleIsNotImported) {
    init();
    core::CenterSchedule schedule = settings_.schedule;
    schedule.services.front().duration = std::chrono::minutes(0);
    auto problem = import_schedule(*store_, schedule, kNow);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "schedule.service_duration");
    auto session = CHERHA_OK(store_->read());
    EXPECT_EQ(CHERHA_OK(load_settings(*session)).schedule, settings_.schedule);
    EXPECT_EQ(CHERHA_OK(session->audit_entries(0, 10)).size(), 1u);
}

TEST_F(ProvisioningTest, TheAuditChainStaysIntact) {
    init();
    ASSERT_FALSE(add("anna", "0123456789"));
    ASSERT_TRUE(add_device(*store_, "kiosk-1", store::DeviceKind::Kiosk, kNow));
    ASSERT_TRUE(rotate_signing_key(*store_, kNow));
    auto session = CHERHA_OK(store_->read());
    auto verification = CHERHA_OK(session->verify_audit_chain());
    EXPECT_EQ(verification.entries, 4);
    EXPECT_FALSE(verification.first_broken.has_value());
}

TEST_F(ProvisioningTest, UpdateCenterDetailsChangesOnlyWhatIsGivenAndIsAudited) {
    init();
    CenterDetailsChange change;
    change.address_uk = "вул. Прикладна, 1, Київ";
    change.address_en = "1 Prykladna St, Kyiv";
    auto updated = CHERHA_OK(update_center_details(*store_, change, kNow));
    EXPECT_EQ(updated.address_uk, "вул. Прикладна, 1, Київ");
    EXPECT_EQ(updated.name_uk, settings_.name_uk);
    {
        auto session = CHERHA_OK(store_->read());
        auto stored = CHERHA_OK(load_settings(*session));
        EXPECT_EQ(stored.address_en, "1 Prykladna St, Kyiv");
        EXPECT_EQ(stored.name_en, settings_.name_en);
        EXPECT_EQ(stored.schedule, settings_.schedule);
    }
    const auto entries = audit();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().event.action, "center.update");
    EXPECT_NE(entries.back().event.details.find("address_uk,address_en"), std::string::npos)
        << entries.back().event.details;

    CenterDetailsChange rename;
    rename.name_en = "MIA Service Center No. 1";
    rename.address_en = "";
    auto renamed = CHERHA_OK(update_center_details(*store_, rename, kNow));
    EXPECT_EQ(renamed.name_en, "MIA Service Center No. 1");
    EXPECT_EQ(renamed.address_uk, "вул. Прикладна, 1, Київ");
    EXPECT_TRUE(renamed.address_en.empty());
}

TEST_F(ProvisioningTest, ABadAddressChangesNothing) {
    init();
    const auto before = audit().size();
    CenterDetailsChange change;
    change.name_uk = "Новий центр";
    change.address_uk = "line one\nline two";
    auto refused = update_center_details(*store_, change, kNow);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "center.settings_invalid");
    EXPECT_EQ(refused.problem().param("pointer"), "/address/uk");
    auto session = CHERHA_OK(store_->read());
    auto stored = CHERHA_OK(load_settings(*session));
    EXPECT_EQ(stored.name_uk, settings_.name_uk);
    EXPECT_TRUE(stored.address_uk.empty());
    EXPECT_EQ(audit().size(), before);
}

TEST_F(ProvisioningTest, UpdateCenterDetailsNeedsACenter) {
    CenterDetailsChange change;
    change.address_uk = "вул. Прикладна, 1, Київ";
    auto refused = update_center_details(*store_, change, kNow);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "center.not_initialised");
}

}  // namespace
}  // namespace cherha::center
