// The rules of the queue and the refusal of bad input, through the real server's API: the monthly
// online quota of a person (under every key of the identity), the 21-day booking window, days in
// the past and times that are no slot; then a table of hostile bodies (malformed JSON, wrong
// types, unknown fields, a 1 MB body, invalid identity numbers, impossible dates, SQL
// metacharacters, odd Unicode), each refused with its status and error code, and the day's
// queue exactly as it was afterwards. Last, a key rotated by the command line while the server
// runs comes into force without a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include "server/server_fixture.h"

namespace cherha::test {
namespace {

using nlohmann::json;

class BookingRules : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        server_ = new ServerUnderTest();
        server_->start({"--demo"});
    }
    static void TearDownTestSuite() {
        if (server_ && server_->running()) {
            const ServerExit exit = server_->process().stop();
            EXPECT_EQ(exit.exit_code, 0) << server_->process().stderr_text();
        }
        delete server_;
        server_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(server_ && server_->running()); }

    static std::string url() { return server_->url(); }

    // Bookable slots with a free place of `service` on `day`.
    static std::vector<std::string> free_times(HttpClient& client, const std::string& service,
                                               const std::string& day) {
        std::vector<std::string> times;
        for (const auto& slot : day_slots(client, service, day))
            if (slot.bookable && slot.free > 0) times.push_back(slot.time);
        return times;
    }

    // POSTs a booking of `registration` with a freshly solved challenge.
    static HttpReply post_booking(HttpClient& client, const std::string& service,
                                  const std::string& day, const std::string& time,
                                  const json& registration) {
        auto pow = solved_pow(client);
        EXPECT_TRUE(pow);
        const auto body =
            booking_body(service, day, time, registration, pow.value_or(json::object()));
        return client.post("/api/v1/bookings", body.dump(), json_headers());
    }

    // The first day from today + `offset`, going `step` days at a time, on which vehicle
    // registration has a 10:00 slot (an open day); "" when none within 30 steps.
    static std::string open_day(HttpClient& client, core::Date today, int offset, int step) {
        for (int i = 0; i < 30; ++i) {
            const std::string day = day_plus(today, offset + i * step);
            for (const auto& slot : day_slots(client, "vehicle-registration", day))
                if (slot.time == "10:00") return day;
        }
        return {};
    }

    // The ids of the day's bookings, as the staff's queue lists them.
    static std::set<std::int64_t> queue_ids(HttpClient& client, const std::string& token,
                                            const std::string& day) {
        std::set<std::int64_t> ids;
        auto reply = client.get("/api/v1/queue?day=" + day, bearer(token));
        EXPECT_EQ(reply.status, 200) << reply.body;
        const auto body = json_of(reply);
        if (body.is_object() && body["bookings"].is_array())
            for (const auto& b : body["bookings"]) ids.insert(b["id"].get<std::int64_t>());
        return ids;
    }

    static ServerUnderTest* server_;
};

ServerUnderTest* BookingRules::server_ = nullptr;

TEST_F(BookingRules, FifthOnlineBookingOfAPersonInAMonthIsRefused) {
    HttpClient client(url());
    // Consultation slots are 15 minutes long: one day has plenty for five bookings.
    const std::string day = day_with_free_slots(client, "consultation", 6);
    ASSERT_FALSE(day.empty());
    const auto times = free_times(client, "consultation", day);
    const auto person = api_person(7000);
    for (int i = 0; i < 4; ++i) {
        auto reply = post_booking(client, "consultation", day, times[static_cast<std::size_t>(i)],
                                  registration_json(person));
        ASSERT_EQ(reply.status, 201) << i << ": " << reply.body;
    }
    auto fifth = post_booking(client, "consultation", day, times[4], registration_json(person));
    EXPECT_EQ(fifth.status, 409) << fifth.body;
    EXPECT_EQ(error_code(fifth), "quota.person_online_month");
    const auto params = json_of(fifth)["params"];
    EXPECT_EQ(params["limit"], "4");
    EXPECT_EQ(params["count"], "4");

    // The same person under another key of the identity is still the same person: the same
    // RNOKPP with another ID card, and the same ID card declaring no RNOKPP.
    auto other_card = person;
    other_card.id_card_number = "987654321";
    auto reply = post_booking(client, "consultation", day, times[4], registration_json(other_card));
    EXPECT_EQ(error_code(reply), "quota.person_online_month") << reply.body;
    auto no_rnokpp = registration_json(person);
    no_rnokpp.erase("rnokpp");
    no_rnokpp["no_rnokpp"] = true;
    reply = post_booking(client, "consultation", day, times[4], no_rnokpp);
    EXPECT_EQ(error_code(reply), "quota.person_online_month") << reply.body;

    // Somebody else still gets that slot.
    reply =
        post_booking(client, "consultation", day, times[4], registration_json(api_person(7001)));
    EXPECT_EQ(reply.status, 201) << reply.body;
}

