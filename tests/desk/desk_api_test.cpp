// The desk's reading of the server's answers and the requests it builds (desk_api.h), with a
// scripted transport: good answers read into the desk's values, answers that are not what the
// desk reads (empty, hostile, mistyped, too deep, too long) are desk.bad_answer naming the
// field, never a crash; error answers keep the server's code, params and status; the request
// bodies are those the server's own readers take. Synthetic data only.
#include <gtest/gtest.h>

#include <deque>
#include <set>

#include <nlohmann/json.hpp>

#include "core/auth/session_token.h"
#include "desk/model/desk_api.h"
#include "formats/json_reader.h"
#include "formats/person_json.h"

namespace cherha::desk {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// An action without payload.
ActionRequest act(core::BookingAction action) {
    ActionRequest request;
    request.action = action;
    return request;
}

constexpr core::Date kDay{date::year{2026}, date::month{11}, date::day{24}};

core::Instant at(int hours, int minutes) {
    return core::Instant{date::sys_days{kDay}} + std::chrono::hours(hours) +
           std::chrono::minutes(minutes);
}

json registration() {
    return {
        {"kind", "natural_person"},   {"surname", "Зразкова"},
        {"given_name", "Тестана"},    {"patronymic", "Пробівна"},
        {"birth_date", "1990-01-15"}, {"rnokpp", nullptr},
        {"no_rnokpp", true},          {"document", {{"type", "id_card"}, {"number", "000000001"}}},
        {"legal_entity", nullptr}};
}

// A booking as GET /queue writes it (json_booking.cpp, staff view).
json queue_booking() {
    return {{"id", 36},
            {"code", "NNN6-W4KQ"},
            {"service", "consultation"},
            {"day", "2026-11-24"},
            {"time", "11:30"},
            {"start", "2026-11-24T09:30:00Z"},
            {"channel", "terminal"},
            {"state", "called"},
            {"ticket",
             {{"display", "П-003"},
              {"number", 3},
              {"sequence", "priority"},
              {"category", "serving_military"}}},
            {"window", {{"id", "w6"}, {"number", 6}}},
            {"result", nullptr},
            {"refusal", nullptr},
            {"registration", registration()},
            {"personal_data_erased", false},
            {"transfer", {{"service", "vehicle-registration"}, {"window", ""}}},
            {"recalls", 2},
            {"created_at", "2026-11-24T07:00:00Z"},
            {"updated_at", "2026-11-24T09:34:22Z"},
            {"arrived_at", "2026-11-24T09:23:38Z"},
            {"called_at", "2026-11-24T09:34:22Z"},
            {"started_at", nullptr},
            {"finished_at", nullptr}};
}

json queue_answer() {
    json second = queue_booking();
    second["id"] = 37;
    second["state"] = "refused";
    second["ticket"] = nullptr;
    second["window"] = nullptr;
    second["refusal"] = {{"reason", "data_mismatch"}, {"note", "інше прізвище"}};
    second["registration"] = nullptr;
    second["personal_data_erased"] = true;
    second["transfer"] = nullptr;
    return {{"day", "2026-11-24"}, {"alert", true}, {"bookings", {queue_booking(), second}}};
}

json services_answer() {
    return {{"center", {{"id", 1}, {"name_uk", "Сервісний центр"}, {"name_en", "Service Center"}}},
            {"time_zone", "Europe/Kyiv"},
            {"today", "2026-11-24"},
            {"online_window_days", 21},
            {"windows", {{{"id", "w1"}, {"number", 1}}, {{"id", "w6"}, {"number", 6}}}},
            {"services",
             {{{"id", "consultation"},
               {"name", "Консультація"},
               {"name_uk", "Консультація"},
               {"name_en", "Consultation"},
               {"duration_minutes", 15},
               {"windows", {"w1", "w6"}},
               {"retake_pause_days", nullptr}},
              {{"id", "theory-exam"},
               {"name", "Теоретичний іспит"},
               {"name_uk", "Теоретичний іспит"},
               {"name_en", "Theory exam"},
               {"duration_minutes", 30},
               {"windows", {"w6"}},
               {"retake_pause_days", 7}}}}};
}

json verification_answer() {
    return {{"booking", 35},
            {"verification",
             {{"verdict", "mismatch"},
              {"fields",
               {{{"field", "surname"},
                 {"status", "match_after_normalization"},
                 {"registered", "Зразкова"},
                 {"presented", "ЗРАЗКОВА"},
                 {"reason",
                  {{"code", "verification.normalized"},
                   {"message", "…"},
                   {"params", {{"field", "surname"}}}}}},
                {{"field", "birth_date"},
                 {"status", "mismatch"},
                 {"registered", "1990-01-15"},
                 {"presented", "1990-01-16"},
                 {"reason", nullptr}},
                {{"field", "eye_colour"},  // a field a newer server compares
                 {"status", "match"},
                 {"registered", ""},
                 {"presented", ""},
                 {"reason", nullptr}}}},
              {"problems",
               {{{"code", "mrz.check_digit"},
                 {"message", "…"},
                 {"params", {{"line", "2"}, {"expected", "7"}, {"actual", "0"}}}}}}}}};
}

json stats_answer() {
    return {{"day", "2026-11-24"},
            {"by_state", {{"arrived", 3}, {"booked", 6}}},
            {"by_service", {{"consultation", {{"booked", 1}, {"no_show", 1}}}}},
            {"by_window", {{"w1", {{"served", 1}}}}},
            {"arrivals_by_hour", {{"09:00", 4}, {"10:00", 2}}},
            {"mean_wait_minutes", 17.5},
            {"mean_service_minutes", nullptr},
            {"abuse", {{"pow_invalid", 3}}},
            {"alerts",
             {{{"started_at", "2026-11-24T08:00:00Z"}, {"ended_at", "2026-11-24T08:30:00Z"}},
              {{"started_at", "2026-11-24T09:00:00Z"}, {"ended_at", nullptr}}}}};
}

json audit_answer() {
    return {{"entries",
             {{{"seq", 1},
               {"at", "2026-11-24T09:33:38Z"},
               {"actor", "clerk1"},
               {"window", "w1"},
               {"action", "booking.arrive"},
               {"booking", 36},
               {"result", "ok"},
               {"details", {{"from", "booked"}, {"count", 2}}},
               {"prev_hash", ""},
               {"hash", "603f97a2"}},
              {{"seq", 2},
               {"at", "2026-11-24T09:34:00Z"},
               {"actor", "system"},
               {"window", nullptr},
               {"action", "center.init"},
               {"booking", nullptr},
               {"result", "ok"},
               {"details", "not json"},
               {"prev_hash", "603f97a2"},
               {"hash", "77"}}}},
            {"next_after", 2}};
}

// Sends nothing: answers from a script and keeps what the desk sent.
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
    void answer(long status, std::string body, std::string error = "") {
        replies_.push_back({status, std::move(body), {}, std::move(error)});
    }
    TransportReply send(const std::string& method, const std::string& path, const std::string& body,
                        const Headers& headers) override {
        sent.push_back({method, path, body, headers});
        if (replies_.empty()) return {0, "", {}, "no scripted reply"};
        TransportReply reply = replies_.front();
        replies_.pop_front();
        return reply;
    }
    std::vector<Sent> sent;

