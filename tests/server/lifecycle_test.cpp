// The whole life of a booking over real HTTP against the real cherha-server started with --demo:
// a citizen books online (proof of work solved), looks the booking up, fetches its QR image and
// cancels it; a clerk logs in, reads the queue, finds a booking by typed code and by scanned
// token, verifies the presented document, and moves the visitor through arrive, call-next,
// start and serve, each with an Idempotency-Key whose retry replays the first answer; the
// event stream announces queue changes; logout ends the session. Last, the server's log holds
// none of the personal data that went through it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/abuse/proof_of_work.h"
#include "server/server_fixture.h"

namespace cherha::test {
namespace {

using nlohmann::json;

constexpr int kDifficulty = 8;

class Lifecycle : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        // A little real work per challenge (8 zero bits, ~256 hashes), so wrong answers exist.
        server_ = new ServerUnderTest(test_config_lines(true, 48, kDifficulty));
        if (!server_->start({"--demo"})) return;
        // The demo's logins come after the URL line.
        EXPECT_TRUE(server_->process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    }
    static void TearDownTestSuite() {
        if (server_ && server_->running()) {
            const ServerExit exit = server_->process().stop();
            EXPECT_EQ(exit.exit_code, 0) << "signal " << exit.signal << "\n"
                                         << server_->process().stderr_text();
        }
        delete server_;
        server_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(server_ && server_->running()); }

    static std::string url() { return server_->url(); }

    // The password the server printed for a demo login ("  clerk: clerk1 / <password>").
    static std::string demo_password(const std::string& login) {
        const std::string out = server_->process().stdout_text();
        const std::string marker = " " + login + " / ";
        const auto at = out.find(marker);
        if (at == std::string::npos) return {};
        const auto start = at + marker.size();
        return out.substr(start, out.find('\n', start) - start);
    }

    // Books `person` into the first free bookable slot of vehicle registration from tomorrow.
    static HttpReply book(HttpClient& client, const core::synthetic::Person& person,
                          std::string* day_out = nullptr, std::string* time_out = nullptr) {
        const std::string day = day_with_free_slots(client, "vehicle-registration", 1);
        EXPECT_FALSE(day.empty());
        std::string time;
        for (const auto& slot : day_slots(client, "vehicle-registration", day))
            if (slot.bookable && slot.free > 0) {
                time = slot.time;
                break;
            }
        auto pow = solved_pow(client);
        EXPECT_TRUE(pow);
        if (day_out) *day_out = day;
        if (time_out) *time_out = time;
        const auto body = booking_body("vehicle-registration", day, time, registration_json(person),
                                       pow.value_or(json::object()));
        return client.post("/api/v1/bookings", body.dump(), json_headers());
    }

    static ServerUnderTest* server_;
};

ServerUnderTest* Lifecycle::server_ = nullptr;

// A person nobody else in these tests is, with a surname to look for in the log.
core::synthetic::Person citizen(int n) {
    auto person = api_person(500000 + n);
    person.surname = "Загорулько";
    person.given_name = "Ярина";
    person.patronymic = "Богданівна";
    person.sex = core::Sex::Female;
    return person;
}

TEST_F(Lifecycle, DemoPrintsItsLoginsAndTheChallengesCarryTheConfiguredDifficulty) {
    EXPECT_EQ(demo_password("clerk1"), kClerk1Password);
    EXPECT_EQ(demo_password("supervisor"), kSupervisorPassword);
    EXPECT_NE(server_->process().stdout_text().find("Authorization: Device "), std::string::npos);
    HttpClient client(url());
    auto pow = client.post("/api/v1/pow", "", json_headers());
    ASSERT_EQ(pow.status, 200) << pow.body;
    EXPECT_EQ(json_of(pow)["difficulty"], kDifficulty);
}

TEST_F(Lifecycle, HealthVersionServicesAndSlots) {
    HttpClient client(url());
    auto health = client.get("/api/v1/health");
    ASSERT_EQ(health.status, 200) << health.error;
    EXPECT_EQ(json_of(health)["status"], "ok");
    auto version = client.get("/api/v1/version");
    ASSERT_EQ(version.status, 200);
    EXPECT_EQ(json_of(version)["name"], "cherha-server");

    auto services = client.get("/api/v1/services");
    ASSERT_EQ(services.status, 200);
    const auto body = json_of(services);
    ASSERT_TRUE(body["services"].is_array());
    std::vector<std::string> ids;
    for (const auto& service : body["services"]) ids.push_back(service["id"]);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "vehicle-registration"), ids.end());
    EXPECT_FALSE(body["services"][0]["name_uk"].get<std::string>().empty());
    EXPECT_FALSE(body["services"][0]["name_en"].get<std::string>().empty());

    const std::string day = day_with_free_slots(client, "vehicle-registration", 1);
    ASSERT_FALSE(day.empty());
    const auto slots = day_slots(client, "vehicle-registration", day);
    ASSERT_FALSE(slots.empty());
    for (const auto& slot : slots) {
        EXPECT_EQ(slot.capacity, 2) << slot.time;  // windows w1 and w2 serve it
        EXPECT_EQ(slot.free, slot.capacity - slot.taken) << slot.time;
    }
    // Keep-alive: all of this went over one connection.
    EXPECT_EQ(client.new_connections(), 1);
}

