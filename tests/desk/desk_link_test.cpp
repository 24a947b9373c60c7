// The desk's link (src/desk/model/desk_link.h) with a scripted transport that makes the server
// go away, refuse or answer on purpose: a kept session lets the same clerk in offline with the
// same password only; the day is loaded from the server and kept, and answered from the kept
// copy while the server cannot be reached, with the clerk's own later actions applied to it;
// the outbox is sent before the day is read. desk_link_server_test.cpp does it for real.
// Synthetic data only.
#include "desk/model/desk_link.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>

#include <nlohmann/json.hpp>

#include "store/temp_dir.h"

namespace cherha::desk {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using S = core::BookingState;

constexpr core::Date kToday{date::year{2026}, date::month{11}, date::day{24}};
// 10:00 in Kyiv.
const core::Instant kNow = core::Instant{date::sys_days{kToday}} + 8h;

// What the scripted server answers, shared with the transport the link owns.
struct FakeServer {
    bool down = false;                 // no answer at all, as when the server cannot be reached
    bool certificate_changed = false;  // with down: the pinned certificate was not the one met
    // "GET /api/v1/queue" -> the answers in turn; the last one is repeated.
    std::map<std::string, std::deque<TransportReply>> answers;
    std::vector<std::string> sent;  // "GET /api/v1/queue", in order

    void answer(const std::string& request, long status, const json& body) {
        answers[request] = {TransportReply{status, body.dump(), {}, ""}};
    }
};

class FakeTransport : public DeskTransport {
  public:
    explicit FakeTransport(std::shared_ptr<FakeServer> server) : server_(std::move(server)) {}
    TransportReply send(const std::string& method, const std::string& path, const std::string&,
                        const Headers&) override {
        const std::string request = method + " " + path;
        server_->sent.push_back(request);
        if (server_->down) return {0, "", {}, "Couldn't connect to server"};
        auto it = server_->answers.find(request);
        if (it == server_->answers.end() || it->second.empty())
            return {404, R"({"error":"center.not_found","message":"m","params":{}})", {}, ""};
        TransportReply reply = it->second.front();
        if (it->second.size() > 1) it->second.pop_front();
        return reply;
    }

    bool certificate_changed() const override {
        return server_->down && server_->certificate_changed;
    }