  private:
    std::deque<TransportReply> replies_;
};

std::string what_of(const core::Problem& problem) {
    EXPECT_EQ(problem.code, "desk.bad_answer");
    return problem.param("what");
}

// --- Good answers ------------------------------------------------------------------------

TEST(DeskApiReaders, ReadTheCenterItsWindowsAndServices) {
    auto info = read_center_info(services_answer().dump());
    ASSERT_TRUE(info) << info.problem().code << " " << info.problem().param("what");
    EXPECT_EQ(info->center_id, 1u);
    EXPECT_EQ(info->name_en, "Service Center");
    EXPECT_EQ(info->today, kDay);
    ASSERT_EQ(info->windows.size(), 2u);
    EXPECT_EQ(info->windows[1], (WindowRef{"w6", 6}));
    ASSERT_EQ(info->services.size(), 2u);
    EXPECT_EQ(info->services[0].windows, (std::vector<std::string>{"w1", "w6"}));
    EXPECT_EQ(info->services[0].retake_pause_days, std::nullopt);
    EXPECT_EQ(info->services[1].retake_pause_days, 7);
    EXPECT_EQ(info->services[1].duration_minutes, 30);

    EXPECT_EQ(info->service_name("theory-exam", "en"), "Theory exam");
    EXPECT_EQ(info->service_name("theory-exam", "uk"), "Теоретичний іспит");
    EXPECT_EQ(info->service_name("no-such", "uk"), "no-such");
    EXPECT_EQ(info->window_number("w6"), 6);
    EXPECT_EQ(info->window_number("w9"), 0);
    const core::CenterSchedule schedule = info->schedule();
    ASSERT_EQ(schedule.services.size(), 2u);
    EXPECT_EQ(schedule.services[1].duration, 30min);
    EXPECT_EQ(schedule.services[1].window_ids, (std::vector<std::string>{"w6"}));
    EXPECT_EQ(schedule.windows[0].id, "w1");
    EXPECT_EQ(schedule.time_zone, "Europe/Kyiv");
}