TEST_F(Lifecycle, CitizenBooksLooksUpFetchesQrAndCancels) {
    HttpClient client(url());
    const auto person = citizen(1);
    std::string day, time;
    const auto created = book(client, person, &day, &time);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto booking = json_of(created);
    EXPECT_EQ(booking["state"], "booked");
    EXPECT_EQ(booking["day"], day);
    EXPECT_EQ(booking["time"], time);
    EXPECT_EQ(booking["channel"], "online");
    const std::string code = booking["code"];
    const std::string token = booking["token"];
    ASSERT_FALSE(code.empty());
    ASSERT_EQ(token.rfind("CHERHA:", 0), 0u) << token;

    // The slot counts it.
    int taken = -1;
    for (const auto& slot : day_slots(client, "vehicle-registration", day))
        if (slot.time == time) taken = slot.taken;
    EXPECT_GE(taken, 1);

    // Look up by code + RNOKPP, and by code + document number; a wrong identity finds nothing.
    const std::string rnokpp = core::synthetic::rnokpp_of(person);
    auto found = client.post("/api/v1/bookings/lookup",
                             json{{"code", code}, {"identity", rnokpp}}.dump(), json_headers());
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(json_of(found)["id"], booking["id"]);
    EXPECT_EQ(json_of(found)["registration"]["surname"], person.surname);
    found = client.post("/api/v1/bookings/lookup",
                        json{{"code", code}, {"identity", person.id_card_number}}.dump(),
                        json_headers());
    EXPECT_EQ(found.status, 200) << found.body;
    const auto stranger = core::synthetic::rnokpp_of(citizen(2));
    found = client.post("/api/v1/bookings/lookup",
                        json{{"code", code}, {"identity", stranger}}.dump(), json_headers());
    EXPECT_EQ(found.status, 404);
    EXPECT_EQ(error_code(found), "center.not_found");

    // The QR image: a real PNG, and the SVG the booking JSON links to.
    const std::string query =
        booking["qr"].get<std::string>().substr(booking["qr"].get<std::string>().find('?'));
    auto png = client.get("/api/v1/qr.png" + query);
    ASSERT_EQ(png.status, 200) << png.body;
    EXPECT_EQ(png.header("content-type"), "image/png");
    ASSERT_GE(png.body.size(), 8u);
    EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto svg = client.get(booking["qr"].get<std::string>());
    ASSERT_EQ(svg.status, 200);
    EXPECT_NE(svg.header("content-type").find("image/svg+xml"), std::string::npos);
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
    // A token this center did not sign draws nothing.
    std::string forged = token;
    forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
    auto refused = client.get("/api/v1/qr.png?token=" + forged);
    EXPECT_GE(refused.status, 400);
    EXPECT_LT(refused.status, 500);

    // Cancel: only with the right identity; then the slot is free again.
    auto cancelled =
        client.post("/api/v1/bookings/cancel", json{{"code", code}, {"identity", stranger}}.dump(),
                    json_headers());
    EXPECT_EQ(cancelled.status, 404);
    cancelled = client.post("/api/v1/bookings/cancel",
                            json{{"code", code}, {"identity", rnokpp}}.dump(), json_headers());
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(json_of(cancelled)["state"], "cancelled");
    found = client.post("/api/v1/bookings/lookup",
                        json{{"code", code}, {"identity", rnokpp}}.dump(), json_headers());
    EXPECT_EQ(json_of(found)["state"], "cancelled");
    for (const auto& slot : day_slots(client, "vehicle-registration", day)) {
        if (slot.time == time) {
            EXPECT_EQ(slot.taken, taken - 1);
        }
    }
}

