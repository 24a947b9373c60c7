// The desk's outbox (src/desk/model/outbox.h): requests made while the server cannot be reached
// are kept in a local file, survive a restart of the desk, and are sent exactly once, in order,
// when the server is back; refusals are kept for the clerk, not dropped. Fakes make the
// failures happen on purpose; the last test does it against the real server.
#include "desk/model/outbox.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <deque>
#include <fstream>
#include <functional>

#include "core/common/civil.h"
#include "store/temp_dir.h"

namespace cherha::desk {
namespace {

using namespace std::chrono_literals;

const Instant kNow{date::sys_days{date::year{2026} / 11 / 24} + std::chrono::hours{9}};

// Answers from a script; records what was sent.
class ScriptedTransport : public DeskTransport {
  public:
    struct Sent {
        std::string method, path, body;
        Headers headers;
        std::string header(const std::string& name) const {
            for (const auto& [n, v] : headers)
                if (n == name) return v;
            return "";
        }
    };
    std::deque<TransportReply> replies;  // one per send; empty: 200 "{}"
    std::vector<Sent> sent;

    TransportReply send(const std::string& method, const std::string& path, const std::string& body,
                        const Headers& headers) override {
        sent.push_back({method, path, body, headers});
        if (replies.empty()) return {200, "{}", {}, ""};
        TransportReply r = replies.front();
        replies.pop_front();
        return r;
    }
};

TransportReply offline() {
    return {0, "", {}, "Couldn't connect to server"};
}

TransportReply refused(long status, const std::string& code) {
    return {status, R"({"error":")" + code + R"(","message":"m","params":{}})", {}, ""};
}

OutboxRequest action(std::int64_t booking, const std::string& name,
                     const std::string& staff = "clerk1") {
    return {"POST", "/api/v1/bookings/" + std::to_string(booking) + "/actions",
            R"({"action":")" + name + R"("})", booking, staff};
}

class OutboxTest : public ::testing::Test {
  protected:
    std::unique_ptr<Outbox> open() {
        auto opened = Outbox::open(path());
        EXPECT_TRUE(opened) << opened.problem().code;
        return opened ? std::move(opened).value() : nullptr;
    }
    std::string path() const { return dir_.file("desk-outbox.db"); }
    store::testing::TempDir dir_;
};

TEST_F(OutboxTest, AddedRequestsSurviveARestartWithTheirKeys) {
    std::vector<std::string> keys;
    {
        auto box = open();
        ASSERT_TRUE(box);
        for (const char* name : {"arrive", "start", "serve"}) {
            auto added = box->add(action(7, name), kNow);
            ASSERT_TRUE(added) << added.problem().code;
            EXPECT_EQ(added->state, OutboxState::Pending);
            EXPECT_GE(added->idempotency_key.size(), 32u);
            keys.push_back(added->idempotency_key);
        }
    }
    EXPECT_NE(keys[0], keys[1]);
    auto box = open();  // the desk restarted
    ASSERT_TRUE(box);
    auto pending = box->entries(OutboxState::Pending);
    ASSERT_TRUE(pending) << pending.problem().code;
    ASSERT_EQ(pending->size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ((*pending)[i].idempotency_key, keys[i]);
        EXPECT_EQ((*pending)[i].request.booking_id, 7);
        EXPECT_EQ((*pending)[i].added_at, kNow);
    }
    EXPECT_EQ((*pending)[2].request.body, R"({"action":"serve"})");
}

TEST_F(OutboxTest, BadRequestsAreRefusedByFieldAndNothingIsAdded) {
    auto box = open();
    ASSERT_TRUE(box);
    struct Case {
        std::string field;
        OutboxRequest request;
    };
    const std::vector<Case> cases = {
        {"request_method not_sendable", {"GET", "/api/v1/queue", "", 0, "c"}},
        {"request_method not_sendable", {"", "/api/v1/desk/call-next", "", 0, "c"}},
        {"request_path not_api", {"POST", "/admin/../api/v1/x", "", 0, "c"}},
        {"request_path not_api", {"POST", "", "", 0, "c"}},
        {"request_path dot_segment", {"POST", "/api/v1/../../admin", "", 0, "c"}},
        {"request_path dot_segment", {"POST", "/api/v1/bookings/./1/actions", "", 1, "c"}},
        {"request_path dot_segment", {"POST", "/api/v1/bookings/..", "", 0, "c"}},
        {"request_path not_printable_ascii",
         {"POST", "/api/v1/bookings/1/actions\r\nX-Evil: 1", "", 1, "c"}},
        {"request_path too_long", {"POST", "/api/v1/" + std::string(2000, 'a'), "", 0, "c"}},
        {"request_path not_printable_ascii", {"POST", "/api/v1/bookings/\xd0\xb0", "", 0, "c"}},
        {"request_body too_long",
         {"POST", "/api/v1/desk/call-next", std::string(65 * 1024, '{'), 0, "c"}},
        {"booking_id negative", {"POST", "/api/v1/desk/call-next", "", -3, "c"}},
        {"staff_login empty", {"POST", "/api/v1/desk/call-next", "", 0, ""}},
        {"staff_login too_long", {"POST", "/api/v1/desk/call-next", "", 0, std::string(101, 'c')}},
        {"staff_login not_printable_ascii", {"POST", "/api/v1/desk/call-next", "", 0, "c\nx"}},
    };
    for (const auto& c : cases) {
        auto added = box->add(c.request, kNow);
        ASSERT_FALSE(added) << c.field;
        EXPECT_EQ(added.problem().code, "desk.outbox_request");
        EXPECT_EQ(added.problem().param("field") + " " + added.problem().param("reason"), c.field);
    }
    auto all = box->entries();
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->empty());
}

TEST_F(OutboxTest, FlushSendsInOrderWithTheTokenAndEachKey) {
    auto box = open();
    ASSERT_TRUE(box);
    auto first = box->add(action(1, "arrive"), kNow);
    auto second = box->add({"POST", "/api/v1/desk/call-next", "", 0, "clerk1"}, kNow);
    ASSERT_TRUE(first && second);
    ScriptedTransport transport;
    const FlushReport report = box->flush(transport, "tok-123", "clerk1", kNow);
    EXPECT_EQ(report.delivered, 2);
    EXPECT_EQ(report.still_pending, 0);
    EXPECT_EQ(report.stopped, "");
    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_EQ(transport.sent[0].path, "/api/v1/bookings/1/actions");
    EXPECT_EQ(transport.sent[0].body, R"({"action":"arrive"})");
    EXPECT_EQ(transport.sent[0].header("Authorization"), "Bearer tok-123");
    EXPECT_EQ(transport.sent[0].header("Idempotency-Key"), first->idempotency_key);
    EXPECT_EQ(transport.sent[1].path, "/api/v1/desk/call-next");
    EXPECT_EQ(transport.sent[1].header("Idempotency-Key"), second->idempotency_key);
    // Delivered requests are not sent again.
    ScriptedTransport later;
    EXPECT_EQ(box->flush(later, "tok-123", "clerk1", kNow).delivered, 0);
    EXPECT_TRUE(later.sent.empty());
}

TEST_F(OutboxTest, NoAnswerStopsTheFlushAndTheNextOneResumesWithTheSameKey) {
    auto box = open();
    ASSERT_TRUE(box);
    for (const char* name : {"arrive", "start", "serve"})
        ASSERT_TRUE(box->add(action(2, name), kNow));
    ScriptedTransport transport;
    transport.replies = {{200, R"({"state":"arrived"})", {}, ""}, offline()};
    FlushReport report = box->flush(transport, "t", "clerk1", kNow);
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(report.still_pending, 2);
    EXPECT_EQ(report.stopped, "offline");
    ASSERT_EQ(transport.sent.size(), 2u);  // "serve" was not sent after "start" failed
    const std::string start_key = transport.sent[1].header("Idempotency-Key");

    box.reset();
    box = open();  // and the desk restarted meanwhile
    ASSERT_TRUE(box);
    ScriptedTransport back;
    report = box->flush(back, "t", "clerk1", kNow);
    EXPECT_EQ(report.delivered, 2);
    EXPECT_EQ(report.stopped, "");
    ASSERT_EQ(back.sent.size(), 2u);
    EXPECT_EQ(back.sent[0].body, R"({"action":"start"})");
    EXPECT_EQ(back.sent[0].header("Idempotency-Key"), start_key);
    EXPECT_EQ(back.sent[1].body, R"({"action":"serve"})");
    auto all = box->entries();
    ASSERT_TRUE(all);
    EXPECT_EQ((*all)[0].attempts, 1);
    EXPECT_EQ((*all)[1].attempts, 2);  // the lost attempt counts
    EXPECT_EQ((*all)[0].reply, R"({"state":"arrived"})");
    EXPECT_EQ((*all)[0].request.body, "");  // delivered: the body is not kept
}

TEST_F(OutboxTest, ConflictsAndRejectionsAreKeptForTheClerk) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add(action(3, "start"), kNow));
    ASSERT_TRUE(box->add(action(4, "serve"), kNow));
    ASSERT_TRUE(box->add(action(5, "arrive"), kNow));
    ASSERT_TRUE(box->add(action(6, "arrive"), kNow));
    ScriptedTransport transport;
    transport.replies = {refused(409, "transition.not_allowed"),
                         refused(422, "transition.result_required"),
                         {409, "<html>proxy error</html>", {}, ""},  // not a Cherha body
                         {200, "{}", {}, ""}};
    const FlushReport report = box->flush(transport, "t", "clerk1", kNow);
    EXPECT_EQ(report.conflicts, 2);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(report.delivered, 1);  // a refusal does not hold up the requests after it
    EXPECT_EQ(report.stopped, "");

    auto refusals = box->unacknowledged_refusals();
    ASSERT_TRUE(refusals) << refusals.problem().code;
    ASSERT_EQ(refusals->size(), 3u);
    EXPECT_EQ((*refusals)[0].state, OutboxState::Conflict);
    EXPECT_EQ((*refusals)[0].problem_code, "transition.not_allowed");
    EXPECT_EQ((*refusals)[0].status, 409);
    EXPECT_EQ((*refusals)[1].state, OutboxState::Rejected);
    EXPECT_EQ((*refusals)[1].problem_code, "transition.result_required");
    EXPECT_EQ((*refusals)[2].problem_code, "");
    EXPECT_EQ((*refusals)[2].reply, "<html>proxy error</html>");

    EXPECT_FALSE(box->acknowledge((*refusals)[0].seq));
    auto left = box->unacknowledged_refusals();
    ASSERT_TRUE(left);
    EXPECT_EQ(left->size(), 2u);
    // Only refused entries can be acknowledged.
    auto all = box->entries();
    ASSERT_TRUE(all);
    const auto delivered_seq = all->back().seq;
    auto problem = box->acknowledge(delivered_seq);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "desk.outbox_entry");
    EXPECT_EQ(problem->param("seq"), std::to_string(delivered_seq));
    ASSERT_TRUE(box->acknowledge(999999));
    // Refused entries are never sent again.
    ScriptedTransport later;
    box->flush(later, "t", "clerk1", kNow);
    EXPECT_TRUE(later.sent.empty());
}