TEST(DeskApiReaders, ReadTheDayQueueWithRegistrationsTicketsAndTimes) {
    auto queue = read_day_queue(queue_answer().dump());
    ASSERT_TRUE(queue) << queue.problem().param("what");
    EXPECT_EQ(queue->day, kDay);
    EXPECT_TRUE(queue->alert);
    ASSERT_EQ(queue->bookings.size(), 2u);

    const QueueBooking& b = queue->bookings[0];
    EXPECT_EQ(b.id, 36);
    EXPECT_EQ(b.code, "NNN6-W4KQ");
    EXPECT_EQ(b.service_id, "consultation");
    EXPECT_EQ(b.day, kDay);
    EXPECT_EQ(b.time, "11:30");
    EXPECT_EQ(b.start, at(9, 30));
    EXPECT_EQ(b.channel, core::BookingChannel::Terminal);
    EXPECT_EQ(b.state, core::BookingState::Called);
    ASSERT_TRUE(b.ticket);
    EXPECT_EQ(*b.ticket, (core::Ticket{core::TicketSequence::Priority, 3,
                                       core::PriorityCategory::ServingMilitary}));
    EXPECT_EQ(b.ticket_display, "П-003");
    EXPECT_EQ(b.window_id, "w6");
    EXPECT_EQ(b.recalls, 2);
    ASSERT_TRUE(b.transfer);
    EXPECT_EQ(b.waiting_service(), "vehicle-registration");
    EXPECT_EQ(b.arrived_at, core::Instant{at(9, 23) + 38s});
    EXPECT_EQ(b.called_at, core::Instant{at(9, 34) + 22s});
    EXPECT_EQ(b.started_at, std::nullopt);
    ASSERT_TRUE(b.registration);
    EXPECT_EQ(b.registration->surname, "Зразкова");
    EXPECT_EQ(b.registration->patronymic, "Пробівна");
    EXPECT_TRUE(b.registration->has_no_rnokpp);
    EXPECT_EQ(b.registration->rnokpp, std::nullopt);
    EXPECT_EQ(b.registration->document_number, "000000001");
    EXPECT_EQ(b.registration->birth_date,
              (core::Date{date::year{1990}, date::month{1}, date::day{15}}));

    const QueueBooking& refused = queue->bookings[1];
    EXPECT_EQ(refused.state, core::BookingState::Refused);
    EXPECT_FALSE(refused.ticket);
    EXPECT_EQ(refused.ticket_display, "");
    EXPECT_EQ(refused.window_id, "");
    EXPECT_EQ(refused.refusal_reason, core::RefusalReason::DataMismatch);
    EXPECT_EQ(refused.refusal_note, "інше прізвище");
    EXPECT_FALSE(refused.registration);
    EXPECT_TRUE(refused.personal_data_erased);
    EXPECT_EQ(refused.waiting_service(), "consultation");
}

TEST(DeskApiReaders, AnActionAnswerWithoutRegistrationOrStaffDetailsReads) {
    json answer = queue_booking();
    for (const char* key : {"registration", "personal_data_erased", "transfer", "recalls",
                            "arrived_at", "called_at", "started_at", "finished_at"})
        answer.erase(key);
    auto b = read_queue_booking(answer, "action");
    ASSERT_TRUE(b) << b.problem().param("what");
    EXPECT_FALSE(b->registration);
    EXPECT_FALSE(b->transfer);
    EXPECT_EQ(b->recalls, 0);
    EXPECT_EQ(b->called_at, std::nullopt);
}

TEST(DeskApiReaders, FieldsANewerServerAddsAreIgnored) {
    json answer = queue_answer();
    answer["next_page"] = {{"deep", {1, 2, 3}}};
    answer["bookings"][0]["colour"] = "green";
    answer["bookings"][0]["ticket"]["font"] = 12;
    answer["bookings"][0]["registration"]["middle_initial"] = "Т";
    auto queue = read_day_queue(answer.dump());
    ASSERT_TRUE(queue) << queue.problem().param("what");
    EXPECT_EQ(queue->bookings[0].registration->surname, "Зразкова");

    json services = services_answer();
    services["services"][0]["icon"] = "car.svg";
    EXPECT_TRUE(read_center_info(services.dump()));
}

TEST(DeskApiReaders, ReadAVerificationItsFieldsAndProblems) {
    auto answer = read_verification(verification_answer().dump());
    ASSERT_TRUE(answer) << answer.problem().param("what");
    EXPECT_EQ(answer->booking_id, 35);
    const core::Verification& v = answer->verification;
    EXPECT_EQ(v.verdict, core::Verdict::Mismatch);
    ASSERT_EQ(v.fields.size(), 2u);  // the unknown field is left out
    EXPECT_EQ(v.field(core::VerifiedField::Surname).status,
              core::FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.field(core::VerifiedField::Surname).reason,
              core::Problem("verification.normalized", {{"field", "surname"}}));
    EXPECT_EQ(v.field(core::VerifiedField::BirthDate).status, core::FieldStatus::Mismatch);
    EXPECT_EQ(v.field(core::VerifiedField::BirthDate).presented, "1990-01-16");
    EXPECT_FALSE(v.field(core::VerifiedField::BirthDate).reason);
    ASSERT_EQ(v.problems.size(), 1u);
    EXPECT_EQ(v.problems[0].code, "mrz.check_digit");
    EXPECT_EQ(v.problems[0].param("expected"), "7");
}

