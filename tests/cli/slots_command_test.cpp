// `cherha slots`, driven as a real process against the demo schedule and synthetic files.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "cli_fixture.h"

using namespace cherha::test;
using nlohmann::json;

namespace {

const std::string kDemo = std::string(CHERHA_SOURCE_DIR) + "/resources/demo/center-schedule.json";

// Writes `content` to a fresh file under the test temp directory and returns its path.
std::string temp_file(const std::string& content) {
    static std::atomic<int> counter{0};
    const auto path =
        std::filesystem::path(::testing::TempDir()) /
        ("cherha-slots-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
}

// A schedule open only on Sundays, 02:00-05:00, with a 30-minute service: the night the
// clocks change in Kyiv (2026-03-29 forward, 2026-10-25 back) is a Sunday.
const std::string kNightSchedule = R"({"time_zone": "Europe/Kyiv",
 "weekly": {"mon": {"open": []}, "tue": {"open": []}, "wed": {"open": []}, "thu": {"open": []},
            "fri": {"open": []}, "sat": {"open": []}, "sun": {"open": ["02:00-05:00"]}},
 "windows": [{"id": "w1", "number": 1}],
 "services": [{"id": "s", "name_uk": "Послуга", "name_en": "Service",
               "duration_minutes": 30, "windows": ["w1"]}]})";

json slots_of(const json& doc, const std::string& service_id) {
    for (const auto& s : doc["services"])
        if (s["id"] == service_id) return s["slots"];
    ADD_FAILURE() << "no service " << service_id;
    return json::array();
}

std::vector<std::string> field_of_each(const json& slots, const char* field) {
    std::vector<std::string> out;
    for (const auto& s : slots) out.push_back(s[field].get<std::string>());
    return out;
}

// --- Normal days -----------------------------------------------------------------------------

TEST(Slots, WeekdayTheoryExamSlots) {
    auto doc = cli_json({"slots", "--schedule", kDemo, "--day", "2026-08-20"}, 0);
    EXPECT_EQ(doc["ok"], true);
    EXPECT_EQ(doc["day"], "2026-08-20");
    EXPECT_EQ(doc["weekday"], "thu");
    EXPECT_EQ(doc["time_zone"], "Europe/Kyiv");
    EXPECT_EQ(doc["closed"], false);
    EXPECT_EQ(doc["services"].size(), 5u);
    const json slots = slots_of(doc, "exam-theory");
    // 09:00-13:00 gives 12 slots of 20 minutes; 13:45-18:00 gives 12 more (the 13th would
    // end at 18:05).
    ASSERT_EQ(slots.size(), 24u);
    EXPECT_EQ(slots[0]["start_local"], "09:00");
    EXPECT_EQ(slots[0]["end_local"], "09:20");
    EXPECT_EQ(slots[0]["start_utc"], "2026-08-20T06:00:00Z");
    EXPECT_EQ(slots[0]["start"], "2026-08-20T09:00:00+03:00");
    EXPECT_EQ(slots[0]["capacity"], 2);
    EXPECT_EQ(slots[11]["end_local"], "13:00");
    EXPECT_EQ(slots[12]["start_local"], "13:45");  // after the break
    EXPECT_EQ(slots[23]["start_local"], "17:25");
    EXPECT_EQ(slots[23]["end_local"], "17:45");
    EXPECT_EQ(slots[23]["end_utc"], "2026-08-20T14:45:00Z");
    EXPECT_FALSE(slots[0].contains("online"));  // only with --now
    for (const auto& s : doc["services"]) {
        if (s["id"] == "exam-theory") {
            EXPECT_EQ(s["slot_count"], 24);
            EXPECT_EQ(s["duration_minutes"], 20);
            EXPECT_EQ(s["name"], "Theory exam");
        }
    }
}

TEST(Slots, SaturdayHasNoBreakAndClosesAtFour) {
    auto doc = cli_json(
        {"slots", "--schedule", kDemo, "--day", "2026-08-22", "--service", "exam-practical"}, 0);
    ASSERT_EQ(doc["services"].size(), 1u);
    const json slots = slots_of(doc, "exam-practical");
    // 09:00-16:00 = 420 minutes = 9 slots of 45 minutes and 15 minutes left over.
    ASSERT_EQ(slots.size(), 9u);
    EXPECT_EQ(slots[4]["start_local"], "12:00");
    EXPECT_EQ(slots[8]["start_local"], "15:00");
    EXPECT_EQ(slots[8]["end_local"], "15:45");
    EXPECT_EQ(slots[0]["capacity"], 1);
}