TEST_F(OutboxTest, AnExpiredSessionOrABusyServerStopsTheFlush) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add(action(8, "arrive"), kNow));
    ASSERT_TRUE(box->add(action(9, "arrive"), kNow));
    for (const auto& [reply, reason] : std::vector<std::pair<TransportReply, std::string>>{
             {refused(401, "auth.session_invalid"), "unauthorised"},
             {refused(403, "auth.disabled"), "unauthorised"},
             {refused(429, "center.rate_limited"), "server"},
             {refused(500, "server.internal"), "server"},
             {refused(503, "server.unavailable"), "server"}}) {
        ScriptedTransport transport;
        transport.replies = {reply};
        const FlushReport report = box->flush(transport, "t", "clerk1", kNow);
        EXPECT_EQ(report.stopped, reason) << reply.status;
        EXPECT_EQ(report.still_pending, 2) << reply.status;
        EXPECT_EQ(transport.sent.size(), 1u) << reply.status;
    }
    auto pending = box->entries(OutboxState::Pending);
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->size(), 2u);
}

// auth.forbidden (this role may not do this) will never change by logging in again: a
// rejection, not a stop that would hold the outbox for ever.
TEST_F(OutboxTest, AForbiddenRequestIsRejectedAndTheRestGoesOn) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add(action(8, "refuse"), kNow));
    ASSERT_TRUE(box->add(action(9, "arrive"), kNow));
    ScriptedTransport transport;
    transport.replies = {refused(403, "auth.forbidden")};
    const FlushReport report = box->flush(transport, "t", "clerk1", kNow);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(report.stopped, "");
    auto refusals = box->unacknowledged_refusals();
    ASSERT_TRUE(refusals);
    ASSERT_EQ(refusals->size(), 1u);
    EXPECT_EQ((*refusals)[0].problem_code, "auth.forbidden");
}

