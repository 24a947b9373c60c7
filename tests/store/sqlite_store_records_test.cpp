// SqliteStore: staff, sessions, devices, signing keys, the audit log, idempotency, proof-of-work
// ids, abuse counters, alert periods and unblocks, against a file database and ":memory:".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/store_fixtures.h"

namespace cherha::store::testing {
namespace {

using namespace std::string_literals;

class RecordsTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        store = open_store(GetParam(), dir);
        ASSERT_NE(store, nullptr);
        session = CHERHA_OK(store->write());
    }

    StaffRecord add_staff(const std::string& login, StaffRole role = StaffRole::Clerk) {
        StaffRecord s{0, login, "Name of " + login,   role, "pbkdf2$hash", false,
                      0, {},    unix_time(1700000000)};
        return CHERHA_OK(session->insert_staff(s));
    }

    TempDir dir;
    std::unique_ptr<SqliteStore> store;
    std::unique_ptr<StoreSession> session;
};

INSTANTIATE_TEST_SUITE_P(Stores, RecordsTest, ::testing::Values("file", "memory"),
                         [](const auto& param_info) { return param_info.param; });

void expect_same_staff(const StaffRecord& a, const StaffRecord& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.login, b.login);
    EXPECT_EQ(a.display_name, b.display_name);
    EXPECT_EQ(a.role, b.role);
    EXPECT_EQ(a.password_hash, b.password_hash);
    EXPECT_EQ(a.disabled, b.disabled);
    EXPECT_EQ(a.failed_logins, b.failed_logins);
    EXPECT_EQ(a.locked_until, b.locked_until);
    EXPECT_EQ(a.created_at, b.created_at);
}

// ---- Ids of the store's own enums -------------------------------------------------------------

TEST(StoreIds, RolesAndDeviceKindsRoundTrip) {
    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Admin})
        EXPECT_EQ(parse_staff_role(staff_role_id(role)), role);
    EXPECT_EQ(staff_role_id(StaffRole::Supervisor), "supervisor");
    EXPECT_EQ(parse_staff_role("Admin"), std::nullopt);
    EXPECT_EQ(parse_staff_role(""), std::nullopt);
    for (DeviceKind kind : {DeviceKind::Kiosk, DeviceKind::Board})
        EXPECT_EQ(parse_device_kind(device_kind_id(kind)), kind);
    EXPECT_EQ(device_kind_id(DeviceKind::Board), "board");
    EXPECT_EQ(parse_device_kind("kiosk "), std::nullopt);
}

// ---- Staff -----------------------------------------------------------------------------------

TEST_P(RecordsTest, StaffRoundTripAndOrder) {
    StaffRecord zoe = add_staff("zoe", StaffRole::Admin);
    StaffRecord anna = add_staff("anna", StaffRole::Supervisor);
    EXPECT_GT(zoe.id, 0);
    EXPECT_NE(zoe.id, anna.id);

    anna.display_name = "Анна Коваль";
    anna.disabled = true;
    anna.failed_logins = 4;
    anna.locked_until = unix_time(1700000900);
    anna.password_hash = "new$hash";
    anna.role = StaffRole::Clerk;
    EXPECT_NO_PROBLEM(session->update_staff(anna));

    expect_same_staff(*CHERHA_OK(session->staff_by_login("anna")), anna);
    expect_same_staff(*CHERHA_OK(session->staff_by_id(zoe.id)), zoe);
    EXPECT_FALSE(CHERHA_OK(session->staff_by_login("ANNA")).has_value());
    EXPECT_FALSE(CHERHA_OK(session->staff_by_id(zoe.id + anna.id)).has_value());
    auto all = CHERHA_OK(session->all_staff());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].login, "anna");
    EXPECT_EQ(all[1].login, "zoe");

    anna.locked_until.reset();  // and back to no lock
    EXPECT_NO_PROBLEM(session->update_staff(anna));
    EXPECT_FALSE(CHERHA_OK(session->staff_by_id(anna.id))->locked_until.has_value());
}