TEST(Slots, TextOutputIsATableWithTheCount) {
    auto r = cli({"slots", "--schedule", kDemo, "--day", "2026-08-20", "--service", "exam-theory"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Theory exam (exam-theory), 20 min: 24 slots"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("09:00–09:20"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2026-08-20T06:00:00Z"), std::string::npos);
    EXPECT_NE(r.out.find("Thursday"), std::string::npos);
    EXPECT_EQ(r.out.find("Consultation"), std::string::npos);  // only the service asked
}

TEST(Slots, ServiceNamesFollowTheLanguage) {
    auto uk = cli(
        {"slots", "--schedule", kDemo, "--day", "2026-08-20", "--service", "vehicle-registration"},
        {}, "uk");
    EXPECT_EQ(uk.exit_code, 0);
    EXPECT_NE(uk.out.find("Реєстрація транспортного засобу"), std::string::npos) << uk.out;
    auto en = cli({"--lang", "en", "slots", "--schedule", kDemo, "--day", "2026-08-20", "--service",
                   "vehicle-registration", "--json"},
                  {}, "uk");
    EXPECT_EQ(json::parse(en.out)["services"][0]["name"], "Vehicle registration");
    auto uk_json = cli({"--lang", "uk", "slots", "--schedule", kDemo, "--day", "2026-08-20",
                        "--service", "licence-exchange", "--json"});
    EXPECT_EQ(json::parse(uk_json.out)["services"][0]["name"], "Обмін посвідчення водія");
}

// --- Daylight saving --------------------------------------------------------------------------

TEST(Slots, SpringForwardSkipsTheMissingHour) {
    const auto file = temp_file(kNightSchedule);
    auto doc = cli_json({"slots", "--schedule", file, "--day", "2026-03-29"}, 0);
    const json slots = slots_of(doc, "s");
    // 02:00-05:00 local lasts only 2 real hours: the clock jumps from 03:00 to 04:00.
    EXPECT_EQ(field_of_each(slots, "start_utc"),
              (std::vector<std::string>{"2026-03-29T00:00:00Z", "2026-03-29T00:30:00Z",
                                        "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"}));
    EXPECT_EQ(field_of_each(slots, "start_local"),
              (std::vector<std::string>{"02:00", "02:30", "04:00", "04:30"}));
    EXPECT_EQ(slots[1]["end_local"], "04:00");
    EXPECT_EQ(slots[2]["start"], "2026-03-29T04:00:00+03:00");
}