// The server keeps answers for replay under (staff member, key): another clerk's session must
// not send them, or a lost answer would be applied a second time in someone else's name.
TEST_F(OutboxTest, RequestsAreSentOnlyInTheSessionOfWhoMadeThem) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add(action(1, "arrive", "clerk1"), kNow));
    ASSERT_TRUE(box->add(action(2, "arrive", "clerk2"), kNow));
    ASSERT_TRUE(box->add(action(3, "arrive", "clerk1"), kNow));
    ScriptedTransport as_clerk2;
    FlushReport report = box->flush(as_clerk2, "t2", "clerk2", kNow);
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(report.still_pending, 0);
    ASSERT_EQ(as_clerk2.sent.size(), 1u);
    EXPECT_EQ(as_clerk2.sent[0].path, "/api/v1/bookings/2/actions");
    ScriptedTransport as_clerk1;
    report = box->flush(as_clerk1, "t1", "clerk1", kNow);
    EXPECT_EQ(report.delivered, 2);
    ASSERT_EQ(as_clerk1.sent.size(), 2u);
    EXPECT_EQ(as_clerk1.sent[0].header("Authorization"), "Bearer t1");
}

// A request left over from an earlier working day is not sent (the visitor is gone, and the
// server no longer keeps its answer for replay); the clerk sees it.
TEST_F(OutboxTest, OldRequestsExpireUnsentAndAreShown) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add({"POST", "/api/v1/desk/call-next", "", 0, "clerk1"}, kNow));
    ASSERT_TRUE(box->add(action(4, "start"), kNow + 11h));
    ScriptedTransport transport;
    const FlushReport report = box->flush(transport, "t", "clerk1", kNow + kOutboxMaxAge + 1s);
    EXPECT_EQ(report.expired, 1);
    EXPECT_EQ(report.delivered, 1);
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent[0].path, "/api/v1/bookings/4/actions");
    auto refusals = box->unacknowledged_refusals();
    ASSERT_TRUE(refusals);
    ASSERT_EQ(refusals->size(), 1u);
    EXPECT_EQ((*refusals)[0].state, OutboxState::Expired);
    EXPECT_EQ((*refusals)[0].attempts, 0);
}