TEST_P(RecordsTest, StaffLoginsAreUnique) {
    StaffRecord anna = add_staff("anna");
    StaffRecord bob = add_staff("bob");
    StaffRecord again = anna;
    again.id = 0;
    EXPECT_EQ(session->insert_staff(again).problem(),
              core::Problem("store.duplicate", {{"what", "staff_login"}}));
    bob.login = "anna";
    EXPECT_EQ(session->update_staff(bob),
              core::Problem("store.duplicate", {{"what", "staff_login"}}));
    StaffRecord ghost = anna;
    ghost.id = 999;
    EXPECT_EQ(session->update_staff(ghost),
              core::Problem("store.not_found", {{"what", "staff"}, {"id", "999"}}));
    EXPECT_EQ(CHERHA_OK(session->all_staff()).size(), 2u);
}

// ---- Sessions --------------------------------------------------------------------------------

TEST_P(RecordsTest, SessionsLiveAndExpire) {
    StaffRecord anna = add_staff("anna");
    StaffRecord bob = add_staff("bob");
    const SessionRecord a1{"digest-a1", anna.id, "w1", unix_time(1000), unix_time(1000)};
    const SessionRecord a2{"digest-a2", anna.id, "", unix_time(5000), unix_time(5000)};
    const SessionRecord b1{"digest-b1", bob.id, "w2", unix_time(2000), unix_time(9000)};
    for (const auto& s : {a1, a2, b1}) EXPECT_NO_PROBLEM(session->insert_session(s));

    auto found = *CHERHA_OK(session->session("digest-a1"));
    EXPECT_EQ(found.token_digest, "digest-a1");
    EXPECT_EQ(found.staff_id, anna.id);
    EXPECT_EQ(found.window_id, "w1");
    EXPECT_EQ(found.created_at, unix_time(1000));
    EXPECT_FALSE(CHERHA_OK(session->session("digest-zz")).has_value());

    EXPECT_NO_PROBLEM(session->touch_session("digest-a1", unix_time(8000)));
    EXPECT_EQ(CHERHA_OK(session->session("digest-a1"))->last_seen, unix_time(8000));
    EXPECT_EQ(session->touch_session("digest-zz", unix_time(1)).value_or(core::Problem()).code,
              "store.not_found");

    // Idle before 6000 (a2) or created before 1500 (a1): two go, b1 stays.
    EXPECT_EQ(CHERHA_OK(session->delete_expired_sessions(unix_time(6000), unix_time(1500))), 2);
    EXPECT_FALSE(CHERHA_OK(session->session("digest-a1")).has_value());
    EXPECT_FALSE(CHERHA_OK(session->session("digest-a2")).has_value());
    EXPECT_TRUE(CHERHA_OK(session->session("digest-b1")).has_value());

    EXPECT_NO_PROBLEM(session->insert_session(a2));
    EXPECT_NO_PROBLEM(session->delete_staff_sessions(anna.id));
    EXPECT_FALSE(CHERHA_OK(session->session("digest-a2")).has_value());
    EXPECT_NO_PROBLEM(session->delete_session("digest-b1"));
    EXPECT_NO_PROBLEM(session->delete_session("digest-b1"));  // gone already: not an error
    EXPECT_FALSE(CHERHA_OK(session->session("digest-b1")).has_value());
}

TEST_P(RecordsTest, SessionsNeedAStaffMemberAndAFreshDigest) {
    StaffRecord anna = add_staff("anna");
    EXPECT_NO_PROBLEM(session->insert_session({"d", anna.id, "", unix_time(1), unix_time(1)}));
    EXPECT_EQ(session->insert_session({"d", anna.id, "", unix_time(2), unix_time(2)}),
              core::Problem("store.duplicate", {{"what", "session"}}));
    EXPECT_EQ(session->insert_session({"e", anna.id + 50, "", unix_time(1), unix_time(1)}),
              core::Problem("store.not_found",
                            {{"what", "staff"}, {"id", std::to_string(anna.id + 50)}}));
}

// ---- Devices ---------------------------------------------------------------------------------