TEST(DeskApiReaders, ReadTheDayStatistics) {
    auto stats = read_day_stats(stats_answer().dump());
    ASSERT_TRUE(stats) << stats.problem().param("what");
    EXPECT_EQ(stats->day, kDay);
    EXPECT_EQ(stats->by_state.at("booked"), 6);
    EXPECT_EQ(stats->by_service.at("consultation").at("no_show"), 1);
    EXPECT_EQ(stats->by_window.at("w1").at("served"), 1);
    EXPECT_EQ(stats->arrivals_by_hour.at("09:00"), 4);
    EXPECT_EQ(stats->mean_wait_minutes, 17.5);
    EXPECT_EQ(stats->mean_service_minutes, std::nullopt);
    EXPECT_EQ(stats->abuse.at("pow_invalid"), 3);
    EXPECT_TRUE(stats->alert);  // the second alert period has not ended

    json ended = stats_answer();
    ended["alerts"][1]["ended_at"] = "2026-11-24T09:10:00Z";
    EXPECT_FALSE(read_day_stats(ended.dump())->alert);
}

TEST(DeskApiReaders, ReadTheAuditLog) {
    auto entries = read_audit(audit_answer().dump());
    ASSERT_TRUE(entries) << entries.problem().param("what");
    ASSERT_EQ(entries->size(), 2u);
    const AuditEntry& first = (*entries)[0];
    EXPECT_EQ(first.seq, 1);
    EXPECT_EQ(first.at, core::Instant{at(9, 33) + 38s});
    EXPECT_EQ(first.actor, "clerk1");
    EXPECT_EQ(first.window, "w1");
    EXPECT_EQ(first.booking, 36);
    EXPECT_EQ(first.details.at("from"), "booked");
    EXPECT_EQ(first.details.at("count"), "2");
    EXPECT_EQ((*entries)[1].window, "");
    EXPECT_EQ((*entries)[1].booking, 0);
    EXPECT_EQ((*entries)[1].details.at("text"), "not json");
}

TEST(DeskApiReaders, ReadTheCenterKeys) {
    const json answer = {{"center_id", 7},
                         {"keys",
                          {{{"key_id", "198864e4"},
                            {"public_pem", "-----BEGIN PUBLIC KEY-----\n..."},
                            {"activated_at", "2026-11-24T09:00:00Z"},
                            {"retired", true}}}}};
    auto keys = read_center_keys(answer.dump());
    ASSERT_TRUE(keys);
    EXPECT_EQ(keys->center_id, 7u);
    ASSERT_EQ(keys->keys.size(), 1u);
    EXPECT_EQ(keys->keys[0].key_id, "198864e4");
    EXPECT_TRUE(keys->keys[0].retired);
}

// --- Answers the desk does not read ------------------------------------------------------

TEST(DeskApiReaders, NotAJsonObjectIsABadAnswer) {
    for (std::string_view text :
         {"", " ", "null", "[]", "[{}]", "42", "\"queue\"", "{", "{\"day\":", "{}}",
          "<html>502</html>", "{\"day\":\"2026-11-24\",}", "\xff\xfe{}",
          "{\"day\":\"\xc3\x28\"}"}) {
        EXPECT_EQ(what_of(read_day_queue(text).problem()), "queue") << text;
        EXPECT_EQ(what_of(read_center_info(text).problem()), "services") << text;
        EXPECT_EQ(what_of(read_center_keys(text).problem()), "keys") << text;
        EXPECT_EQ(what_of(read_verification(text).problem()), "verify") << text;
        EXPECT_EQ(what_of(read_day_stats(text).problem()), "stats") << text;
        EXPECT_EQ(what_of(read_audit(text).problem()), "audit") << text;
    }
    // An object without what the desk needs names the field.
    EXPECT_EQ(what_of(read_day_queue("{}").problem()), "queue.day");
    EXPECT_EQ(what_of(read_center_keys("{\"center_id\":1}").problem()), "keys.keys");
}

TEST(DeskApiReaders, DeepNestingAndHugeAnswersAreRefusedWithoutACrash) {
    const std::string deep =
        "{\"day\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
    EXPECT_EQ(what_of(read_day_queue(deep).problem()), "queue");
    const std::string deep_object = [] {
        std::string text;
        for (int i = 0; i < 100000; ++i) text += "{\"a\":";
        return text + "1" + std::string(100000, '}');
    }();
    EXPECT_EQ(what_of(read_audit(deep_object).problem()), "audit");
    // Over 32 MiB is not read at all.
    std::string huge = queue_answer().dump();
    huge.insert(1, "\"pad\":\"" + std::string(std::size_t{33} << 20, 'x') + "\",");
    EXPECT_EQ(what_of(read_day_queue(huge).problem()), "queue");
    // A single field a table would have to draw megabytes of.
    json long_code = queue_answer();
    long_code["bookings"][1]["code"] = std::string(100000, 'A');
    EXPECT_EQ(what_of(read_day_queue(long_code.dump()).problem()), "queue.bookings[1].code");
}