// "start" must not follow a refused "arrive" on its own: the later requests on that booking
// wait until the clerk has seen the refusal; other bookings go on.
TEST_F(OutboxTest, AfterARefusalTheSameBookingWaitsForTheClerk) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(box->add(action(7, "arrive"), kNow));
    ASSERT_TRUE(box->add(action(8, "arrive"), kNow));
    ASSERT_TRUE(box->add(action(7, "start"), kNow));
    ScriptedTransport transport;
    transport.replies = {refused(409, "center.wrong_window")};
    FlushReport report = box->flush(transport, "t", "clerk1", kNow);
    EXPECT_EQ(report.conflicts, 1);
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(report.held, 1);
    EXPECT_EQ(report.still_pending, 1);
    ASSERT_EQ(transport.sent.size(), 2u);
    // Still held on the next flush.
    ScriptedTransport again;
    report = box->flush(again, "t", "clerk1", kNow);
    EXPECT_EQ(report.held, 1);
    EXPECT_TRUE(again.sent.empty());
    // The clerk saw the refusal: the held request goes.
    auto refusals = box->unacknowledged_refusals();
    ASSERT_TRUE(refusals);
    ASSERT_EQ(refusals->size(), 1u);
    ASSERT_FALSE(box->acknowledge((*refusals)[0].seq));
    ScriptedTransport after;
    report = box->flush(after, "t", "clerk1", kNow);
    EXPECT_EQ(report.delivered, 1);
    ASSERT_EQ(after.sent.size(), 1u);
    EXPECT_EQ(after.sent[0].body, R"({"action":"start"})");
}