TEST_P(RecordsTest, DevicesAreUniqueWhileActiveAndRevocable) {
    DeviceRecord kiosk = CHERHA_OK(
        session->insert_device({0, "kiosk-1", DeviceKind::Kiosk, "token-1", unix_time(100), {}}));
    DeviceRecord board = CHERHA_OK(
        session->insert_device({0, "board-1", DeviceKind::Board, "token-2", unix_time(200), {}}));
    EXPECT_GT(kiosk.id, 0);

    EXPECT_EQ(session->insert_device({0, "kiosk-1", DeviceKind::Kiosk, "token-3", unix_time(1), {}})
                  .problem(),
              core::Problem("store.duplicate", {{"what", "device_name"}}));
    EXPECT_EQ(session->insert_device({0, "kiosk-2", DeviceKind::Kiosk, "token-1", unix_time(1), {}})
                  .problem(),
              core::Problem("store.duplicate", {{"what", "device_token"}}));

    auto found = *CHERHA_OK(session->device_by_token("token-2"));
    EXPECT_EQ(found.id, board.id);
    EXPECT_EQ(found.name, "board-1");
    EXPECT_EQ(found.kind, DeviceKind::Board);
    EXPECT_EQ(found.created_at, unix_time(200));
    EXPECT_FALSE(found.revoked_at.has_value());
    EXPECT_FALSE(CHERHA_OK(session->device_by_token("token-9")).has_value());

    EXPECT_NO_PROBLEM(session->revoke_device("kiosk-1", unix_time(300)));
    EXPECT_EQ(CHERHA_OK(session->device_by_token("token-1"))->revoked_at, unix_time(300));
    EXPECT_EQ(session->revoke_device("kiosk-1", unix_time(400)),
              core::Problem("store.not_found", {{"what", "device"}, {"id", "kiosk-1"}}));
    EXPECT_EQ(session->revoke_device("nothing", unix_time(400)).value_or(core::Problem()).code,
              "store.not_found");

    // A replaced kiosk may take the revoked one's name, not its token.
    DeviceRecord replacement = CHERHA_OK(
        session->insert_device({0, "kiosk-1", DeviceKind::Kiosk, "token-4", unix_time(500), {}}));
    auto all = CHERHA_OK(session->all_devices());
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].name, "board-1");
    EXPECT_EQ(all[1].id, kiosk.id);
    EXPECT_EQ(all[2].id, replacement.id);
}

// ---- Signing keys ----------------------------------------------------------------------------

TEST_P(RecordsTest, SigningKeysInActivationOrder) {
    const SigningKeyRecord newer{"bbbb", "PRIVATE B", "PUBLIC B", unix_time(2000), false};
    const SigningKeyRecord older{"aaaa", "", "PUBLIC A", unix_time(1000), true};
    EXPECT_NO_PROBLEM(session->insert_signing_key(newer));
    EXPECT_NO_PROBLEM(session->insert_signing_key(older));
    EXPECT_EQ(session->insert_signing_key(older),
              core::Problem("store.duplicate", {{"what", "signing_key"}}));
    auto keys = CHERHA_OK(session->signing_keys());
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].key_id, "aaaa");
    EXPECT_EQ(keys[0].private_pem, "");
    EXPECT_EQ(keys[0].public_pem, "PUBLIC A");
    EXPECT_EQ(keys[0].activated_at, unix_time(1000));
    EXPECT_TRUE(keys[0].retired);
    EXPECT_EQ(keys[1].private_pem, "PRIVATE B");
    EXPECT_FALSE(keys[1].retired);

    EXPECT_NO_PROBLEM(session->retire_signing_key("bbbb"));
    EXPECT_TRUE(CHERHA_OK(session->signing_keys())[1].retired);
    EXPECT_EQ(session->retire_signing_key("cccc"),
              core::Problem("store.not_found", {{"what", "signing_key"}, {"id", "cccc"}}));
}

// ---- Audit log -------------------------------------------------------------------------------

AuditEvent event(int n, std::optional<std::int64_t> booking = std::nullopt) {
    return AuditEvent{
        unix_time(1700000000 + n),           "staff:anna", "w1", "booking.call", booking, "ok",
        R"({"n":)" + std::to_string(n) + "}"};
}