TEST(DeskApiReaders, AMistypedFieldNamesItsPath) {
    struct Case {
        const char* pointer;
        json value;
        const char* what;
    };
    const Case cases[] = {
        {"/day", "24.11.2026", "queue.day"},
        {"/day", "2026-02-30", "queue.day"},
        {"/alert", "yes", "queue.alert"},
        {"/bookings", json::object(), "queue.bookings"},
        {"/bookings/1", "booking", "queue.bookings[1]"},
        {"/bookings/1/id", "37", "queue.bookings[1].id"},
        {"/bookings/1/id", -1, "queue.bookings[1].id"},
        {"/bookings/1/id", 1.5, "queue.bookings[1].id"},
        {"/bookings/1/id", json::parse("18446744073709551615"), "queue.bookings[1].id"},
        {"/bookings/1/id", nullptr, "queue.bookings[1].id"},
        {"/bookings/0/state", "teleported", "queue.bookings[0].state"},
        {"/bookings/0/state", 3, "queue.bookings[0].state"},
        {"/bookings/0/channel", "fax", "queue.bookings[0].channel"},
        {"/bookings/0/time", "25:00", "queue.bookings[0].time"},
        {"/bookings/0/time", "9:30", "queue.bookings[0].time"},
        {"/bookings/0/start", "2026-11-24 09:30:00", "queue.bookings[0].start"},
        {"/bookings/0/start", "2026-11-24T09:30:00+02:00", "queue.bookings[0].start"},
        {"/bookings/0/start", "2026-11-24T24:00:00Z", "queue.bookings[0].start"},
        {"/bookings/0/called_at", 1795511062, "queue.bookings[0].called_at"},
        {"/bookings/0/ticket", "1009", "queue.bookings[0].ticket"},
        {"/bookings/0/ticket/number", "3", "queue.bookings[0].ticket.number"},
        {"/bookings/0/ticket/sequence", "vip", "queue.bookings[0].ticket.sequence"},
        {"/bookings/0/ticket/category", "friend", "queue.bookings[0].ticket.category"},
        {"/bookings/0/window/id", 6, "queue.bookings[0].window.id"},
        {"/bookings/0/result", "maybe", "queue.bookings[0].result"},
        {"/bookings/0/refusal", {{"reason", "bored"}}, "queue.bookings[0].refusal.reason"},
        {"/bookings/0/recalls", -2, "queue.bookings[0].recalls"},
        {"/bookings/0/transfer", true, "queue.bookings[0].transfer"},
        {"/bookings/0/registration", "Зразкова", "queue.bookings[0].registration"},
        {"/bookings/0/registration/surname", 12, "queue.bookings[0].registration.surname"},
        {"/bookings/0/registration/surname", std::string(5000, 'a'),
         "queue.bookings[0].registration.surname"},
        {"/bookings/0/registration/kind", "robot", "queue.bookings[0].registration.kind"},
        {"/bookings/0/registration/birth_date", "15.01.1990",
         "queue.bookings[0].registration.birth_date"},
        {"/bookings/0/registration/document/type", "library_card",
         "queue.bookings[0].registration.document.type"},
        {"/bookings/0/registration/document", nullptr, "queue.bookings[0].registration.document"},
    };
    for (const auto& c : cases) {
        json answer = queue_answer();
        answer[json::json_pointer(c.pointer)] = c.value;
        auto read = read_day_queue(answer.dump());
        ASSERT_FALSE(read) << c.pointer;
        EXPECT_EQ(what_of(read.problem()), c.what) << c.pointer << " = " << c.value.dump();
    }
    // Removing a field the desk needs is the same.
    for (const char* key : {"id", "code", "service", "day", "time", "start", "channel", "state"}) {
        json answer = queue_answer();
        answer["bookings"][0].erase(key);
        EXPECT_EQ(what_of(read_day_queue(answer.dump()).problem()),
                  std::string("queue.bookings[0].") + key);
    }
}