// What the server has is not kept: a delivered request's body (a refusal note may name
// someone) is blanked at once, and finished entries are deleted by purge_finished.
TEST_F(OutboxTest, DeliveredBodiesAreBlankedAndFinishedEntriesPurged) {
    auto box = open();
    ASSERT_TRUE(box);
    ASSERT_TRUE(
        box->add({"POST", "/api/v1/bookings/5/actions",
                  R"({"action":"refuse","refusal":{"reason":"other","note":"x"}})", 5, "clerk1"},
                 kNow));
    ASSERT_TRUE(box->add(action(6, "arrive"), kNow));
    ASSERT_TRUE(box->add(action(7, "arrive"), kNow + 2h));
    ScriptedTransport transport;
    transport.replies = {{200, "{}", {}, ""}, refused(409, "transition.not_allowed"), offline()};
    box->flush(transport, "t", "clerk1", kNow + 2h);
    auto all = box->entries();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].state, OutboxState::Delivered);
    EXPECT_EQ((*all)[0].request.body, "");
    EXPECT_EQ((*all)[1].request.body, R"({"action":"arrive"})");  // refused: kept to show

    // Before the clerk acknowledged the conflict only the delivered entry goes.
    auto purged = box->purge_finished(kNow + 1h);
    ASSERT_TRUE(purged) << purged.problem().code;
    EXPECT_EQ(*purged, 1);
    ASSERT_FALSE(box->acknowledge((*all)[1].seq));
    purged = box->purge_finished(kNow + 1h);
    ASSERT_TRUE(purged);
    EXPECT_EQ(*purged, 1);
    // The pending one, and anything added after `before`, stays.
    auto left = box->entries();
    ASSERT_TRUE(left);
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ((*left)[0].state, OutboxState::Pending);
}

TEST_F(OutboxTest, AnOutboxOfANewerDeskIsNotOpened) {
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    auto opened = Outbox::open(path());
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.problem().code, "desk.outbox_too_new");
    EXPECT_EQ(opened.problem().param("found"), "99");
}

TEST_F(OutboxTest, AFileChangedOutsideTheDeskIsReportedNotMisread) {
    {
        auto box = open();
        ASSERT_TRUE(box);
        ASSERT_TRUE(box->add(action(1, "arrive"), kNow));
    }
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
        // The CHECK constraint keeps out unknown states; without it a stray value is caught
        // when read.
        ASSERT_EQ(sqlite3_exec(db,
                               "PRAGMA ignore_check_constraints = 1; "
                               "UPDATE outbox SET state = 'lost'",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    auto box = open();
    ASSERT_TRUE(box);
    auto all = box->entries();
    ASSERT_FALSE(all);
    EXPECT_EQ(all.problem().code, "store.corrupt");
    // A row in an unknown state is never sent.
    ScriptedTransport transport;
    EXPECT_EQ(box->flush(transport, "t", "clerk1", kNow).delivered, 0);
    EXPECT_TRUE(transport.sent.empty());
}

TEST_F(OutboxTest, NotAnSqliteFileIsAClearError) {
    {
        std::ofstream garbage(path(), std::ios::binary);
        garbage << std::string(4096, 'x');
    }
    auto opened = Outbox::open(path());
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.problem().code.rfind("store.", 0), 0u) << opened.problem().code;
}

}  // namespace
}  // namespace cherha::desk