  private:
    std::shared_ptr<FakeServer> server_;
};

json error_body(const std::string& code) {
    return {{"error", code}, {"message", "m"}, {"params", json::object()}};
}

json login_answer(const std::string& login = "clerk1", const std::string& window = "w1") {
    return {{"token", "tok-" + login},
            {"login", login},
            {"role", "clerk"},
            {"window", {{"id", window}, {"number", window.back() - '0'}}}};
}

json services_answer() {
    return {{"center", {{"id", 1}, {"name_uk", "Тестовий центр"}, {"name_en", "Test center"}}},
            {"time_zone", "Europe/Kyiv"},
            {"today", "2026-11-24"},
            {"windows",
             {{{"id", "w1"}, {"number", 1}},
              {{"id", "w2"}, {"number", 2}},
              {{"id", "w3"}, {"number", 3}}}},
            {"services",
             {{{"id", "vehicle-registration"},
               {"name_uk", "Реєстрація"},
               {"name_en", "Registration"},
               {"duration_minutes", 30},
               {"windows", {"w1", "w2"}},
               {"retake_pause_days", nullptr}},
              {{"id", "exam-theory"},
               {"name_uk", "Іспит"},
               {"name_en", "Exam"},
               {"duration_minutes", 20},
               {"windows", {"w3"}},
               {"retake_pause_days", 10}}}}};
}

json registration() {
    return {
        {"kind", "natural_person"},   {"surname", "Зразкова"},
        {"given_name", "Тестана"},    {"patronymic", "Пробівна"},
        {"birth_date", "1990-01-15"}, {"rnokpp", nullptr},
        {"no_rnokpp", true},          {"document", {{"type", "id_card"}, {"number", "000000001"}}},
        {"legal_entity", nullptr}};
}

// A booking of today as the server writes it (an action's answer has no registration).
json booking(std::int64_t id, const std::string& state, const std::string& window = "",
             const std::string& service = "vehicle-registration") {
    json b = {{"id", id},
              {"code", "TEST-000" + std::to_string(id)},
              {"service", service},
              {"day", "2026-11-24"},
              {"time", "09:30"},
              {"start", "2026-11-24T07:30:00Z"},
              {"channel", "online"},
              {"state", state}};
    if (!window.empty()) b["window"] = {{"id", window}, {"number", window.back() - '0'}};
    return b;
}

// (A vector: a braced list of one object would be that object, not an array of it.)
json queue_answer(const std::vector<json>& bookings) {
    return {{"day", "2026-11-24"}, {"alert", false}, {"bookings", json(bookings)}};
}

json keys_answer() {
    return {{"center_id", 1},
            {"keys",
             {{{"key_id", "k1"},
               {"public_pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"},
               {"retired", false}}}}};
}

StaffSession clerk1() {
    StaffSession s;
    s.token = "tok-clerk1";
    s.login = "clerk1";
    s.role = "clerk";
    s.window = WindowRef{"w1", 1};
    return s;
}

OutboxRequest act(std::int64_t id, const std::string& action, const json& more = json::object()) {
    json body = more;
    body["action"] = action;
    return {"POST", "/api/v1/bookings/" + std::to_string(id) + "/actions", body.dump(), id,
            "clerk1"};
}

const QueueBooking* find(const DayLoad& load, std::int64_t id) {
    if (!load.queue) return nullptr;
    for (const auto& b : load.queue->bookings)
        if (b.id == id) return &b;
    return nullptr;
}

class DeskLinkTest : public ::testing::Test {
  protected:
    std::unique_ptr<DeskLink> open() {
        auto opened = DeskLink::open(dir_.file("desk"), std::make_unique<FakeTransport>(server_));
        EXPECT_TRUE(opened) << opened.problem().code;
        return opened ? std::move(opened).value() : nullptr;
    }
    void serve_day(const std::vector<json>& bookings) {
        server_->answer("GET /api/v1/services", 200, services_answer());
        server_->answer("GET /api/v1/queue", 200, queue_answer(bookings));
        server_->answer("GET /api/v1/keys", 200, keys_answer());
    }

    // Loads the day from the server: online, with the queue, without a problem.
    static bool loaded_online(DeskLink& link, core::Instant at) {
        const DayLoad load = link.load_day(clerk1(), at);
        return load.online && load.queue && !load.problem && !load.cached_at;
    }

    store::testing::TempDir dir_;
    std::shared_ptr<FakeServer> server_ = std::make_shared<FakeServer>();
};

TEST_F(DeskLinkTest, ALoginKeepsTheSessionForTheSameClerkOffline) {
    server_->answer("POST /api/v1/auth/login", 200, login_answer());
    {
        auto link = open();
        ASSERT_TRUE(link);
        auto session = link->login("clerk1", "pass-of-clerk1", "w1", kNow);
        ASSERT_TRUE(session) << session.problem().code;
        EXPECT_FALSE(link->logged_in_offline());
        EXPECT_EQ(session->token, "tok-clerk1");
    }

    // The desk restarts while the server is down.
    server_->down = true;
    auto link = open();
    ASSERT_TRUE(link);
    auto session = link->login("clerk1", "pass-of-clerk1", "w1", kNow + 1h);
    ASSERT_TRUE(session) << session.problem().code;
    EXPECT_TRUE(link->logged_in_offline());
    EXPECT_EQ(session->token, "tok-clerk1");
    EXPECT_EQ(session->login, "clerk1");
    EXPECT_EQ(session->role, "clerk");
    ASSERT_TRUE(session->window);
    EXPECT_EQ(*session->window, (WindowRef{"w1", 1}));

    auto wrong = link->login("clerk1", "not-the-password", "w1", kNow + 1h);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.problem().code, "desk.offline_login_failed");
    EXPECT_FALSE(link->logged_in_offline());

