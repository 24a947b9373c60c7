// The desks' and supervisors' API: the terminal, the queue, find, verify, outcomes, call-next,
// idempotent replays, alert mode, statistics, audit, keys and the board.
#include <string>

#include "api/api_fixture.h"
#include "support/synthetic_mrz.h"

namespace cherha::server::api::testing {
namespace {

class StaffApi : public ApiFixture {
  protected:
    static std::string header(const http::Response& response, const std::string& name) {
        for (const auto& [key, value] : response.headers)
            if (key == name) return value;
        return {};
    }
};

TEST_F(StaffApi, TheTerminalRegistersForTodayWithoutEchoingPersonalData) {
    const json ticket = register_at_kiosk();
    EXPECT_EQ(ticket.value("state", ""), "arrived");
    EXPECT_EQ(ticket.value("channel", ""), "terminal");
    EXPECT_EQ(ticket.value("day", ""), "2026-03-03");
    EXPECT_EQ(ticket["ticket"].value("display", ""), "1000");
    EXPECT_FALSE(ticket.contains("registration"));
    EXPECT_FALSE(ticket.value("token", "").empty());
    // A priority visitor gets a ticket from the priority sequence.
    json body = {{"service", kService},
                 {"registration", registration(person(600, "006000000"))},
                 {"priority", "serving_military"}};
    auto priority = as_device(kiosk_token_, "POST", "/api/v1/terminal/bookings", body.dump());
    ASSERT_EQ(priority.status, 201) << priority.body;
    EXPECT_EQ(body_of(priority)["ticket"].value("sequence", ""), "priority");
    EXPECT_EQ(body_of(priority)["ticket"].value("number", 0), 1);
}

TEST_F(StaffApi, QueueFindAndVerify) {
    const json visitor = register_at_kiosk();
    const std::string token = clerk();
    const json queue = body_of(as(token, "GET", "/api/v1/queue"));
    EXPECT_EQ(queue.value("day", ""), "2026-03-03");
    ASSERT_EQ(queue["bookings"].size(), 1u);
    EXPECT_EQ(queue["bookings"][0]["registration"], registration(person(456, "007654321")));
    EXPECT_TRUE(body_of(as(token, "GET", "/api/v1/queue?state=served"))["bookings"].empty());
    EXPECT_EQ(body_of(as(token, "GET",
                         "/api/v1/queue?channel=terminal&window=&service=" +
                             std::string(kService)))["bookings"]
                  .size(),
              1u);

    // Found by the typed code and by the scanned token.
    for (const std::string& scanned : {visitor.value("code", ""), visitor.value("token", "")}) {
        auto found = as(token, "POST", "/api/v1/desk/find", json{{"scanned", scanned}}.dump());
        ASSERT_EQ(found.status, 200) << found.body;
        EXPECT_EQ(body_of(found).value("id", 0), visitor.value("id", -1));
        EXPECT_TRUE(body_of(found).contains("registration"));
    }

    const std::string verify =
        "/api/v1/bookings/" + std::to_string(visitor.value("id", 0)) + "/verify";
    json document = {{"type", "id_card"},          {"number", "007654321"},
                     {"surname", "ШЕВЧЕНКО"},      {"given_name", "Олександр"},
                     {"patronymic", "Петрович"},   {"birth_date", "1990-01-15"},
                     {"expiry_date", "2030-01-01"}};
    auto matched = as(token, "POST", verify, json{{"document", document}}.dump());
    ASSERT_EQ(matched.status, 200) << matched.body;
    const json verification = body_of(matched)["verification"];
    EXPECT_EQ(verification.value("verdict", ""), "match");
    EXPECT_EQ(verification["fields"].size(), 8u);

    document["given_name"] = "Олександра";
    auto mismatched = as(token, "POST", verify, json{{"document", document}}.dump());
    ASSERT_EQ(mismatched.status, 200);
    EXPECT_EQ(body_of(mismatched)["verification"].value("verdict", ""), "mismatch");
}

TEST_F(StaffApi, VerifyFromAnMrzAndJudgeAMisreadOne) {
    core::synthetic::Person traveller = person(808, "001112223");
    core::Registration reg = core::synthetic::registration_of(traveller);
    reg.document_type = core::DocumentType::ForeignPassport;
    reg.document_number = "FX123456";
    const json visitor = register_at_kiosk(registration_json(reg));
    const std::string verify =
        "/api/v1/bookings/" + std::to_string(visitor.value("id", 0)) + "/verify";
    core::synthetic::Td3 passport;
    passport.name = "SHEVCHENKO<<OLEKSANDR";
    const std::string token = clerk();
    auto read = as(token, "POST", verify, json{{"mrz", passport.text()}}.dump());
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(body_of(read)["verification"].value("verdict", ""), "match") << read.body;

    // A failed check digit is not an error of the request: the core judges the attempt (a
    // mismatch, with the MRZ's problem) and it is audited like any other.
    const auto verifications = [&] {
        auto audit = center_->audit(0, 1000, visitor.value("id", 0));
        EXPECT_TRUE(audit);
        std::vector<store::AuditEntry> found;
        if (audit)
            for (const auto& entry : *audit)
                if (entry.event.action == "verification") found.push_back(entry);
        return found;
    };
    ASSERT_EQ(verifications().size(), 1u);
    std::string misread = passport.text();
    char& check = misread[misread.size() - 1];
    check = check == '0' ? '1' : '0';
    auto judged = as(token, "POST", verify, json{{"mrz", misread}}.dump());
    ASSERT_EQ(judged.status, 200) << judged.body;
    const json verification = body_of(judged)["verification"];
    EXPECT_EQ(verification.value("verdict", ""), "mismatch") << judged.body;
    ASSERT_EQ(verification["problems"].size(), 1u) << judged.body;
    EXPECT_EQ(verification["problems"][0].value("code", ""), "mrz.check_digit");
    EXPECT_EQ(verification["problems"][0]["params"].value("field", ""), "composite");
    auto after = verifications();
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after.back().event.result, "mismatch");
    EXPECT_NE(after.back().event.details.find("mrz.check_digit"), std::string::npos);