TEST(Slots, FallBackServesTheRepeatedHourTwice) {
    const auto file = temp_file(kNightSchedule);
    auto doc = cli_json({"slots", "--schedule", file, "--day", "2026-10-25"}, 0);
    const json slots = slots_of(doc, "s");
    ASSERT_EQ(slots.size(), 8u);  // 02:00 EEST to 05:00 EET is 4 real hours
    EXPECT_EQ(field_of_each(slots, "start_local"),
              (std::vector<std::string>{"02:00", "02:30", "03:00", "03:30", "03:00", "03:30",
                                        "04:00", "04:30"}));
    EXPECT_EQ(slots[0]["start_utc"], "2026-10-24T23:00:00Z");
    EXPECT_EQ(slots[2]["start"], "2026-10-25T03:00:00+03:00");
    EXPECT_EQ(slots[4]["start"], "2026-10-25T03:00:00+02:00");
    EXPECT_EQ(slots[7]["end_utc"], "2026-10-25T03:00:00Z");
    // The text shows the offsets so the two 03:00 slots can be told apart.
    auto r = cli({"slots", "--schedule", file, "--day", "2026-10-25"});
    EXPECT_NE(r.out.find("03:00–03:30 (UTC+03:00)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("03:00–03:30 (UTC+02:00)"), std::string::npos) << r.out;
}

// --- Closed days ----------------------------------------------------------------------------

TEST(Slots, SundayIsClosed) {
    auto doc = cli_json({"slots", "--schedule", kDemo, "--day", "2026-08-23"}, 0);
    EXPECT_EQ(doc["closed"], true);
    EXPECT_EQ(doc["weekday"], "sun");
    ASSERT_EQ(doc["services"].size(), 5u);
    for (const auto& s : doc["services"]) EXPECT_TRUE(s["slots"].empty()) << s["id"];
    auto r = cli({"slots", "--schedule", kDemo, "--day", "2026-08-23"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("The center is closed on this day."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 slots"), std::string::npos) << r.out;
}

TEST(Slots, HolidayIsClosedAndTheDayBeforeIsShortened) {
    // 2026-12-25 is a Friday, listed among the closed days.
    auto holiday = cli_json({"slots", "--schedule", kDemo, "--day", "2026-12-25"}, 0);
    EXPECT_EQ(holiday["closed"], true);
    EXPECT_TRUE(slots_of(holiday, "exam-theory").empty());
    auto text = cli({"slots", "--schedule", kDemo, "--day", "2026-12-25"});
    EXPECT_NE(text.out.find("one of its closed days"), std::string::npos) << text.out;
    // The Thursday before is a normal day.
    EXPECT_EQ(
        slots_of(cli_json({"slots", "--schedule", kDemo, "--day", "2026-12-24"}, 0), "exam-theory")
            .size(),
        24u);
    // 2026-12-31 (Thursday) is a special day 09:00-14:00 without a break: 15 slots.
    auto special = cli_json({"slots", "--schedule", kDemo, "--day", "2026-12-31"}, 0);
    EXPECT_EQ(special["closed"], false);
    const json slots = slots_of(special, "exam-theory");
    ASSERT_EQ(slots.size(), 15u);
    EXPECT_EQ(slots[12]["start_local"], "13:00");
    EXPECT_EQ(slots[14]["end_local"], "14:00");
    EXPECT_EQ(slots[0]["start_utc"], "2026-12-31T07:00:00Z");  // winter time, UTC+2
}

// --- Booking channels at a moment ---------------------------------------------------------

json first_slot(const std::string& day, const std::string& now) {
    auto doc = cli_json(
        {"slots", "--schedule", kDemo, "--day", day, "--service", "exam-theory", "--now", now}, 0);
    const json slots = slots_of(doc, "exam-theory");
    return slots.empty() ? json::object() : slots[0];
}

TEST(Slots, LastOnlineDayOpensAtSix) {
    // At 05:59:59 on 20 August the window reaches 8 September; at 06:00 it reaches 9 September.
    auto before = cli_json({"slots", "--schedule", kDemo, "--day", "2026-09-09", "--service",
                            "exam-theory", "--now", "2026-08-20T05:59:59+03:00"},
                           0);
    EXPECT_EQ(before["online_bookable_days"]["first"], "2026-08-20");
    EXPECT_EQ(before["online_bookable_days"]["last"], "2026-09-08");
    EXPECT_EQ(before["now"], "2026-08-20T05:59:59+03:00");
    const json closed = slots_of(before, "exam-theory")[0]["online"];
    EXPECT_EQ(closed["bookable"], false);
    EXPECT_EQ(closed["problem"]["code"], "online.day_not_open_yet");
    EXPECT_EQ(closed["problem"]["params"]["opens_at"], "2026-08-20T06:00:00+03:00");
    EXPECT_FALSE(closed["problem"]["message"].get<std::string>().empty());

    EXPECT_EQ(first_slot("2026-09-08", "2026-08-20T05:59:59+03:00")["online"]["bookable"], true);
    // The same moment written in UTC, and one second later.
    EXPECT_EQ(first_slot("2026-09-09", "2026-08-20T02:59:59Z")["online"]["bookable"], false);
    EXPECT_EQ(first_slot("2026-09-09", "2026-08-20T03:00:00Z")["online"]["bookable"], true);
    EXPECT_EQ(first_slot("2026-09-09", "2026-08-20T06:00+03:00")["online"]["bookable"], true);
}

TEST(Slots, OnlineClosesAnHourBeforeTheSlot) {
    // The 09:00 slot of 20 August closes for online booking at 08:00 exactly.
    auto open = first_slot("2026-08-20", "2026-08-20T07:59:59+03:00");
    EXPECT_EQ(open["online"]["bookable"], true);
    auto closed = first_slot("2026-08-20", "2026-08-20T08:00:00+03:00");
    EXPECT_EQ(closed["online"]["bookable"], false);
    EXPECT_EQ(closed["online"]["problem"]["code"], "online.too_late");
    EXPECT_EQ(closed["online"]["problem"]["params"]["closes_at"], "2026-08-20T08:00:00+03:00");
    auto past = first_slot("2026-08-19", "2026-08-20T08:00:00+03:00");
    EXPECT_EQ(past["online"]["problem"]["code"], "online.day_in_past");
}

TEST(Slots, TerminalRegistersForTodayUntilTheSlotEnds) {
    auto running = first_slot("2026-08-20", "2026-08-20T09:19:59+03:00");
    EXPECT_EQ(running["terminal"]["bookable"], true);
    auto ended = first_slot("2026-08-20", "2026-08-20T09:20:00+03:00");
    EXPECT_EQ(ended["terminal"]["bookable"], false);
    EXPECT_EQ(ended["terminal"]["problem"]["code"], "terminal.slot_passed");
    auto tomorrow = first_slot("2026-08-21", "2026-08-20T09:00:00+03:00");
    EXPECT_EQ(tomorrow["terminal"]["problem"]["code"], "terminal.not_today");
    EXPECT_EQ(tomorrow["terminal"]["problem"]["params"]["day"], "2026-08-21");
    EXPECT_EQ(tomorrow["online"]["bookable"], true);
}

TEST(Slots, TextShowsWhyASlotIsNotBookable) {
    auto r = cli({"slots", "--schedule", kDemo, "--day", "2026-09-09", "--service", "consultation",
                  "--now", "2026-08-20T05:59:59+03:00"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("no: opens 2026-08-20 06:00"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("no: not today"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Online booking reaches 2026-08-20 to 2026-09-08"), std::string::npos);
    auto late = cli({"slots", "--schedule", kDemo, "--day", "2026-08-20", "--service",
                     "consultation", "--now", "2026-08-20T10:00:00+03:00"});
    EXPECT_NE(late.out.find("no: closed at 08:00"), std::string::npos) << late.out;
    EXPECT_NE(late.out.find("no: the slot has ended"), std::string::npos) << late.out;
}

// --- Invalid schedules and usage errors -----------------------------------------------------

TEST(Slots, InvalidScheduleListsEveryProblem) {
    std::string text = kNightSchedule;
    text.replace(text.find("\"Europe/Kyiv\""), 13, "\"Europe/Atlantis\"");
    text.replace(text.find("\"duration_minutes\": 30"), 22, "\"duration_minutes\": 0");
    text.replace(text.find("\"windows\": [\"w1\"]"), 17, "\"windows\": [\"w1\", \"w7\"]");
    const auto file = temp_file(text);
    auto doc = cli_json({"slots", "--schedule", file, "--day", "2026-08-20"}, 1);
    EXPECT_EQ(doc["ok"], false);
    EXPECT_EQ(doc["error"], "schedule_file.invalid");
    std::vector<std::string> codes;
    for (const auto& p : doc["problems"]) codes.push_back(p["code"]);
    EXPECT_EQ(codes,
              (std::vector<std::string>{"schedule.unknown_time_zone", "schedule.service_duration",
                                        "schedule.unknown_window"}));
    EXPECT_EQ(doc["problems"][2]["params"]["window"], "w7");

    auto r = cli({"slots", "--schedule", file, "--day", "2026-08-20"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("has 3 problems"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Europe/Atlantis"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"w7\""), std::string::npos) << r.out;
}

TEST(Slots, FormProblemsAreListedWithTheirPaths) {
    std::string text = kNightSchedule;
    text.replace(text.find("\"sun\": {\"open\""), 14, "\"sun\": {\"opne\"");
    text.replace(text.find("\"number\": 1"), 11, "\"number\": \"1\"");
    const auto file = temp_file(text);
    auto doc = cli_json({"slots", "--schedule", file, "--day", "2026-08-20"}, 1);
    std::vector<std::string> found;
    for (const auto& p : doc["problems"])
        found.push_back(p["code"].get<std::string>() + " " +
                        p["params"]["path"].get<std::string>());
    EXPECT_EQ(found, (std::vector<std::string>{"schedule_file.unknown_field /weekly/sun/opne",
                                               "schedule_file.missing /weekly/sun/open",
                                               "schedule_file.type /windows/0/number"}));
    auto r = cli({"slots", "--schedule", file, "--day", "2026-08-20"});
    EXPECT_NE(r.out.find("/weekly/sun/opne: unknown field"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/windows/0/number should be a whole number"), std::string::npos) << r.out;
}

TEST(Slots, UsageErrors) {
    EXPECT_EQ(cli_json({"slots", "--day", "2026-08-20"}, 2)["error"], "usage.missing_option");
    EXPECT_EQ(cli_json({"slots", "--schedule", kDemo}, 2)["error"], "usage.missing_option");
    for (const char* day : {"2026-02-30", "20.08.2026", "", "1899-12-31", "2026-8-20"})
        EXPECT_EQ(cli_json({"slots", "--schedule", kDemo, "--day", day}, 2)["error"],
                  "usage.bad_date")
            << day;
    for (const char* now : {"2026-08-20", "2026-08-20T06:00:00", "2026-08-20T24:00:00Z",
                            "2026-08-20 06:00:00Z", "2026-08-20T06:00:00+3", "garbage"})
        EXPECT_EQ(cli_json({"slots", "--schedule", kDemo, "--day", "2026-08-20", "--now", now},
                           2)["error"],
                  "usage.bad_instant")
            << now;
    auto unknown = cli_json(
        {"slots", "--schedule", kDemo, "--day", "2026-08-20", "--service", "exam-flying"}, 2);
    EXPECT_EQ(unknown["error"], "slots.unknown_service");
    EXPECT_NE(unknown["message"].get<std::string>().find("exam-flying"), std::string::npos);
    auto r = cli({"slots", "--schedule", kDemo, "--day", "2026-08-20", "--frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
}

TEST(Slots, MissingOrUnreadableFileIsAUsageError) {
    auto missing =
        cli_json({"slots", "--schedule", "/nonexistent/schedule.json", "--day", "2026-08-20"}, 2);
    EXPECT_EQ(missing["error"], "usage.unreadable_file");
    EXPECT_NE(missing["message"].get<std::string>().find("/nonexistent/schedule.json"),
              std::string::npos);
    auto directory =
        cli_json({"slots", "--schedule", ::testing::TempDir(), "--day", "2026-08-20"}, 2);
    EXPECT_EQ(directory["error"], "usage.unreadable_file");
    auto r = cli({"slots", "--schedule", "/nonexistent/schedule.json", "--day", "2026-08-20"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/schedule.json"), std::string::npos) << r.err;
}

// --- Hostile file contents ------------------------------------------------------------------

std::string first_problem_code(const std::string& content) {
    auto doc = cli_json({"slots", "--schedule", temp_file(content), "--day", "2026-08-20"}, 1);
    if (!doc.contains("problems") || doc["problems"].empty()) return "(none)";
    return doc["problems"][0]["code"];
}

TEST(Slots, HostileFileContents) {
    EXPECT_EQ(first_problem_code(""), "schedule_file.json");
    EXPECT_EQ(first_problem_code("[]"), "schedule_file.type");
    EXPECT_EQ(first_problem_code(std::string(100000, '[') + std::string(100000, ']')),
              "schedule_file.too_deep");
    EXPECT_EQ(first_problem_code(std::string("{\0\0\0}", 5)), "schedule_file.json");
    EXPECT_EQ(first_problem_code("\xFF\xFE{}"), "schedule_file.encoding");
    std::string bad_name = kNightSchedule;
    bad_name.replace(bad_name.find("Послуга"), 14, "\xD0\x9F\xD0");
    EXPECT_EQ(first_problem_code(bad_name), "schedule_file.encoding");
    std::string nul_name = kNightSchedule;
    nul_name.replace(nul_name.find("Service"), 7, "Serv\\u0000ice");
    EXPECT_EQ(first_problem_code(nul_name), "schedule_file.text");
    std::string huge = kNightSchedule;
    huge.replace(huge.find("30"), 2, "1e400");
    EXPECT_EQ(first_problem_code(huge), "schedule_file.out_of_range");
    std::string negative = kNightSchedule;
    negative.replace(negative.find("30"), 2, "-30");
    EXPECT_EQ(first_problem_code(negative), "schedule.service_duration");
}

TEST(Slots, OversizedFileIsRefusedWithItsSize) {
    std::string big = kNightSchedule;
    big.append(2 * 1024 * 1024, ' ');
    auto doc = cli_json({"slots", "--schedule", temp_file(big), "--day", "2026-08-20"}, 1);
    ASSERT_EQ(doc["problems"].size(), 1u);
    EXPECT_EQ(doc["problems"][0]["code"], "schedule_file.too_large");
    EXPECT_EQ(doc["problems"][0]["params"]["bytes"], std::to_string(big.size()));
    EXPECT_EQ(doc["problems"][0]["params"]["max"], "1048576");
}

}  // namespace