    for (const auto& [login, window] : std::vector<std::pair<std::string, std::string>>{
             {"clerk2", "w1"}, {"clerk1", "w2"}, {"clerk1", ""}}) {
        auto other = link->login(login, "pass-of-clerk1", window, kNow + 1h);
        ASSERT_FALSE(other) << login << " " << window;
        EXPECT_EQ(other.problem().code, "desk.offline") << login << " " << window;
        EXPECT_FALSE(link->logged_in_offline());
    }

    // A session kept longer than the outbox keeps requests is no use any more.
    auto stale = link->login("clerk1", "pass-of-clerk1", "w1", kNow + kOutboxMaxAge + 1s);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.problem().code, "desk.offline");
}

TEST_F(DeskLinkTest, OnlyAnUnreachableServerIsAnsweredFromTheKeptSession) {
    auto link = open();
    ASSERT_TRUE(link);
    // Nothing kept yet.
    server_->down = true;
    auto none = link->login("clerk1", "pass-of-clerk1", "w1", kNow);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.problem().code, "desk.offline");

    server_->down = false;
    server_->answer("POST /api/v1/auth/login", 200, login_answer());
    ASSERT_TRUE(link->login("clerk1", "pass-of-clerk1", "w1", kNow));

    // The server says no: its answer stands, the kept session does not let the clerk in.
    server_->answer("POST /api/v1/auth/login", 401, error_body("auth.invalid_credentials"));
    auto refused = link->login("clerk1", "pass-of-clerk1", "w1", kNow);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "auth.invalid_credentials");
    EXPECT_FALSE(link->logged_in_offline());

    // A proxy answering 503 for a server that is down counts as offline.
    server_->answer("POST /api/v1/auth/login", 503, error_body("server.unavailable"));
    auto kept = link->login("clerk1", "pass-of-clerk1", "w1", kNow);
    ASSERT_TRUE(kept) << kept.problem().code;
    EXPECT_TRUE(link->logged_in_offline());
}

TEST_F(DeskLinkTest, LoadingTheDayOnlineFillsItAndKeepsACopy) {
    serve_day({booking(1, "arrived"), booking(2, "called", "w1")});
    auto link = open();
    ASSERT_TRUE(link);
    const DayLoad load = link->load_day(clerk1(), kNow);
    EXPECT_TRUE(load.online);
    EXPECT_FALSE(load.problem) << load.problem->code;
    EXPECT_FALSE(load.cached_at);
    ASSERT_TRUE(load.center);
    EXPECT_EQ(load.center->today, kToday);
    EXPECT_EQ(load.center->windows.size(), 3u);
    ASSERT_TRUE(load.queue);
    ASSERT_EQ(load.queue->bookings.size(), 2u);
    EXPECT_EQ(load.queue->bookings[1].state, S::Called);
    ASSERT_TRUE(load.keys);
    ASSERT_EQ(load.keys->keys.size(), 1u);
    EXPECT_EQ(load.keys->keys[0].key_id, "k1");

    for (const char* name : {"center", "keys"}) {
        auto kept = link->cache().load(name);
        ASSERT_TRUE(kept && kept.value()) << name;
        EXPECT_EQ(kept.value()->saved_at, kNow) << name;
    }
    auto queue = link->cache().load("queue", kToday);
    ASSERT_TRUE(queue && queue.value());
    EXPECT_EQ(json::parse(queue.value()->json),
              queue_answer({booking(1, "arrived"), booking(2, "called", "w1")}));
}