TEST_F(BookingRules, OnlyTheTwentyOneDayWindowIsBookable) {
    HttpClient client(url());
    const core::Date today = center_today(client);
    ASSERT_TRUE(today.ok());
    const auto person = registration_json(api_person(7100));

    // The first open day from day 22 (today + 21) on: its slots exist but are not open yet.
    // (A closed day has no slot at 10:00 at all, which is another refusal.)
    const std::string day22 = open_day(client, today, 21, +1);
    ASSERT_FALSE(day22.empty());
    for (const auto& slot : day_slots(client, "vehicle-registration", day22))
        EXPECT_FALSE(slot.bookable) << day22 << " " << slot.time;
    auto reply = post_booking(client, "vehicle-registration", day22, "10:00", person);
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(error_code(reply), "online.day_not_open_yet") << day22;
    const std::string later = open_day(client, today, 60, +1);
    reply = post_booking(client, "vehicle-registration", later, "10:00", person);
    EXPECT_EQ(error_code(reply), "online.day_not_open_yet") << later;

    // The last open day before today is past; 10:07 is no slot; an unknown service is unknown.
    const std::string past = open_day(client, today, -1, -1);
    reply = post_booking(client, "vehicle-registration", past, "10:00", person);
    EXPECT_EQ(error_code(reply), "online.day_in_past") << past << " " << reply.body;
    const std::string day = day_with_free_slots(client, "vehicle-registration", 1);
    ASSERT_FALSE(day.empty());
    reply = post_booking(client, "vehicle-registration", day, "10:07", person);
    EXPECT_EQ(reply.status, 422);
    EXPECT_EQ(error_code(reply), "center.no_such_slot") << reply.body;
    reply = post_booking(client, "no-such-service", day, "10:00", person);
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(error_code(reply), "center.unknown_service") << reply.body;

    // A day inside the window is bookable.
    const auto times = free_times(client, "vehicle-registration", day);
    ASSERT_FALSE(times.empty());
    reply = post_booking(client, "vehicle-registration", day, times.front(), person);
    EXPECT_EQ(reply.status, 201) << reply.body;
}

// One hostile request: what it changes in a valid booking body, and the answer it must get.
struct BadInput {
    std::string name;
    std::function<std::string(json body)> make;  // the raw body to send
    long status;
    std::string code;  // the error code; "" when only the status is checked
};

std::string with(json body, const json::json_pointer& at, json value) {
    body[at] = std::move(value);
    return body.dump();
}

std::string name_with(json body, const std::string& surname) {
    body["registration"]["surname"] = surname;
    return body.dump();
}