TEST_F(Lifecycle, BookingWithoutOrWithASpentProofOfWorkIsRefused) {
    HttpClient client(url());
    const std::string day = day_with_free_slots(client, "vehicle-registration", 2);
    ASSERT_FALSE(day.empty());
    std::vector<std::string> times;
    for (const auto& slot : day_slots(client, "vehicle-registration", day))
        if (slot.bookable && slot.free > 0) times.push_back(slot.time);
    ASSERT_GE(times.size(), 2u);

    json body = booking_body("vehicle-registration", day, times[0], registration_json(citizen(3)),
                             json::object());
    body.erase("pow");
    auto reply = client.post("/api/v1/bookings", body.dump(), json_headers());
    EXPECT_EQ(error_code(reply), "center.pow_required") << reply.body;

    auto pow = solved_pow(client);
    ASSERT_TRUE(pow);
    body["pow"] = *pow;
    reply = client.post("/api/v1/bookings", body.dump(), json_headers());
    ASSERT_EQ(reply.status, 201) << reply.body;
    body["time"] = times[1];
    body["registration"] = registration_json(citizen(4));
    reply = client.post("/api/v1/bookings", body.dump(), json_headers());
    EXPECT_EQ(reply.status, 409);
    EXPECT_EQ(error_code(reply), "center.pow_reused");

    // A nonce whose hash has too few zero bits, and one that is not a number.
    auto fresh = solved_pow(client);
    ASSERT_TRUE(fresh);
    const std::string challenge = (*fresh)["challenge"];
    std::string weak = "0";
    for (int n = 0; core::pow_leading_zero_bits(challenge, weak) >= kDifficulty; ++n)
        weak = std::to_string(n);
    body["pow"] = {{"challenge", challenge}, {"nonce", weak}};
    reply = client.post("/api/v1/bookings", body.dump(), json_headers());
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(error_code(reply), "pow.insufficient");
    body["pow"] = {{"challenge", challenge}, {"nonce", "not-a-number"}};
    reply = client.post("/api/v1/bookings", body.dump(), json_headers());
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(error_code(reply), "pow.nonce_invalid");
}