TEST_P(RecordsTest, AuditEntriesChainAndFilter) {
    std::vector<AuditEntry> appended;
    for (int i = 1; i <= 6; ++i)
        appended.push_back(CHERHA_OK(session->append_audit(
            event(i, i % 2 == 0 ? std::optional<std::int64_t>(7) : std::nullopt))));
    EXPECT_EQ(appended[0].seq, 1);
    EXPECT_EQ(appended[0].prev_hash, "");
    for (std::size_t i = 1; i < appended.size(); ++i) {
        EXPECT_EQ(appended[i].seq, appended[i - 1].seq + 1);
        EXPECT_EQ(appended[i].prev_hash, appended[i - 1].hash);
        EXPECT_EQ(appended[i].hash.size(), 64u);
    }
    auto all = CHERHA_OK(session->audit_entries(0, 100));
    ASSERT_EQ(all.size(), 6u);
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].seq, appended[i].seq);
        EXPECT_EQ(all[i].hash, appended[i].hash);
        EXPECT_EQ(all[i].prev_hash, appended[i].prev_hash);
        EXPECT_EQ(all[i].event.at, appended[i].event.at);
        EXPECT_EQ(all[i].event.actor, "staff:anna");
        EXPECT_EQ(all[i].event.window_id, "w1");
        EXPECT_EQ(all[i].event.action, "booking.call");
        EXPECT_EQ(all[i].event.booking_id, appended[i].event.booking_id);
        EXPECT_EQ(all[i].event.result, "ok");
        EXPECT_EQ(all[i].event.details, appended[i].event.details);
    }
    auto page = CHERHA_OK(session->audit_entries(2, 3));
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(page.front().seq, 3);
    EXPECT_EQ(page.back().seq, 5);
    auto of_booking = CHERHA_OK(session->audit_entries(2, 10, 7));
    ASSERT_EQ(of_booking.size(), 2u);
    EXPECT_EQ(of_booking[0].seq, 4);
    EXPECT_EQ(of_booking[1].seq, 6);
    EXPECT_TRUE(CHERHA_OK(session->audit_entries(0, 0)).empty());
    EXPECT_TRUE(CHERHA_OK(session->audit_entries(0, -5)).empty());
    EXPECT_TRUE(CHERHA_OK(session->audit_entries(6, 10)).empty());

    auto verdict = CHERHA_OK(session->verify_audit_chain());
    EXPECT_EQ(verdict.entries, 6);
    EXPECT_FALSE(verdict.first_broken.has_value());
}

TEST_P(RecordsTest, AuditLogRefusesUpdateAndDeleteInTheDatabase) {
    CHERHA_OK(session->append_audit(event(1)));
    EXPECT_NO_PROBLEM(session->commit());
    if (GetParam() != "file") GTEST_SKIP() << "needs a second connection";
    auto raw = std::move(sqlite::Connection::open(dir.file("cherha.db"))).value();
    auto updated = raw.execute("UPDATE audit_log SET result = 'refused'");
    ASSERT_TRUE(updated.has_value());
    EXPECT_NE(updated->param("reason").find("append-only"), std::string::npos);
    auto deleted = raw.execute("DELETE FROM audit_log");
    ASSERT_TRUE(deleted.has_value());
    EXPECT_NE(deleted->param("reason").find("append-only"), std::string::npos);
    EXPECT_EQ(CHERHA_OK(CHERHA_OK(store->read())->audit_entries(0, 10)).size(), 1u);
}