std::vector<BadInput> bad_inputs() {
    using P = json::json_pointer;
    std::string deep = "{\"service\":";
    for (int i = 0; i < 200; ++i) deep += "[";
    for (int i = 0; i < 200; ++i) deep += "]";
    deep += "}";
    return {
        {"empty body", [](json) { return std::string(); }, 400, "request.malformed_json"},
        {"malformed JSON", [](json b) { return b.dump().substr(0, 40); }, 400,
         "request.malformed_json"},
        {"not an object", [](json) { return std::string("[1,2,3]"); }, 400, "request.not_object"},
        {"nested too deep", [deep](json) { return deep; }, 400, "request.too_deep"},
        {"day is a number", [](json b) { return with(b, P("/day"), 20261201); }, 400,
         "request.invalid_field"},
        {"time is an array", [](json b) { return with(b, P("/time"), json::array()); }, 400,
         "request.invalid_field"},
        {"birth date is a boolean",
         [](json b) { return with(b, P("/registration/birth_date"), true); }, 400,
         "request.invalid_field"},
        {"registration is a string", [](json b) { return with(b, P("/registration"), "Шевченко"); },
         400, "request.invalid_field"},
        {"unknown field", [](json b) { return with(b, P("/admin"), true); }, 400,
         "request.unknown_field"},
        {"unknown nested field", [](json b) { return with(b, P("/registration/state"), "served"); },
         400, "request.unknown_field"},
        {"duplicate field",
         [](json b) {
             std::string text = b.dump();
             return text.substr(0, text.size() - 1) + ",\"service\":\"consultation\"}";
         },
         400, "request.duplicate_field"},
        {"missing service",
         [](json b) {
             b.erase("service");
             return b.dump();
         },
         400, "request.missing_field"},
        {"1 MB body",
         [](json b) { return with(b, P("/registration/surname"), std::string(1 << 20, 'a')); }, 413,
         "http.payload_too_large"},
        {"name over the byte limit", [](json b) { return name_with(b, std::string(5000, 'a')); },
         400, "request.too_long"},
        {"invalid RNOKPP check digit",
         [](json b) {
             std::string rnokpp = b["registration"]["rnokpp"];
             rnokpp[9] = rnokpp[9] == '0' ? '1' : '0';
             return with(b, P("/registration/rnokpp"), rnokpp);
         },
         422, "rnokpp.check_digit"},
        {"RNOKPP of letters",
         [](json b) { return with(b, P("/registration/rnokpp"), "12345abcde"); }, 422,
         "rnokpp.not_digits"},
        {"RNOKPP of another birth date",
         [](json b) { return with(b, P("/registration/birth_date"), "1985-06-01"); }, 422,
         "rnokpp.birth_date_mismatch"},
        {"impossible visit date 2026-02-30",
         [](json b) { return with(b, P("/day"), "2026-02-30"); }, 422, "slots.invalid_day"},
        {"impossible birth date 1990-02-30",
         [](json b) { return with(b, P("/registration/birth_date"), "1990-02-30"); }, 422,
         "registration.birth_date"},
        {"date in another shape", [](json b) { return with(b, P("/day"), "01.12.2026"); }, 400,
         "request.invalid_field"},
        {"time 25:00", [](json b) { return with(b, P("/time"), "25:00"); }, 400,
         "request.invalid_field"},
        {"SQL in the surname",
         [](json b) { return name_with(b, "Robert'); DROP TABLE bookings;--"); }, 422,
         "registration.name_invalid"},
        {"SQL in the given name",
         [](json b) { return with(b, P("/registration/given_name"), "' OR '1'='1"); }, 422,
         "registration.name_invalid"},
        {"SQL in the service", [](json b) { return with(b, P("/service"), "x' OR 1=1 --"); }, 404,
         "center.unknown_service"},
        {"SQL in the document number",
         [](json b) { return with(b, P("/registration/document/number"), "1';DROP;x"); }, 422,
         "document.format"},
        {"Latin e inside a Cyrillic surname", [](json b) { return name_with(b, "Шевчeнко"); }, 422,
         "registration.name_mixed_scripts"},
        {"zero-width joiner", [](json b) { return name_with(b, "Шев\u200dченко"); }, 422,
         "registration.name_invalid"},
        {"right-to-left override", [](json b) { return name_with(b, "\u202eокнечвеШ"); }, 422,
         "registration.name_invalid"},
        {"NUL in a name", [](json b) { return name_with(b, std::string("Шев") + '\0' + "ченко"); },
         422, "registration.name_invalid"},
        {"lone surrogate escape",
         [](json b) {
             std::string text = b.dump();
             const auto at = text.find("\"surname\":\"") + 11;
             return text.insert(at, "\\ud800");
         },
         400, "request.malformed_json"},
        {"invalid UTF-8 bytes",
         [](json b) {
             std::string text = b.dump();
             const auto at = text.find("\"surname\":\"") + 11;
             return text.insert(at, "\xc3\x28");
         },
         400, "request.malformed_json"},
        {"filled honeypot", [](json b) { return with(b, P("/website"), "http://spam.example"); },
         422, "center.honeypot"},
    };
}

