// The desk's link against the real cherha-server (src/desk/model/desk_link.h): a clerk logs in
// and loads the day; the server goes away; the desk restarted lets the same clerk in with the
// same password, shows the kept day with what the clerk did since, keeps the clerk's action
// for later; the server comes back on the same address and gets the action exactly once.
#include <gtest/gtest.h>

#include "desk/model/curl_transport.h"
#include "desk/model/desk_link.h"
#include "server/server_fixture.h"
#include "store/temp_dir.h"

namespace cherha::desk {
namespace {

using nlohmann::json;
using test::bearer;
using test::HttpClient;
using test::json_of;
using test::log_in;

core::Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::unique_ptr<DeskLink> open_link(const std::string& dir, const std::string& url) {
    auto opened = DeskLink::open(dir, std::make_unique<CurlTransport>(url));
    EXPECT_TRUE(opened) << opened.problem().code;
    return opened ? std::move(opened).value() : nullptr;
}

const QueueBooking* find(const DayLoad& load, std::int64_t id) {
    if (!load.queue) return nullptr;
    for (const auto& b : load.queue->bookings)
        if (b.id == id) return &b;
    return nullptr;
}

TEST(DeskLinkWithServer, TheDayGoesOnOfflineAndTheServerGetsTheActionOnce) {
    test::ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    const int port = server.process().port();
    const std::string url = server.url();
    store::testing::TempDir desk_dir;
    const std::string data = desk_dir.file("desk");

    auto link = open_link(data, url);
    ASSERT_TRUE(link);
    auto login = link->login("clerk1", test::kClerk1Password, "w1", now());
    ASSERT_TRUE(login) << login.problem().code;
    EXPECT_FALSE(link->logged_in_offline());
    const StaffSession session = login.value();
    ASSERT_TRUE(session.window);
    EXPECT_EQ(session.window->id, "w1");

    // Online: the day is read and kept.
    const DayLoad first = link->load_day(session, now());
    ASSERT_TRUE(first.online) << (first.problem ? first.problem->code : "");
    EXPECT_FALSE(first.cached_at);
    ASSERT_TRUE(first.center);
    ASSERT_TRUE(first.queue);
    ASSERT_TRUE(first.keys);
    EXPECT_FALSE(first.keys->keys.empty());
    EXPECT_EQ(first.queue->day, first.center->today);
    for (const char* name : {"center", "keys"}) {
        auto kept = link->cache().load(name);
        ASSERT_TRUE(kept && kept.value()) << name;
    }
    auto kept_queue = link->cache().load("queue", first.center->today);
    ASSERT_TRUE(kept_queue && kept_queue.value());

    // A visitor of window 1's service arrives, and the clerk calls the next one.
    std::int64_t booked = 0;
    for (const auto& b : first.queue->bookings)
        if (b.state == core::BookingState::Booked && b.service_id == "vehicle-registration")
            booked = b.id;
    ASSERT_NE(booked, 0);
    ActionRequest arrive;
    arrive.action = core::BookingAction::Arrive;
    ActionDone done = link->record(session, action_request(booked, arrive, "clerk1"), now());
    ASSERT_EQ(done.state, OutboxState::Delivered) << done.problem_code << " " << done.reply;
    done = link->record(session, call_next_request("clerk1"), now());
    ASSERT_EQ(done.state, OutboxState::Delivered) << done.problem_code << " " << done.reply;
    ASSERT_TRUE(done.booking);
    const std::int64_t called = done.booking->id;
    EXPECT_EQ(done.booking->state, core::BookingState::Called);
    EXPECT_EQ(done.booking->window_id, "w1");
    ASSERT_TRUE(find(first, called));
    EXPECT_EQ(find(first, called)->state, core::BookingState::Arrived);

    // The server goes away.
    const test::ServerExit exit = server.process().stop();
    EXPECT_EQ(exit.exit_code, 0);

    // The kept day shows the call the server answered after the copy was saved.
    DayLoad offline = link->load_day(session, now());
    EXPECT_FALSE(offline.online);
    EXPECT_FALSE(offline.problem) << offline.problem->code;
    ASSERT_TRUE(offline.cached_at);
    EXPECT_EQ(*offline.cached_at, kept_queue.value()->saved_at);
    ASSERT_TRUE(offline.center);
    ASSERT_TRUE(offline.keys);
    ASSERT_TRUE(find(offline, called));
    EXPECT_EQ(find(offline, called)->state, core::BookingState::Called);
    EXPECT_EQ(find(offline, called)->window_id, "w1");

    // The clerk starts serving: kept for later, and shown.
    ActionRequest start;
    start.action = core::BookingAction::Start;
    done = link->record(session, action_request(called, start, "clerk1"), now());
    EXPECT_EQ(done.state, OutboxState::Pending);
    EXPECT_EQ(done.flush.stopped, "offline");
    const std::int64_t start_seq = done.seq;
    offline = link->load_day(session, now());
    EXPECT_FALSE(offline.online);
    ASSERT_TRUE(find(offline, called));
    EXPECT_EQ(find(offline, called)->state, core::BookingState::InService);

    // The desk restarts while the server is still down: the same clerk gets in with the same
    // password, nobody else does.
    link.reset();
    link = open_link(data, url);
    ASSERT_TRUE(link);
    auto again = link->login("clerk1", test::kClerk1Password, "w1", now());
    ASSERT_TRUE(again) << again.problem().code;
    EXPECT_TRUE(link->logged_in_offline());
    EXPECT_EQ(again->token, session.token);
    auto wrong = link->login("clerk1", "not-the-password", "w1", now());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.problem().code, "desk.offline_login_failed");
    auto other = link->login("clerk2", test::kClerk1Password, "w1", now());
    ASSERT_FALSE(other);
    EXPECT_EQ(other.problem().code, "desk.offline");
    offline = link->load_day(again.value(), now());
    ASSERT_TRUE(find(offline, called));
    EXPECT_EQ(find(offline, called)->state, core::BookingState::InService);