    // An MRZ that cannot be read at all stays an error, and nothing is recorded.
    auto unreadable = as(token, "POST", verify, json{{"mrz", misread.substr(0, 60)}}.dump());
    EXPECT_EQ(unreadable.status, 422) << unreadable.body;
    EXPECT_EQ(error_of(unreadable), "mrz.format");
    EXPECT_EQ(verifications().size(), 2u);
}

TEST_F(StaffApi, CallNextStartServeWithIdempotentReplay) {
    const json visitor = register_at_kiosk();
    const std::string token = clerk("w1");
    auto called = as(token, "POST", "/api/v1/desk/call-next", "", {{"Idempotency-Key", "call-1"}});
    ASSERT_EQ(called.status, 200) << called.body;
    EXPECT_EQ(body_of(called).value("state", ""), "called");
    EXPECT_EQ(body_of(called)["window"].value("number", 0), 1);
    EXPECT_FALSE(body_of(called).contains("registration"));  // stored for replays: no personal data

    // The desk retries after a lost answer: the same answer, nothing applied twice.
    auto replay = as(token, "POST", "/api/v1/desk/call-next", "", {{"Idempotency-Key", "call-1"}});
    EXPECT_EQ(replay.status, 200);
    EXPECT_EQ(replay.body, called.body);
    EXPECT_EQ(header(replay, "Idempotent-Replayed"), "true");
    EXPECT_EQ(header(called, "Idempotent-Replayed"), "");

    const std::string actions =
        "/api/v1/bookings/" + std::to_string(visitor.value("id", 0)) + "/actions";
    // The same key with another request is refused.
    auto reused =
        as(token, "POST", actions, "{\"action\":\"start\"}", {{"Idempotency-Key", "call-1"}});
    EXPECT_EQ(reused.status, 409);
    EXPECT_EQ(error_of(reused), "idempotency.key_reused");

    auto started =
        as(token, "POST", actions, "{\"action\":\"start\"}", {{"Idempotency-Key", "s-1"}});
    EXPECT_EQ(body_of(started).value("state", ""), "in_service");
    auto served =
        as(token, "POST", actions, "{\"action\":\"serve\"}", {{"Idempotency-Key", "v-1"}});
    ASSERT_EQ(served.status, 200) << served.body;
    EXPECT_EQ(body_of(served).value("state", ""), "served");
    auto served_again =
        as(token, "POST", actions, "{\"action\":\"serve\"}", {{"Idempotency-Key", "v-1"}});
    EXPECT_EQ(served_again.status, 200);
    EXPECT_EQ(header(served_again, "Idempotent-Replayed"), "true");
    auto served_twice = as(token, "POST", actions, "{\"action\":\"serve\"}");
    EXPECT_EQ(served_twice.status, 409);
    EXPECT_EQ(error_of(served_twice), "transition.not_allowed");

    auto nobody = as(token, "POST", "/api/v1/desk/call-next");
    EXPECT_EQ(nobody.status, 409);
    EXPECT_EQ(error_of(nobody), "center.nobody_waiting");
    // A bad key is refused before anything happens.
    auto bad_key = as(token, "POST", "/api/v1/desk/call-next", "",
                      {{"Idempotency-Key", std::string(101, 'k')}});
    EXPECT_EQ(bad_key.status, 400);
}

TEST_F(StaffApi, RefusalNeedsItsReason) {
    const json visitor = register_at_kiosk();
    const std::string token = clerk("w1");
    ASSERT_EQ(as(token, "POST", "/api/v1/desk/call-next").status, 200);
    const std::string actions =
        "/api/v1/bookings/" + std::to_string(visitor.value("id", 0)) + "/actions";
    auto no_note = as(token, "POST", actions,
                      json{{"action", "refuse"}, {"refusal", {{"reason", "other"}}}}.dump());
    EXPECT_EQ(no_note.status, 422) << no_note.body;
    EXPECT_EQ(error_of(no_note), "transition.reason_text_required");
    auto refused = as(token, "POST", actions,
                      json{{"action", "refuse"},
                           {"refusal", {{"reason", "data_mismatch"}, {"note", "інше прізвище"}}}}
                          .dump());
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(body_of(refused)["refusal"].value("reason", ""), "data_mismatch");
}

TEST_F(StaffApi, AlertStopsCallingAndReplaysIdempotently) {
    register_at_kiosk();
    const std::string boss = supervisor();
    auto on =
        as(boss, "POST", "/api/v1/alert", "{\"active\":true}", {{"Idempotency-Key", "alert-1"}});
    ASSERT_EQ(on.status, 200) << on.body;
    EXPECT_TRUE(body_of(call("GET", "/api/v1/alert")).value("active", false));
    auto replay =
        as(boss, "POST", "/api/v1/alert", "{\"active\":true}", {{"Idempotency-Key", "alert-1"}});
    EXPECT_EQ(replay.status, 200);
    EXPECT_EQ(header(replay, "Idempotent-Replayed"), "true");
    auto again = as(boss, "POST", "/api/v1/alert", "{\"active\":true}");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(error_of(again), "center.alert_state");

    const std::string token = clerk("w1");
    auto call_next = as(token, "POST", "/api/v1/desk/call-next");
    EXPECT_EQ(call_next.status, 409);
    EXPECT_EQ(error_of(call_next), "center.alert_active");
    EXPECT_TRUE(body_of(as_device(board_token_, "GET", "/api/v1/board")).value("alert", false));

    ASSERT_EQ(as(boss, "POST", "/api/v1/alert", "{\"active\":false}").status, 200);
    EXPECT_EQ(as(token, "POST", "/api/v1/desk/call-next").status, 200);
}

TEST_F(StaffApi, BoardShowsCalledTicketsWithoutPersonalData) {
    const json visitor = register_at_kiosk();
    ASSERT_EQ(as(clerk("w2"), "POST", "/api/v1/desk/call-next").status, 200);
    auto board = as_device(board_token_, "GET", "/api/v1/board");
    ASSERT_EQ(board.status, 200);
    const json body = body_of(board);
    ASSERT_EQ(body["called"].size(), 1u);
    EXPECT_EQ(body["called"][0]["ticket"].value("display", ""), "1000");
    EXPECT_EQ(body["called"][0]["window"].value("number", 0), 2);
    EXPECT_EQ(board.body.find("Шевченко"), std::string::npos);
    EXPECT_EQ(board.body.find(visitor.value("code", "")), std::string::npos);
}

TEST_F(StaffApi, SupervisorReadsStatisticsAuditAndKeysAndUnblocks) {
    register_at_kiosk();
    const std::string boss = supervisor();
    const json stats = body_of(as(boss, "GET", "/api/v1/stats"));
    EXPECT_EQ(stats.value("day", ""), "2026-03-03");
    EXPECT_EQ(stats["by_state"].value("arrived", 0), 1);

    const json audit = body_of(as(boss, "GET", "/api/v1/audit?limit=1000"));
    ASSERT_FALSE(audit["entries"].empty());
    EXPECT_EQ(audit["entries"][0].value("seq", 0), 1);
    EXPECT_EQ(audit.value("next_after", 0), audit["entries"].back().value("seq", -1));
    const json later = body_of(
        as(boss, "GET", "/api/v1/audit?after=" + std::to_string(audit.value("next_after", 0))));
    EXPECT_TRUE(later["entries"].empty());

    const json keys = body_of(as(boss, "GET", "/api/v1/keys"));
    ASSERT_EQ(keys["keys"].size(), 1u);
    EXPECT_NE(keys["keys"][0].value("public_pem", "").find("BEGIN PUBLIC KEY"), std::string::npos);
    EXPECT_EQ(keys.dump().find("PRIVATE"), std::string::npos);

    auto unblocked = as(boss, "POST", "/api/v1/identities/unblock",
                        json{{"identity", registration()["rnokpp"]}}.dump());
    EXPECT_EQ(unblocked.status, 200) << unblocked.body;
}

}  // namespace
}  // namespace cherha::server::api::testing