TEST_F(BookingRules, BadInputIsRefusedAndNothingIsStored) {
    HttpClient client(url());
    HttpClient staff(url());
    const std::string token = log_in(staff, "supervisor", kSupervisorPassword);
    ASSERT_FALSE(token.empty());
    const std::string day = day_with_free_slots(client, "consultation", 2);
    ASSERT_FALSE(day.empty());
    const auto times = free_times(client, "consultation", day);

    // The base body is valid: it books (and the queue is read after that).
    auto control =
        post_booking(client, "consultation", day, times[0], registration_json(api_person(7200)));
    ASSERT_EQ(control.status, 201) << control.body;
    const auto queue_before = queue_ids(staff, token, day);
    const auto slots_before = day_slots(client, "consultation", day);

    for (const auto& input : bad_inputs()) {
        SCOPED_TRACE(input.name);
        auto pow = solved_pow(client);
        ASSERT_TRUE(pow);
        const json base =
            booking_body("consultation", day, times[1], registration_json(api_person(7201)), *pow);
        const std::string body = input.make(base);
        auto reply = client.post("/api/v1/bookings", body, json_headers());
        EXPECT_EQ(reply.status, input.status) << reply.body.substr(0, 300);
        const auto answer = json_of(reply);
        ASSERT_TRUE(answer.is_object()) << "not a JSON error: " << reply.body.substr(0, 300);
        EXPECT_TRUE(answer["error"].is_string());
        EXPECT_TRUE(answer["message"].is_string());
        if (!input.code.empty()) {
            EXPECT_EQ(answer["error"], input.code) << reply.body.substr(0, 300);
        }
        EXPECT_EQ(reply.header("content-type").find("application/json"), 0u);
    }

    // Nothing was stored: the same bookings, the same free places, and the last slot still free.
    EXPECT_EQ(queue_ids(staff, token, day), queue_before);
    const auto slots_after = day_slots(client, "consultation", day);
    ASSERT_EQ(slots_after.size(), slots_before.size());
    for (std::size_t i = 0; i < slots_after.size(); ++i)
        EXPECT_EQ(slots_after[i].taken, slots_before[i].taken) << slots_after[i].time;
    auto valid =
        post_booking(client, "consultation", day, times[1], registration_json(api_person(7201)));
    EXPECT_EQ(valid.status, 201) << valid.body;
}

TEST_F(BookingRules, LookupRefusesHostileCodesAndIdentities) {
    HttpClient client(url());
    const std::vector<std::pair<std::string, std::string>> hostile = {
        {"' OR 1=1 --", "1234567890"},        {"ABC-DEFG", "' OR '1'='1"}, {"", ""},
        {std::string(60, 'A'), "1234567890"}, {"АБВ-ГҐДЕ", "1234567890"},
    };
    for (const auto& [code, identity] : hostile) {
        SCOPED_TRACE(code + " / " + identity);
        auto reply =
            client.post("/api/v1/bookings/lookup",
                        json{{"code", code}, {"identity", identity}}.dump(), json_headers());
        EXPECT_GE(reply.status, 400);
        EXPECT_LT(reply.status, 500) << reply.body;
        EXPECT_FALSE(error_code(reply).empty()) << reply.body;
        EXPECT_FALSE(json_of(reply).contains("registration"));
    }
}

// `cherha key rotate` (the real command line, another process) while the server runs: the new
// key comes into force without a restart, within reload_seconds.
TEST(SettingsReload, AKeyRotatedByTheCommandLineComesIntoForceWithoutARestart) {
    auto config = test_config_lines();
    config.push_back("reload_seconds = 1");
    ServerUnderTest server(config);
    ASSERT_TRUE(server.start({"--demo"}));
    HttpClient client(server.url());
    const std::string token = log_in(client, "clerk1", kClerk1Password);
    ASSERT_FALSE(token.empty());
    auto key_count = [&] {
        auto reply = client.get("/api/v1/keys", bearer(token));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json_of(reply).value("keys", json::array()).size();
    };
    ASSERT_EQ(key_count(), 1u);

    const std::string command =
        std::string(CHERHA_EXE) + " key rotate --data '" + server.data_dir() + "' > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;

    // Polled, not slept on: the reload comes within a second or two.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (key_count() < 2u && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(key_count(), 2u);
    EXPECT_NE(server.process().stderr_text().find("settings reloaded"), std::string::npos);
}

}  // namespace
}  // namespace cherha::test