TEST(DeskApiReaders, MistypedFieldsOfTheOtherAnswers) {
    json services = services_answer();
    services["services"][1]["windows"][0] = 6;
    EXPECT_EQ(what_of(read_center_info(services.dump()).problem()),
              "services.services[1].windows[0]");
    services = services_answer();
    services["center"]["id"] = -1;
    EXPECT_EQ(what_of(read_center_info(services.dump()).problem()), "services.center.id");
    services = services_answer();
    services["services"][0]["duration_minutes"] = 0;
    EXPECT_EQ(what_of(read_center_info(services.dump()).problem()),
              "services.services[0].duration_minutes");

    json verification = verification_answer();
    verification["verification"]["verdict"] = "probably";
    EXPECT_EQ(what_of(read_verification(verification.dump()).problem()),
              "verify.verification.verdict");
    verification = verification_answer();
    verification["verification"]["fields"][1]["status"] = "close enough";
    EXPECT_EQ(what_of(read_verification(verification.dump()).problem()),
              "verify.verification.fields[1].status");
    verification = verification_answer();
    verification["verification"]["problems"][0]["code"] = nullptr;
    EXPECT_EQ(what_of(read_verification(verification.dump()).problem()),
              "verify.verification.problems[0].code");

    json stats = stats_answer();
    stats["by_service"]["consultation"]["booked"] = "one";
    EXPECT_EQ(what_of(read_day_stats(stats.dump()).problem()),
              "stats.by_service.consultation.booked");
    stats = stats_answer();
    stats["mean_wait_minutes"] = "17";
    EXPECT_EQ(what_of(read_day_stats(stats.dump()).problem()), "stats.mean_wait_minutes");

    json audit = audit_answer();
    audit["entries"][1]["at"] = "yesterday";
    EXPECT_EQ(what_of(read_audit(audit.dump()).problem()), "audit.entries[1].at");
}

TEST(DeskApiReaders, EveryTruncationOfAGoodAnswerIsABadAnswerNeverACrash) {
    const std::string good = queue_answer().dump();
    for (std::size_t length = 0; length < good.size(); ++length) {
        auto read = read_day_queue(std::string_view(good).substr(0, length));
        ASSERT_FALSE(read) << length;
        ASSERT_EQ(read.problem().code, "desk.bad_answer");
    }
    // Every byte replaced by a quote, a brace or a NUL: read or refused, never a crash.
    for (std::size_t i = 0; i < good.size(); ++i)
        for (char c : {'"', '}', '\0'}) {
            std::string bad = good;
            bad[i] = c;
            auto read = read_day_queue(bad);
            if (!read) {
                ASSERT_EQ(read.problem().code, "desk.bad_answer");
            }
        }
}

// --- Error answers and the transport -----------------------------------------------------

TEST(DeskApiErrors, AnErrorAnswerKeepsTheServersCodeParamsAndStatus) {
    ScriptedTransport transport;
    DeskApi api(transport);
    transport.answer(409, json{{"error", "quota.person_day"},
                               {"message", "Забагато."},
                               {"params", {{"limit", "2"}, {"count", 3}, {"status", "x"}}}}
                              .dump());
    auto queue = api.queue("token");
    ASSERT_FALSE(queue);
    EXPECT_EQ(queue.problem().code, "quota.person_day");
    EXPECT_EQ(queue.problem().param("limit"), "2");
    EXPECT_EQ(queue.problem().param("count"), "3");
    EXPECT_EQ(queue.problem().param("status"), "409");
    EXPECT_EQ(problem_status(queue.problem()), 409);
    EXPECT_FALSE(is_offline_problem(queue.problem()));

    transport.answer(401, R"({"error":"auth.invalid_credentials","message":"Ні.","params":{}})");
    auto login = api.login("clerk1", "wrong", "w1");
    ASSERT_FALSE(login);
    EXPECT_EQ(login.problem(), core::Problem("auth.invalid_credentials", {{"status", "401"}}));
}

TEST(DeskApiErrors, NoAnswerIsOfflineAndAProxysPageIsABadAnswerWithItsStatus) {
    ScriptedTransport transport;
    DeskApi api(transport);
    transport.answer(0, "", "Couldn't connect to server");
    auto center = api.center();
    ASSERT_FALSE(center);
    EXPECT_EQ(center.problem(),
              core::Problem("desk.offline", {{"detail", "Couldn't connect to server"}}));
    EXPECT_EQ(problem_status(center.problem()), 0);
    EXPECT_TRUE(is_offline_problem(center.problem()));

    transport.answer(502, "<html><body>Bad Gateway</body></html>");
    auto keys = api.keys("token");
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.problem(),
              core::Problem("desk.bad_answer", {{"what", "keys"}, {"status", "502"}}));
    EXPECT_TRUE(is_offline_problem(keys.problem()));

    transport.answer(503, R"({"error":"server.unavailable","message":"","params":{}})");
    EXPECT_TRUE(is_offline_problem(api.queue("t").problem()));
    // An "error" that is not a problem code is not taken for one.
    transport.answer(400, R"({"error":"<script>alert(1)</script>"})");
    EXPECT_EQ(api.queue("t").problem().code, "desk.bad_answer");
    transport.answer(400, R"({"error":42})");
    EXPECT_EQ(api.queue("t").problem().code, "desk.bad_answer");
    // A success whose body is not the answer is a bad answer, not a success.
    transport.answer(200, "OK");
    EXPECT_EQ(api.queue("t").problem(), core::Problem("desk.bad_answer", {{"what", "queue"}}));
}