// The demo's staff: a clerk at window 1 serves a visitor booked for today.
TEST_F(Lifecycle, ClerkServesAVisitorWithIdempotentRetries) {
    HttpClient clerk(url());
    HttpReply login;
    const std::string token = log_in(clerk, "clerk1", demo_password("clerk1"), "w1", &login);
    ASSERT_FALSE(token.empty()) << login.status << " " << login.body;
    EXPECT_EQ(json_of(login)["role"], "clerk");
    EXPECT_EQ(json_of(login)["window"]["id"], "w1");
    HttpReply wrong;
    EXPECT_TRUE(log_in(clerk, "clerk1", "wrong-password", "", &wrong).empty());
    EXPECT_EQ(wrong.status, 401);

    // Today's queue: the demo has bookings in every state; take a booked one of window 1.
    auto queue = clerk.get("/api/v1/queue", bearer(token));
    ASSERT_EQ(queue.status, 200) << queue.body;
    json chosen;
    const json today_queue = json_of(queue);
    for (const auto& b : today_queue["bookings"])
        if (b["state"] == "booked" && b["service"] == "vehicle-registration") chosen = b;
    ASSERT_TRUE(chosen.is_object()) << "no booked vehicle registration today: " << queue.body;
    const std::int64_t id = chosen["id"];
    const std::string path = "/api/v1/bookings/" + std::to_string(id);

    // Find it by typed code, then by the scanned token that answer carries.
    auto by_code =
        clerk.post("/api/v1/desk/find", json{{"scanned", chosen["code"]}}.dump(), bearer(token));
    ASSERT_EQ(by_code.status, 200) << by_code.body;
    EXPECT_EQ(json_of(by_code)["id"], id);
    const std::string scanned = json_of(by_code)["token"];
    auto by_token =
        clerk.post("/api/v1/desk/find", json{{"scanned", scanned}}.dump(), bearer(token));
    ASSERT_EQ(by_token.status, 200) << by_token.body;
    EXPECT_EQ(json_of(by_token)["id"], id);

    // The presented ID card carries the registered data: a match.
    const json reg = chosen["registration"];
    json document = {{"type", reg["document"]["type"]}, {"number", reg["document"]["number"]},
                     {"surname", reg["surname"]},       {"given_name", reg["given_name"]},
                     {"birth_date", reg["birth_date"]}, {"expiry_date", "2035-01-01"}};
    if (reg["patronymic"].is_string()) document["patronymic"] = reg["patronymic"];
    if (reg["rnokpp"].is_string()) document["rnokpp"] = reg["rnokpp"];
    auto verified =
        clerk.post(path + "/verify", json{{"document", document}}.dump(), bearer(token));
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(json_of(verified)["verification"]["verdict"], "match") << verified.body;

    // Arrive, then the same request again after a "lost" answer: replayed, one ticket only.
    auto with_key = [&](const std::string& key) {
        auto headers = bearer(token);
        headers.emplace_back("Idempotency-Key", key);
        return headers;
    };
    const std::string arrive = json{{"action", "arrive"}}.dump();
    auto arrived = clerk.post(path + "/actions", arrive, with_key("lifecycle-arrive-1"));
    ASSERT_EQ(arrived.status, 200) << arrived.body;
    EXPECT_EQ(json_of(arrived)["state"], "arrived");
    EXPECT_TRUE(json_of(arrived)["ticket"].is_object());
    auto again = clerk.post(path + "/actions", arrive, with_key("lifecycle-arrive-1"));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.body, arrived.body);
    // The same key with another request is refused; without a key the arrival is not repeated.
    auto reused = clerk.post(path + "/actions", json{{"action", "cancel"}}.dump(),
                             with_key("lifecycle-arrive-1"));
    EXPECT_EQ(reused.status, 409);
    EXPECT_EQ(error_code(reused), "idempotency.key_reused");
    auto twice = clerk.post(path + "/actions", arrive, bearer(token));
    EXPECT_EQ(twice.status, 409) << twice.body;

    // Call next at window 1 until our visitor comes (earlier ones may be waiting too).
    bool called = false;
    for (int i = 0; i < 40 && !called; ++i) {
        const std::string key = "lifecycle-call-" + std::to_string(i);
        auto next = clerk.post("/api/v1/desk/call-next", "", with_key(key));
        ASSERT_EQ(next.status, 200) << next.body;
        auto replay = clerk.post("/api/v1/desk/call-next", "", with_key(key));
        ASSERT_EQ(replay.status, 200);
        EXPECT_EQ(replay.header("idempotent-replayed"), "true");
        EXPECT_EQ(replay.body, next.body);  // the retry did not call a second visitor
        EXPECT_EQ(json_of(next)["state"], "called");
        EXPECT_EQ(json_of(next)["window"]["id"], "w1");
        called = json_of(next)["id"] == id;
    }
    ASSERT_TRUE(called);

    auto started = clerk.post(path + "/actions", json{{"action", "start"}}.dump(),
                              with_key("lifecycle-start"));
    ASSERT_EQ(started.status, 200) << started.body;
    EXPECT_EQ(json_of(started)["state"], "in_service");
    const std::string serve = json{{"action", "serve"}}.dump();
    auto served = clerk.post(path + "/actions", serve, with_key("lifecycle-serve"));
    ASSERT_EQ(served.status, 200) << served.body;
    EXPECT_EQ(json_of(served)["state"], "served");
    auto served_again = clerk.post(path + "/actions", serve, with_key("lifecycle-serve"));
    EXPECT_EQ(served_again.status, 200);
    EXPECT_EQ(served_again.header("idempotent-replayed"), "true");
    EXPECT_EQ(served_again.body, served.body);
    // The outcome answers carry no personal data (they are stored for replays).
    EXPECT_FALSE(json_of(served).contains("registration"));

    // The queue shows it served, with the ticket of the first arrival.
    queue = clerk.get("/api/v1/queue?state=served", bearer(token));
    ASSERT_EQ(queue.status, 200);
    int matches = 0;
    const json served_queue = json_of(queue);
    for (const auto& b : served_queue["bookings"])
        if (b["id"] == id) {
            ++matches;
            EXPECT_EQ(b["ticket"], json_of(arrived)["ticket"]);
        }
    EXPECT_EQ(matches, 1);

    // Logout ends the session.
    auto out = clerk.post("/api/v1/auth/logout", "", bearer(token));
    EXPECT_EQ(out.status, 204);
    auto after = clerk.get("/api/v1/queue", bearer(token));
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(error_code(after), "auth.session_invalid");
}