TEST_P(RecordsTest, AuditChainDetectsAnEntryChangedBehindTheStoresBack) {
    for (int i = 1; i <= 5; ++i) CHERHA_OK(session->append_audit(event(i, 40 + i)));
    EXPECT_NO_PROBLEM(session->commit());
    if (GetParam() != "file") GTEST_SKIP() << "needs a second connection";

    auto raw = std::move(sqlite::Connection::open(dir.file("cherha.db"))).value();
    ASSERT_EQ(raw.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"),
              std::nullopt);
    ASSERT_EQ(raw.execute("UPDATE audit_log SET result = 'mismatch' WHERE seq = 3"), std::nullopt);
    auto verdict = CHERHA_OK(CHERHA_OK(store->read())->verify_audit_chain());
    EXPECT_EQ(verdict.entries, 5);
    EXPECT_EQ(verdict.first_broken, 3);

    // Put it back: sound again. Then remove an entry: the next one is named.
    ASSERT_EQ(raw.execute("UPDATE audit_log SET result = 'ok' WHERE seq = 3"), std::nullopt);
    EXPECT_FALSE(CHERHA_OK(CHERHA_OK(store->read())->verify_audit_chain()).first_broken);
    ASSERT_EQ(raw.execute("DELETE FROM audit_log WHERE seq = 2"), std::nullopt);
    EXPECT_EQ(CHERHA_OK(CHERHA_OK(store->read())->verify_audit_chain()).first_broken, 3);
}

// ---- Idempotency -----------------------------------------------------------------------------

TEST_P(RecordsTest, IdempotentResponsesPerStaffAndKey) {
    EXPECT_FALSE(CHERHA_OK(session->idempotent_response(1, "key-1")).has_value());
    const StoredResponse first{"digest-1", 201, R"({"id":5})"};
    EXPECT_NO_PROBLEM(session->save_idempotent_response(1, "key-1", first, unix_time(10)));
    auto stored = *CHERHA_OK(session->idempotent_response(1, "key-1"));
    EXPECT_EQ(stored.request_digest, "digest-1");
    EXPECT_EQ(stored.status, 201);
    EXPECT_EQ(stored.body, R"({"id":5})");
    EXPECT_FALSE(CHERHA_OK(session->idempotent_response(2, "key-1")).has_value());

    EXPECT_EQ(session->save_idempotent_response(1, "key-1", {"digest-2", 409, ""}, unix_time(11)),
              core::Problem("store.duplicate", {{"what", "idempotency_key"}}));
    EXPECT_EQ(CHERHA_OK(session->idempotent_response(1, "key-1"))->status, 201);  // first stays
    EXPECT_NO_PROBLEM(session->save_idempotent_response(2, "key-1", {"d", 200, ""}, unix_time(12)));
    EXPECT_EQ(CHERHA_OK(session->idempotent_response(2, "key-1"))->body, "");
}

// ---- Proof of work, abuse counters -----------------------------------------------------------

TEST_P(RecordsTest, ProofOfWorkIdsAreSingleUseUntilPurged) {
    EXPECT_TRUE(CHERHA_OK(session->spend_pow("pow-1", unix_time(100))));
    EXPECT_FALSE(CHERHA_OK(session->spend_pow("pow-1", unix_time(100))));
    EXPECT_TRUE(CHERHA_OK(session->spend_pow("pow-2", unix_time(300))));
    EXPECT_NO_PROBLEM(session->purge_spent_pow(unix_time(200)));
    EXPECT_TRUE(CHERHA_OK(session->spend_pow("pow-1", unix_time(400))));   // forgotten
    EXPECT_FALSE(CHERHA_OK(session->spend_pow("pow-2", unix_time(300))));  // not yet expired
}

TEST_P(RecordsTest, AbuseIsCountedPerDayAndKind) {
    const core::Date monday = day(2025, 3, 10);
    const core::Date tuesday = day(2025, 3, 11);
    EXPECT_TRUE(CHERHA_OK(session->abuse_counts(monday)).empty());
    for (int i = 0; i < 3; ++i) EXPECT_NO_PROBLEM(session->count_abuse(monday, "pow_invalid"));
    EXPECT_NO_PROBLEM(session->count_abuse(monday, "honeypot"));
    EXPECT_NO_PROBLEM(session->count_abuse(tuesday, "honeypot"));
    EXPECT_EQ(CHERHA_OK(session->abuse_counts(monday)),
              (std::map<std::string, std::int64_t>{{"honeypot", 1}, {"pow_invalid", 3}}));
    EXPECT_EQ(CHERHA_OK(session->abuse_counts(tuesday)),
              (std::map<std::string, std::int64_t>{{"honeypot", 1}}));

    // Many at once (the counts kept in memory between batches): one statement adds them.
    EXPECT_NO_PROBLEM(session->count_abuse(monday, "pow_invalid", 40000));
    EXPECT_NO_PROBLEM(session->count_abuse(monday, "rate_address", 7));
    EXPECT_EQ(session->count_abuse(monday, "honeypot", 0).value_or(core::Problem("none")).code,
              "store.invalid");
    EXPECT_EQ(session->count_abuse(monday, "honeypot", -3).value_or(core::Problem("none")).code,
              "store.invalid");
    EXPECT_EQ(CHERHA_OK(session->abuse_counts(monday)),
              (std::map<std::string, std::int64_t>{
                  {"honeypot", 1}, {"pow_invalid", 40003}, {"rate_address", 7}}));
}