TEST(DeskApiCalls, EachCallSendsItsRequestWithTheSessionToken) {
    ScriptedTransport transport;
    DeskApi api(transport);
    transport.answer(200, R"({"token":"T0K","login":"clerk1","role":"clerk",
                              "window":{"id":"w1","number":1}})");
    auto session = api.login("clerk1", "secret", "w1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->token, "T0K");
    EXPECT_EQ(session->role, "clerk");
    EXPECT_EQ(session->window, (WindowRef{"w1", 1}));
    EXPECT_FALSE(session->supervises());
    EXPECT_EQ(transport.sent[0].method, "POST");
    EXPECT_EQ(transport.sent[0].path, "/api/v1/auth/login");
    EXPECT_EQ(json::parse(transport.sent[0].body),
              (json{{"login", "clerk1"}, {"password", "secret"}, {"window", "w1"}}));
    EXPECT_EQ(transport.sent[0].header("Authorization"), "");

    transport.answer(200,
                     R"({"token":"T1","login":"supervisor","role":"supervisor","window":null})");
    session = api.login("supervisor", "secret", "");
    ASSERT_TRUE(session);
    EXPECT_FALSE(session->window);
    EXPECT_TRUE(session->supervises());
    EXPECT_FALSE(json::parse(transport.sent[1].body).contains("window"));

    transport.answer(200, queue_answer().dump());
    auto queue = api.queue("T0K");
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue->second, queue_answer().dump());  // the text, for the local cache
    EXPECT_EQ(transport.sent[2].method, "GET");
    EXPECT_EQ(transport.sent[2].path, "/api/v1/queue");
    EXPECT_EQ(transport.sent[2].header("Authorization"), "Bearer T0K");

    transport.answer(200, queue_booking().dump());
    auto found = api.find("T0K", "NNN6W4KQ");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, 36);
    EXPECT_EQ(transport.sent[3].path, "/api/v1/desk/find");
    EXPECT_EQ(json::parse(transport.sent[3].body), (json{{"scanned", "NNN6W4KQ"}}));

    transport.answer(200, stats_answer().dump());
    ASSERT_TRUE(api.stats("T0K", kDay));
    EXPECT_EQ(transport.sent[4].path, "/api/v1/stats?day=2026-11-24");
    transport.answer(200, audit_answer().dump());
    ASSERT_TRUE(api.audit("T0K", 36));
    EXPECT_EQ(transport.sent[5].path, "/api/v1/audit?limit=1000&booking=36");
    transport.answer(200, verification_answer().dump());
    ASSERT_TRUE(api.verify_mrz("T0K", 35, "LINE1\nLINE2"));
    EXPECT_EQ(transport.sent[6].path, "/api/v1/bookings/35/verify");
    EXPECT_EQ(json::parse(transport.sent[6].body), (json{{"mrz", "LINE1\nLINE2"}}));

    transport.answer(204, "");
    EXPECT_TRUE(api.logout("T0K"));
    EXPECT_EQ(transport.sent[7].path, "/api/v1/auth/logout");
    EXPECT_EQ(transport.sent[7].header("Authorization"), "Bearer T0K");
}

TEST(DeskApiCalls, SupervisorChangesCarryAFreshIdempotencyKey) {
    ScriptedTransport transport;
    DeskApi api(transport);
    transport.answer(200, R"({"active":true})");
    transport.answer(200, R"({"active":false})");
    transport.answer(200, R"({"unblocked":true})");
    EXPECT_EQ(api.set_alert("S", true).value(), true);
    EXPECT_EQ(api.set_alert("S", false).value(), false);
    EXPECT_EQ(api.unblock("S", "000000001").value(), true);
    ASSERT_EQ(transport.sent.size(), 3u);
    EXPECT_EQ(transport.sent[0].path, "/api/v1/alert");
    EXPECT_EQ(json::parse(transport.sent[0].body), (json{{"active", true}}));
    EXPECT_EQ(json::parse(transport.sent[1].body), (json{{"active", false}}));
    EXPECT_EQ(transport.sent[2].path, "/api/v1/identities/unblock");
    EXPECT_EQ(json::parse(transport.sent[2].body), (json{{"identity", "000000001"}}));
    std::set<std::string> keys;
    for (const auto& sent : transport.sent) {
        EXPECT_EQ(sent.header("Authorization"), "Bearer S");
        EXPECT_TRUE(core::is_session_token_well_formed(sent.header("Idempotency-Key")));
        keys.insert(sent.header("Idempotency-Key"));
    }
    EXPECT_EQ(keys.size(), 3u);  // one key per change: a new request is never a replay

    transport.answer(200, R"({"active":"on"})");
    EXPECT_EQ(api.set_alert("S", true).problem(),
              core::Problem("desk.bad_answer", {{"what", "alert.active"}}));
}

// --- Requests for the outbox -------------------------------------------------------------