TEST_F(DeskLinkTest, OfflineTheDayComesFromTheKeptCopy) {
    serve_day({booking(1, "arrived"), booking(2, "called", "w1")});
    {
        auto link = open();
        ASSERT_TRUE(link);
        ASSERT_TRUE(loaded_online(*link, kNow));
    }
    server_->down = true;
    auto link = open();  // the desk restarted
    ASSERT_TRUE(link);
    const DayLoad load = link->load_day(clerk1(), kNow + 10min);
    EXPECT_FALSE(load.online);
    EXPECT_FALSE(load.problem) << load.problem->code;
    ASSERT_TRUE(load.cached_at);
    EXPECT_EQ(*load.cached_at, kNow);
    ASSERT_TRUE(load.center);
    EXPECT_EQ(load.center->services.size(), 2u);
    ASSERT_TRUE(load.keys);
    EXPECT_EQ(load.keys->keys.size(), 1u);
    ASSERT_TRUE(load.queue);
    ASSERT_EQ(load.queue->bookings.size(), 2u);
    EXPECT_EQ(load.queue->bookings[0].state, S::Arrived);

    // A server that answers 503 is as good as gone.
    server_->down = false;
    for (const char* request : {"GET /api/v1/services", "GET /api/v1/queue", "GET /api/v1/keys"})
        server_->answer(request, 503, error_body("server.unavailable"));
    const DayLoad busy = link->load_day(clerk1(), kNow + 11min);
    EXPECT_FALSE(busy.online);
    ASSERT_TRUE(busy.queue);
    EXPECT_EQ(busy.queue->bookings.size(), 2u);
    ASSERT_TRUE(busy.cached_at);
    EXPECT_EQ(*busy.cached_at, kNow);
}

TEST_F(DeskLinkTest, TheQueueFallsBackToTheCopyWhenOnlyItCannotBeRead) {
    serve_day({booking(1, "arrived")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));

    server_->answer("GET /api/v1/queue", 504, error_body("server.timeout"));
    DayLoad load = link->load_day(clerk1(), kNow + 1min);
    EXPECT_FALSE(load.online);
    EXPECT_FALSE(load.problem);
    ASSERT_TRUE(load.queue);
    EXPECT_EQ(load.queue->bookings.size(), 1u);
    ASSERT_TRUE(load.cached_at);
    EXPECT_EQ(*load.cached_at, kNow);

    // A refusal is not "offline": the clerk must log in again, the copy is not shown as today's.
    server_->answer("GET /api/v1/queue", 401, error_body("auth.session_invalid"));
    load = link->load_day(clerk1(), kNow + 2min);
    EXPECT_TRUE(load.online);
    EXPECT_FALSE(load.queue);
    ASSERT_TRUE(load.problem);
    EXPECT_EQ(load.problem->code, "auth.session_invalid");
}

TEST_F(DeskLinkTest, ACertificateChangedInTheSessionIsSaidApartFromOffline) {
    serve_day({booking(1, "booked")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));

    // The server goes away: plain offline, no word of certificates.
    server_->down = true;
    DayLoad offline = link->load_day(clerk1(), kNow + 1min);
    EXPECT_FALSE(offline.online);
    EXPECT_FALSE(offline.certificate_changed);

    // Another certificate answers: nothing is sent, the day comes from the copy, and the
    // load says why.
    server_->certificate_changed = true;
    DayLoad changed = link->load_day(clerk1(), kNow + 2min);
    EXPECT_FALSE(changed.online);
    EXPECT_TRUE(changed.certificate_changed);
    ASSERT_TRUE(changed.queue) << "the day still comes from the copy";
    EXPECT_EQ(changed.queue->bookings.size(), 1u);
}

TEST_F(DeskLinkTest, WithoutAServerOrACopyTheLoadSaysSo) {
    server_->down = true;
    auto link = open();
    ASSERT_TRUE(link);
    const DayLoad load = link->load_day(clerk1(), kNow);
    EXPECT_FALSE(load.online);
    EXPECT_FALSE(load.queue);
    ASSERT_TRUE(load.problem);
    EXPECT_EQ(load.problem->code, "desk.no_local_copy");
}