// ---- Alerts ----------------------------------------------------------------------------------

TEST_P(RecordsTest, AlertPeriodsOpenOneAtATime) {
    EXPECT_FALSE(CHERHA_OK(session->open_alert()).has_value());
    EXPECT_EQ(session->end_alert(unix_time(50), "staff:bob").value_or(core::Problem()).code,
              "store.not_found");
    EXPECT_NO_PROBLEM(session->start_alert(unix_time(100), "staff:anna"));
    EXPECT_EQ(session->start_alert(unix_time(110), "staff:bob"),
              core::Problem("store.duplicate", {{"what", "alert"}}));
    auto open = *CHERHA_OK(session->open_alert());
    EXPECT_EQ(open.started_at, unix_time(100));
    EXPECT_EQ(open.started_by, "staff:anna");
    EXPECT_FALSE(open.ended_at.has_value());

    EXPECT_NO_PROBLEM(session->end_alert(unix_time(200), "staff:bob"));
    EXPECT_FALSE(CHERHA_OK(session->open_alert()).has_value());
    EXPECT_NO_PROBLEM(session->start_alert(unix_time(500), "system"));  // still open

    auto all = CHERHA_OK(session->alerts_between(unix_time(0), unix_time(1000)));
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, open.id);
    EXPECT_EQ(all[0].ended_at, unix_time(200));
    EXPECT_EQ(all[0].ended_by, "staff:bob");
    EXPECT_FALSE(all[1].ended_at.has_value());
    EXPECT_EQ(all[1].ended_by, "");

    auto count = [&](int from, int to) {
        return CHERHA_OK(session->alerts_between(unix_time(from), unix_time(to))).size();
    };
    EXPECT_EQ(count(0, 99), 0u);       // before the first
    EXPECT_EQ(count(150, 160), 1u);    // inside the first
    EXPECT_EQ(count(200, 200), 1u);    // its end is inside
    EXPECT_EQ(count(201, 499), 0u);    // between the two
    EXPECT_EQ(count(9000, 9999), 1u);  // the open one lasts
}

// ---- Unblocks --------------------------------------------------------------------------------

TEST_P(RecordsTest, LastUnblockOfAnyKey) {
    EXPECT_FALSE(CHERHA_OK(session->last_unblock({"k1"})).has_value());
    EXPECT_FALSE(CHERHA_OK(session->last_unblock({})).has_value());
    EXPECT_NO_PROBLEM(session->add_unblock({"k1", "k2"}, unix_time(100), 1));
    EXPECT_NO_PROBLEM(session->add_unblock({"k2"}, unix_time(300), 1));
    EXPECT_NO_PROBLEM(session->add_unblock({"k3"}, unix_time(200), 2));
    EXPECT_EQ(CHERHA_OK(session->last_unblock({"k1"})), unix_time(100));
    EXPECT_EQ(CHERHA_OK(session->last_unblock({"k1", "k2"})), unix_time(300));
    EXPECT_EQ(CHERHA_OK(session->last_unblock({"k3", "k1"})), unix_time(200));
    EXPECT_FALSE(CHERHA_OK(session->last_unblock({"k4"})).has_value());
}

}  // namespace
}  // namespace cherha::store::testing