json body_of(const OutboxRequest& request) {
    return json::parse(request.body);
}

TEST(DeskApiRequests, ActionBodiesForEachKindOfAction) {
    const std::string path = "/api/v1/bookings/36/actions";
    for (core::BookingAction action :
         {core::BookingAction::Arrive, core::BookingAction::Call, core::BookingAction::Recall,
          core::BookingAction::Start, core::BookingAction::MarkNoShow,
          core::BookingAction::Cancel}) {
        const OutboxRequest request = action_request(36, act(action), "clerk1");
        EXPECT_EQ(request.method, "POST");
        EXPECT_EQ(request.path, path);
        EXPECT_EQ(request.booking_id, 36);
        EXPECT_EQ(request.staff, "clerk1");
        EXPECT_EQ(body_of(request), (json{{"action", core::booking_action_id(action)}}));
    }

    ActionRequest serve = act(core::BookingAction::Serve);
    EXPECT_EQ(body_of(action_request(36, serve, "clerk1")), (json{{"action", "serve"}}));
    serve.result = core::ServiceResult::Failed;
    EXPECT_EQ(body_of(action_request(36, serve, "clerk1")),
              (json{{"action", "serve"}, {"result", "failed"}}));

    ActionRequest refuse = act(core::BookingAction::Refuse);
    refuse.refusal = core::RefusalReason::Other;
    refuse.refusal_note = "немає довіреності";
    EXPECT_EQ(body_of(action_request(36, refuse, "clerk1")),
              (json{{"action", "refuse"},
                    {"refusal", {{"reason", "other"}, {"note", "немає довіреності"}}}}));
    refuse.refusal = core::RefusalReason::MissingDocument;
    refuse.refusal_note.clear();
    EXPECT_EQ(body_of(action_request(36, refuse, "clerk1")),
              (json{{"action", "refuse"}, {"refusal", {{"reason", "missing_document"}}}}));

    ActionRequest transfer = act(core::BookingAction::Transfer);
    transfer.transfer = core::TransferTarget{"consultation", "w6"};
    EXPECT_EQ(body_of(action_request(36, transfer, "clerk1")),
              (json{{"action", "transfer"},
                    {"transfer", {{"service", "consultation"}, {"window", "w6"}}}}));
    transfer.transfer = core::TransferTarget{"", "w6"};
    EXPECT_EQ(body_of(action_request(36, transfer, "clerk1")),
              (json{{"action", "transfer"}, {"transfer", {{"window", "w6"}}}}));

    const OutboxRequest next = call_next_request("clerk2");
    EXPECT_EQ(next.path, "/api/v1/desk/call-next");
    EXPECT_EQ(next.body, "{}");
    EXPECT_EQ(next.booking_id, 0);
    EXPECT_EQ(next.staff, "clerk2");
}

TEST(DeskApiRequests, AVerificationBodyIsWhatTheServersReaderTakes) {
    core::PresentedDocument document;
    document.document_type = core::DocumentType::ForeignPassport;
    document.document_number = "FA000001";
    document.surname = "ZRAZKOVA";
    document.given_name = "TESTANA";
    document.birth_date = core::Date{date::year{1990}, date::month{1}, date::day{15}};
    document.expiry_date = core::Date{date::year{2030}, date::month{1}, date::day{1}};
    document.rnokpp = "0000000000";
    document.latin_names = true;

    const OutboxRequest request = verify_request(35, document, "clerk1");
    EXPECT_EQ(request.path, "/api/v1/bookings/35/verify");
    EXPECT_EQ(request.booking_id, 35);
    const json body = body_of(request);
    ASSERT_TRUE(body.contains("document"));
    EXPECT_FALSE(body["document"].contains("patronymic"));  // none on the document

    // The server reads it (strictly: an unknown field would be refused) into the same document.
    formats::JsonReader reader(body["document"], "document.");
    const core::PresentedDocument read = formats::read_presented_document(reader);
    EXPECT_EQ(reader.finish(), std::nullopt);
    EXPECT_EQ(read.document_type, document.document_type);
    EXPECT_EQ(read.document_number, document.document_number);
    EXPECT_EQ(read.surname, document.surname);
    EXPECT_EQ(read.given_name, document.given_name);
    EXPECT_EQ(read.patronymic, std::nullopt);
    EXPECT_EQ(read.birth_date, document.birth_date);
    EXPECT_EQ(read.expiry_date, document.expiry_date);
    EXPECT_EQ(read.rnokpp, document.rnokpp);
    EXPECT_TRUE(read.latin_names);

    const OutboxRequest mrz = verify_mrz_request(35, "P<UKR\nFA0", "clerk1");
    EXPECT_EQ(mrz.path, "/api/v1/bookings/35/verify");
    EXPECT_EQ(body_of(mrz), (json{{"mrz", "P<UKR\nFA0"}}));
}

}  // namespace
}  // namespace cherha::desk