    // The server is back on the same address (the demo is already in its data): the load
    // sends the start first, then reads the day.
    ASSERT_TRUE(server.start({"--port", std::to_string(port)}));
    ASSERT_EQ(server.url(), url);
    const DayLoad back = link->load_day(again.value(), now());
    EXPECT_TRUE(back.online) << (back.problem ? back.problem->code : "");
    EXPECT_FALSE(back.cached_at);
    EXPECT_EQ(back.flush.delivered, 1);
    EXPECT_EQ(back.flush.still_pending, 0);
    ASSERT_TRUE(find(back, called));
    EXPECT_EQ(find(back, called)->state, core::BookingState::InService);
    auto delivered = link->outbox().entries(OutboxState::Delivered);
    ASSERT_TRUE(delivered);
    bool start_delivered = false;
    for (const auto& entry : delivered.value())
        if (entry.seq == start_seq) start_delivered = true;
    EXPECT_TRUE(start_delivered);
    // Nothing is sent twice.
    EXPECT_EQ(link->load_day(again.value(), now()).flush.delivered, 0);

    // The audit log holds one start of that visitor.
    HttpClient supervisor(server.url());
    const std::string boss = log_in(supervisor, "supervisor", test::kSupervisorPassword);
    ASSERT_FALSE(boss.empty());
    auto audit =
        supervisor.get("/api/v1/audit?limit=1000&booking=" + std::to_string(called), bearer(boss));
    ASSERT_EQ(audit.status, 200) << audit.body;
    int starts = 0;
    const json log = json_of(audit);
    for (const auto& entry : log["entries"])
        if (entry["action"] == "booking.start") {
            ++starts;
            EXPECT_EQ(entry["result"], "ok") << entry.dump();
        }
    EXPECT_EQ(starts, 1) << audit.body;
}

}  // namespace
}  // namespace cherha::desk