TEST_F(DeskLinkTest, TheOutboxIsSentBeforeTheDayIsRead) {
    auto link = open();
    ASSERT_TRUE(link);
    server_->down = true;
    const ActionDone done = link->record(clerk1(), act(1, "arrive"), kNow);
    EXPECT_FALSE(done.problem);
    EXPECT_GT(done.seq, 0);
    EXPECT_EQ(done.state, OutboxState::Pending);
    EXPECT_EQ(done.flush.stopped, "offline");

    server_->down = false;
    server_->sent.clear();
    serve_day({booking(1, "arrived")});
    server_->answer("POST /api/v1/bookings/1/actions", 200, booking(1, "arrived"));
    const DayLoad load = link->load_day(clerk1(), kNow + 1min);
    EXPECT_TRUE(load.online);
    EXPECT_EQ(load.flush.delivered, 1);
    ASSERT_GE(server_->sent.size(), 3u);
    EXPECT_EQ(server_->sent[0], "POST /api/v1/bookings/1/actions");
    EXPECT_EQ(server_->sent[1], "GET /api/v1/services");
    EXPECT_EQ(server_->sent[2], "GET /api/v1/queue");
    auto pending = link->outbox().entries(OutboxState::Pending);
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending->empty());
}

TEST_F(DeskLinkTest, ActionsRecordedOfflineShowInTheKeptQueue) {
    serve_day({booking(1, "arrived"), booking(2, "called", "w1"),
               booking(3, "in_service", "w1", "exam-theory"), booking(4, "called", "w1"),
               booking(5, "booked")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));

    server_->down = true;
    for (const auto& request :
         {act(1, "call"), act(2, "start"), act(3, "serve", {{"result", "failed"}}),
          act(4, "refuse", {{"refusal", {{"reason", "other"}, {"note", "n"}}}}),
          act(5, "arrive")}) {
        const ActionDone done = link->record(clerk1(), request, kNow + 5min);
        EXPECT_EQ(done.state, OutboxState::Pending) << request.body;
        EXPECT_FALSE(done.booking);
    }

    const DayLoad load = link->load_day(clerk1(), kNow + 6min);
    EXPECT_FALSE(load.online);
    ASSERT_TRUE(load.queue);
    ASSERT_TRUE(find(load, 1));
    EXPECT_EQ(find(load, 1)->state, S::Called);
    EXPECT_EQ(find(load, 1)->window_id, "w1");
    EXPECT_EQ(find(load, 2)->state, S::InService);
    EXPECT_EQ(find(load, 3)->state, S::Served);
    EXPECT_EQ(find(load, 4)->state, S::Refused);
    EXPECT_EQ(find(load, 5)->state, S::Arrived);
    EXPECT_EQ(load.flush.still_pending, 5);

    // The kept copy itself is untouched: the server will decide.
    auto kept = link->cache().load("queue", kToday);
    ASSERT_TRUE(kept && kept.value());
    auto read = read_day_queue(kept.value()->json);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->bookings[1].state, S::Called);
}

TEST_F(DeskLinkTest, AnActionTheStateMachineRefusesIsNotShown) {
    serve_day({booking(1, "booked"), booking(2, "served", "w1")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));
    server_->down = true;
    link->record(clerk1(), act(1, "start"), kNow + 1min);  // not called yet
    link->record(clerk1(), act(2, "call"), kNow + 1min);   // already served
    const DayLoad load = link->load_day(clerk1(), kNow + 2min);
    ASSERT_TRUE(load.queue);
    EXPECT_EQ(find(load, 1)->state, S::Booked);
    EXPECT_EQ(find(load, 2)->state, S::Served);
}