TEST_F(Lifecycle, EventStreamAnnouncesABookingChange) {
    HttpClient staff(url());
    const std::string token = log_in(staff, "supervisor", demo_password("supervisor"));
    ASSERT_FALSE(token.empty());
    // Without credentials there is no stream.
    HttpClient anonymous(url());
    EXPECT_EQ(anonymous.get("/api/v1/events").status, 401);

    SseReply stream;
    std::atomic<bool> done{false};
    std::thread reader([&] {
        HttpClient listener(url());
        // The stream opens with a "retry:" block (not an event: no data), then "ready", then
        // the first change.
        stream = listener.read_sse("/api/v1/events", bearer(token), 2, std::chrono::seconds(60));
        done = true;
    });
    // The subscription starts at some moment after the request: book until the stream has seen
    // a queue event (each booking is announced).
    HttpClient citizen_client(url());
    std::vector<std::int64_t> created;
    for (int i = 0; i < 100 && !done; ++i) {
        auto reply = book(citizen_client, citizen(100 + i));
        ASSERT_EQ(reply.status, 201) << reply.body;
        created.push_back(json_of(reply)["id"]);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    reader.join();
    ASSERT_EQ(stream.status, 200) << stream.error;
    std::string content_type;
    for (const auto& [name, value] : stream.headers)
        if (name == "content-type") content_type = value;
    EXPECT_EQ(content_type.rfind("text/event-stream", 0), 0u) << content_type;
    std::vector<SseEvent> events;
    for (const auto& e : stream.events)
        if (!e.data.empty()) events.push_back(e);
    ASSERT_EQ(events.size(), 2u) << stream.error;
    EXPECT_EQ(events[0].event, "ready");
    EXPECT_EQ(events[1].event, "queue");
    EXPECT_FALSE(events[1].id.empty());
    const auto event = json::parse(events[1].data, nullptr, false);
    ASSERT_TRUE(event.is_object()) << events[1].data;
    EXPECT_EQ(event["kind"], "booking");
    EXPECT_EQ(event["state"], "booked");
    EXPECT_NE(std::find(created.begin(), created.end(), event["booking"].get<std::int64_t>()),
              created.end());
    // No personal data on the stream.
    EXPECT_EQ(events[1].data.find("Загорулько"), std::string::npos);
}

// Everything personal that went through the server above and here stays out of its log.
TEST_F(Lifecycle, LogHoldsNoPersonalData) {
    HttpClient client(url());
    const auto person = citizen(900);
    auto created = book(client, person);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string code = json_of(created)["code"];
    const std::string token = json_of(created)["token"];
    const std::string rnokpp = core::synthetic::rnokpp_of(person);
    client.post("/api/v1/bookings/lookup", json{{"code", code}, {"identity", rnokpp}}.dump(),
                json_headers());
    client.get("/api/v1/qr.png" + json_of(created)["qr"].get<std::string>().substr(
                                      json_of(created)["qr"].get<std::string>().find('?')));
    // Refused requests too: a wrong RNOKPP and a malformed body with the name in it.
    auto bad = registration_json(person);
    bad["rnokpp"] = rnokpp.substr(0, 9) + (rnokpp[9] == '0' ? "1" : "0");
    client.post(
        "/api/v1/bookings",
        booking_body("vehicle-registration", "2030-01-01", "09:00", bad, json::object()).dump(),
        json_headers());
    client.post("/api/v1/bookings", "{\"surname\": \"Загорулько\", ", json_headers());

    const std::string log = server_->process().stderr_text();
    EXPECT_FALSE(log.empty());  // request lines are logged (log_requests = 1)
    EXPECT_NE(log.find("POST /api/v1/bookings"), std::string::npos) << log;
    for (const std::string& secret :
         {std::string("Загорулько"), std::string("Ярина"), rnokpp, bad["rnokpp"].get<std::string>(),
          person.id_card_number, code, token.substr(7, 40)})
        EXPECT_EQ(log.find(secret), std::string::npos) << "found in the log: " << secret;
}

}  // namespace
}  // namespace cherha::test