TEST_F(DeskLinkTest, ADeliveredAnswerUpdatesTheKeptBookingAndKeepsItsRegistration) {
    json waiting = booking(1, "arrived");
    waiting["registration"] = registration();
    serve_day({waiting});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));

    json called = booking(1, "called", "w1");
    called["ticket"] = {{"display", "1009"}, {"number", 9}, {"sequence", "regular"}};
    called["called_at"] = "2026-11-24T08:01:00Z";
    server_->answer("POST /api/v1/desk/call-next", 200, called);
    const ActionDone done = link->record(clerk1(), call_next_request("clerk1"), kNow + 1min);
    EXPECT_EQ(done.state, OutboxState::Delivered);
    ASSERT_TRUE(done.booking);
    EXPECT_EQ(done.booking->id, 1);
    EXPECT_EQ(done.booking->state, S::Called);

    server_->down = true;
    const DayLoad load = link->load_day(clerk1(), kNow + 2min);
    EXPECT_FALSE(load.online);
    const QueueBooking* shown = find(load, 1);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->state, S::Called);
    EXPECT_EQ(shown->window_id, "w1");
    EXPECT_EQ(shown->ticket_display, "1009");
    ASSERT_TRUE(shown->called_at);
    ASSERT_TRUE(shown->registration);  // the answer has none; the kept one stays
    EXPECT_EQ(shown->registration->surname, "Зразкова");
}

TEST_F(DeskLinkTest, AnAnswerOlderThanTheKeptCopyDoesNotOverwriteIt) {
    serve_day({booking(1, "arrived")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));
    server_->answer("POST /api/v1/bookings/1/actions", 200, booking(1, "called", "w1"));
    EXPECT_EQ(link->record(clerk1(), act(1, "call"), kNow + 1min).state, OutboxState::Delivered);
    // The server has moved on since (the visitor is being served) when the copy is saved.
    serve_day({booking(1, "in_service", "w1")});
    ASSERT_TRUE(loaded_online(*link, kNow + 2min));

    server_->down = true;
    const DayLoad load = link->load_day(clerk1(), kNow + 3min);
    ASSERT_TRUE(find(load, 1));
    EXPECT_EQ(find(load, 1)->state, S::InService);
}

TEST_F(DeskLinkTest, ARefusedActionIsKeptForTheClerkAndNotShownAsDone) {
    serve_day({booking(1, "called", "w2")});
    auto link = open();
    ASSERT_TRUE(link);
    ASSERT_TRUE(loaded_online(*link, kNow));
    server_->answer("POST /api/v1/bookings/1/actions", 409, error_body("center.wrong_window"));
    const ActionDone done = link->record(clerk1(), act(1, "start"), kNow + 1min);
    EXPECT_EQ(done.state, OutboxState::Conflict);
    EXPECT_EQ(done.problem_code, "center.wrong_window");
    EXPECT_FALSE(done.booking);

    server_->down = true;
    const DayLoad load = link->load_day(clerk1(), kNow + 2min);
    ASSERT_TRUE(find(load, 1));
    EXPECT_EQ(find(load, 1)->state, S::Called);
    ASSERT_EQ(load.refusals.size(), 1u);
    EXPECT_EQ(load.refusals[0].seq, done.seq);
    EXPECT_FALSE(link->acknowledge(done.seq));
    EXPECT_TRUE(link->load_day(clerk1(), kNow + 3min).refusals.empty());
}

TEST_F(DeskLinkTest, ARequestTheOutboxRefusesIsNotSent) {
    auto link = open();
    ASSERT_TRUE(link);
    OutboxRequest bad = act(1, "start");
    bad.path = "/admin/bookings/1/actions";
    const ActionDone done = link->record(clerk1(), bad, kNow);
    ASSERT_TRUE(done.problem);
    EXPECT_EQ(done.problem->code, "desk.outbox_request");
    EXPECT_EQ(done.seq, 0);
    EXPECT_TRUE(server_->sent.empty());
}

}  // namespace
}  // namespace cherha::desk
