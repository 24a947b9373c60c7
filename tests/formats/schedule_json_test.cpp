// The schedule file format (src/formats/schedule_json.h).
#include "formats/schedule_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

using cherha::core::CenterSchedule;
using cherha::core::Problem;
using cherha::core::Service;
using cherha::core::ServiceWindow;
using cherha::core::SpecialDay;
using cherha::core::WallClockInterval;
using cherha::formats::kScheduleFileMaxBytes;
using cherha::formats::load_schedule_json;
using cherha::formats::parse_schedule_json;
using cherha::formats::schedule_to_json;
using namespace std::chrono_literals;

namespace {

// A small valid schedule file; tests change one thing in it.
const std::string kMinimal = R"({
  "time_zone": "Europe/Kyiv",
  "weekly": {
    "mon": {"open": ["09:00-18:00"], "breaks": ["13:00-13:45"]},
    "tue": {"open": ["09:00-18:00"]},
    "wed": {"open": []},
    "thu": {"open": []},
    "fri": {"open": []},
    "sat": {"open": []},
    "sun": {"open": []}
  },
  "windows": [{"id": "w1", "number": 1}],
  "services": [{"id": "s1", "name_uk": "Послуга", "name_en": "Service",
                "duration_minutes": 20, "windows": ["w1"]}]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

Problem problem_of(std::string_view text) {
    auto r = parse_schedule_json(text);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Problem("(none)") : r.problem();
}

CenterSchedule full_schedule() {
    CenterSchedule s;
    s.time_zone = "Europe/Kyiv";
    for (int d = 0; d < 5; ++d) {
        s.weekly[static_cast<std::size_t>(d)].opening = {{9h, 18h}};
        s.weekly[static_cast<std::size_t>(d)].breaks = {{13h, 13h + 45min}};
    }
    s.weekly[5].opening = {{9h, 16h}};
    s.weekly[6].opening = {{0h, 2h}, {22h, 24h}};
    s.closed_days = {date::year{2026} / 12 / 25, date::year{2027} / 1 / 1};
    s.special_days = {SpecialDay{date::year{2026} / 12 / 31, {{{9h, 14h}}, {}}},
                      SpecialDay{date::year{2027} / 1 / 2, {{}, {}}}};
    s.windows = {ServiceWindow{"w1", 1}, ServiceWindow{"w/~2", 2}};
    Service theory{"exam-theory", "Теоретичний іспит", "Theory exam", 20min, {"w1", "w/~2"}, 10};
    Service consult{"consult", "Консультація «ʼ»", "Consultation \"quoted\"", 15min, {"w1"}, {}};
    Service zero_pause{"zero", "Нуль", "Zero", 1440min, {"w1"}, 0};
    s.services = {theory, consult, zero_pause};
    return s;
}

// --- Round trip --------------------------------------------------------------------------------

TEST(ScheduleJson, RoundTripIsExact) {
    const CenterSchedule s = full_schedule();
    const std::string text = schedule_to_json(s);
    auto back = parse_schedule_json(text);
    ASSERT_TRUE(back.ok()) << back.problem().code << " " << back.problem().param("path");
    EXPECT_EQ(*back, s);
    EXPECT_EQ(schedule_to_json(*back), text);
}

TEST(ScheduleJson, RoundTripKeepsAbsentAndZeroRetakePauseApart) {
    const CenterSchedule s = full_schedule();
    auto back = parse_schedule_json(schedule_to_json(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->services[1].retake_pause_days, std::nullopt);
    EXPECT_EQ(back->services[2].retake_pause_days, 0);
}

TEST(ScheduleJson, RoundTripOfAnInvalidButWellFormedSchedule) {
    CenterSchedule s = full_schedule();
    s.services[0].duration = -5min;
    s.windows[1].number = -7;
    s.weekly[0].opening = {{18h, 9h}};
    auto back = parse_schedule_json(schedule_to_json(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
}

TEST(ScheduleJson, WrittenFileIsReadable) {
    const std::string text = schedule_to_json(full_schedule());
    EXPECT_NE(text.find("\"mon\""), std::string::npos);
    EXPECT_NE(text.find("\"09:00-18:00\""), std::string::npos);
    EXPECT_NE(text.find("\"22:00-24:00\""), std::string::npos);
    EXPECT_NE(text.find("Теоретичний іспит"), std::string::npos);  // not \u-escaped
    EXPECT_LT(text.find("\"time_zone\""), text.find("\"weekly\""));
    EXPECT_LT(text.find("\"windows\""), text.find("\"services\""));
    EXPECT_EQ(text.back(), '\n');
}

TEST(ScheduleJson, MinimalFileReadsWithDefaults) {
    auto r = parse_schedule_json(kMinimal);
    ASSERT_TRUE(r.ok()) << r.problem().code << " " << r.problem().param("path");
    EXPECT_EQ(r->time_zone, "Europe/Kyiv");
    EXPECT_EQ(r->weekly[0].opening, (std::vector<WallClockInterval>{{9h, 18h}}));
    EXPECT_EQ(r->weekly[0].breaks, (std::vector<WallClockInterval>{{13h, 13h + 45min}}));
    EXPECT_TRUE(r->weekly[1].breaks.empty());
    EXPECT_TRUE(r->closed_days.empty());
    EXPECT_TRUE(r->special_days.empty());
    EXPECT_EQ(r->services[0].duration, 20min);
    EXPECT_EQ(r->services[0].retake_pause_days, std::nullopt);
    EXPECT_TRUE(load_schedule_json(kMinimal).ok());
}

TEST(ScheduleJson, NullRetakePauseMeansNone) {
    auto r = parse_schedule_json(replaced(kMinimal, "\"windows\": [\"w1\"]",
                                          "\"windows\": [\"w1\"], \"retake_pause_days\": null"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->services[0].retake_pause_days, std::nullopt);
}

TEST(ScheduleJson, DemoCenterScheduleIsValid) {
    std::ifstream in(std::string(CHERHA_SOURCE_DIR) + "/resources/demo/center-schedule.json");
    ASSERT_TRUE(in);
    std::stringstream text;
    text << in.rdbuf();
    auto reading = load_schedule_json(text.str());
    ASSERT_TRUE(reading.ok()) << (reading.problems.empty() ? "" : reading.problems[0].code);
    EXPECT_EQ(reading.schedule->windows.size(), 6u);
    EXPECT_EQ(reading.schedule->services.size(), 5u);
    EXPECT_EQ(*parse_schedule_json(schedule_to_json(*reading.schedule)), *reading.schedule);
}

// --- Times and dates -----------------------------------------------------------------------

TEST(ScheduleJson, TimeBoundaries) {
    const auto with_open = [&](const std::string& interval) {
        return replaced(kMinimal, "\"wed\": {\"open\": []}",
                        "\"wed\": {\"open\": [\"" + interval + "\"]}");
    };
    auto ok = parse_schedule_json(with_open("00:00-24:00"));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->weekly[2].opening, (std::vector<WallClockInterval>{{0h, 24h}}));
    EXPECT_TRUE(parse_schedule_json(with_open("23:59-24:00")).ok());
    for (const char* bad : {"24:00-24:00", "00:00-24:01", "00:00-25:00", "09:60-10:00",
                            "9:00-18:00", "09:00-18:0", "09:00–18:00", "09:00 - 18:00",
                            "09.00-18.00", "", "09:00-18:00 ", "+9:00-18:00", "09:00"}) {
        auto p = problem_of(with_open(bad));
        EXPECT_EQ(p.code, "schedule_file.time") << bad;
        EXPECT_EQ(p.param("path"), "/weekly/wed/open/0") << bad;
        EXPECT_EQ(p.param("value"), bad);
    }
}

TEST(ScheduleJson, EndBeforeStartIsTheCoresProblem) {
    const auto text =
        replaced(kMinimal, "\"09:00-18:00\"], \"breaks\"", "\"18:00-09:00\"], \"breaks\"");
    EXPECT_TRUE(parse_schedule_json(text).ok());
    auto reading = load_schedule_json(text);
    ASSERT_FALSE(reading.problems.empty());
    EXPECT_EQ(reading.problems[0].code, "schedule.interval_end_before_start");
    EXPECT_EQ(reading.problems[0].param("where"), "mon");
}

TEST(ScheduleJson, Dates) {
    auto p = problem_of(
        replaced(kMinimal, "\"windows\":", "\"closed_days\": [\"2026-02-30\"], \"windows\":"));
    EXPECT_EQ(p.code, "schedule_file.date");
    EXPECT_EQ(p.param("path"), "/closed_days/0");
    EXPECT_EQ(p.param("value"), "2026-02-30");
    for (const char* bad : {"2026-2-3", "26-12-25", "2026/12/25", "2026-12-25T00:00", ""}) {
        auto q = problem_of(replaced(kMinimal, "\"windows\":",
                                     std::string("\"special_days\": [{\"date\": \"2026-12-31\", "
                                                 "\"open\": []}, {\"date\": \"") +
                                         bad + "\", \"open\": []}], \"windows\":"));
        EXPECT_EQ(q.code, "schedule_file.date") << bad;
        EXPECT_EQ(q.param("path"), "/special_days/1/date") << bad;
    }
    auto leap = parse_schedule_json(
        replaced(kMinimal, "\"windows\":", "\"closed_days\": [\"2028-02-29\"], \"windows\":"));
    ASSERT_TRUE(leap.ok());
    EXPECT_EQ(leap->closed_days[0], date::year{2028} / 2 / 29);
}

// --- Every form problem with its path ------------------------------------------------------

TEST(ScheduleJson, SyntaxErrorGivesLineAndColumn) {
    // Line 3 lacks a comma before it: the parser stops at the end of the "weekly" token.
    const std::string text = "{\n  \"time_zone\": \"Europe/Kyiv\"\n  \"weekly\": {}}";
    auto p = problem_of(text);
    EXPECT_EQ(p.code, "schedule_file.json");
    EXPECT_EQ(p.param("line"), "3");
    EXPECT_EQ(p.param("column"), "10");
}

TEST(ScheduleJson, ColumnsCountCharactersNotBytes) {
    // "Ї" is two bytes; the stray x after the string is column 9 in characters (14 in bytes).
    auto p = problem_of("[\"ЇЇЇЇЇ\"x]");
    EXPECT_EQ(p.code, "schedule_file.json");
    EXPECT_EQ(p.param("line"), "1");
    EXPECT_EQ(p.param("column"), "9");
}

TEST(ScheduleJson, TypeProblemsNameThePathAndType) {
    struct Case {
        std::string from, to, path, expected;
    };
    const std::vector<Case> cases = {
        {"\"Europe/Kyiv\"", "3", "/time_zone", "string"},
        {"\"duration_minutes\": 20", "\"duration_minutes\": \"20\"", "/services/0/duration_minutes",
         "integer"},
        {"\"duration_minutes\": 20", "\"duration_minutes\": 20.5", "/services/0/duration_minutes",
         "integer"},
        {"\"duration_minutes\": 20", "\"duration_minutes\": true", "/services/0/duration_minutes",
         "integer"},
        {"\"windows\": [\"w1\"]", "\"windows\": \"w1\"", "/services/0/windows", "array"},
        {"\"windows\": [\"w1\"]", "\"windows\": [1]", "/services/0/windows/0", "string"},
        {"{\"id\": \"w1\", \"number\": 1}", "[\"w1\", 1]", "/windows/0", "object"},
        {"\"number\": 1", "\"number\": null", "/windows/0/number", "integer"},
        {"\"open\": [\"09:00-18:00\"], \"breaks\"", "\"open\": \"09:00-18:00\", \"breaks\"",
         "/weekly/mon/open", "array"},
        {"\"tue\": {\"open\": [\"09:00-18:00\"]}", "\"tue\": null", "/weekly/tue", "object"},
    };
    for (const auto& c : cases) {
        auto p = problem_of(replaced(kMinimal, c.from, c.to));
        EXPECT_EQ(p.code, "schedule_file.type") << c.to;
        EXPECT_EQ(p.param("path"), c.path) << c.to;
        EXPECT_EQ(p.param("expected"), c.expected) << c.to;
    }
    auto weekly = problem_of(R"({"time_zone": "Europe/Kyiv", "weekly": [], "windows": [],
                                  "services": []})");
    EXPECT_EQ(weekly.code, "schedule_file.type");
    EXPECT_EQ(weekly.param("path"), "/weekly");
    EXPECT_EQ(weekly.param("expected"), "object");
    for (const char* root : {"[]", "null", "1", "\"schedule\"", "true"}) {
        auto p = problem_of(root);
        EXPECT_EQ(p.code, "schedule_file.type") << root;
        EXPECT_EQ(p.param("path"), "/") << root;
        EXPECT_EQ(p.param("expected"), "object");
    }
}

TEST(ScheduleJson, MissingFields) {
    struct Case {
        std::string from, to, path;
    };
    const std::vector<Case> cases = {
        {"\"time_zone\": \"Europe/Kyiv\",", "", "/time_zone"},
        {"\"sun\": {\"open\": []}", "\"sun\": {}", "/weekly/sun/open"},
        {",\n    \"sun\": {\"open\": []}", "", "/weekly/sun"},
        {"\"windows\": [{\"id\": \"w1\", \"number\": 1}],", "", "/windows"},
        {"\"id\": \"w1\", ", "", "/windows/0/id"},
        {"\"name_en\": \"Service\",", "", "/services/0/name_en"},
        {"\"duration_minutes\": 20, ", "", "/services/0/duration_minutes"},
        {", \"windows\": [\"w1\"]", "", "/services/0/windows"},
    };
    for (const auto& c : cases) {
        auto p = problem_of(replaced(kMinimal, c.from, c.to));
        EXPECT_EQ(p.code, "schedule_file.missing") << c.path;
        EXPECT_EQ(p.param("path"), c.path);
    }
    auto special = problem_of(
        replaced(kMinimal, "\"windows\":", "\"special_days\": [{\"open\": []}], \"windows\":"));
    EXPECT_EQ(special.code, "schedule_file.missing");
    EXPECT_EQ(special.param("path"), "/special_days/0/date");
}

TEST(ScheduleJson, UnknownFieldsAreRefusedNotDropped) {
    auto misspelt = problem_of(replaced(kMinimal, "\"breaks\"", "\"brakes\""));
    EXPECT_EQ(misspelt.code, "schedule_file.unknown_field");
    EXPECT_EQ(misspelt.param("path"), "/weekly/mon/brakes");

    auto top = problem_of(replaced(kMinimal, "\"time_zone\"", "\"timezone\": 1, \"time_zone\""));
    EXPECT_EQ(top.code, "schedule_file.unknown_field");
    EXPECT_EQ(top.param("path"), "/timezone");

    auto day = problem_of(replaced(kMinimal, "\"mon\":", "\"monday\": {\"open\": []}, \"mon\":"));
    EXPECT_EQ(day.code, "schedule_file.unknown_field");
    EXPECT_EQ(day.param("path"), "/weekly/monday");

    auto slash = problem_of(replaced(kMinimal, "\"number\": 1", "\"number\": 1, \"a/b~c\": 0"));
    EXPECT_EQ(slash.code, "schedule_file.unknown_field");
    EXPECT_EQ(slash.param("path"), "/windows/0/a~1b~0c");  // JSON Pointer escaping

    auto service = problem_of(
        replaced(kMinimal, "\"duration_minutes\"", "\"duration\": 20, \"duration_minutes\""));
    EXPECT_EQ(service.code, "schedule_file.unknown_field");
    EXPECT_EQ(service.param("path"), "/services/0/duration");
}

TEST(ScheduleJson, DuplicateFieldsAreRefused) {
    auto p = problem_of(replaced(kMinimal, "\"breaks\": [\"13:00-13:45\"]",
                                 "\"breaks\": [\"13:00-13:45\"], \"breaks\": []"));
    EXPECT_EQ(p.code, "schedule_file.duplicate_field");
    EXPECT_EQ(p.param("path"), "/weekly/mon/breaks");
    auto in_array = problem_of(replaced(kMinimal, "\"number\": 1", "\"number\": 1, \"number\": 2"));
    EXPECT_EQ(in_array.code, "schedule_file.duplicate_field");
    EXPECT_EQ(in_array.param("path"), "/windows/0/number");
    auto second = problem_of(replaced(kMinimal, "\"windows\": [{\"id\": \"w1\", \"number\": 1}]",
                                      "\"windows\": [{\"id\": \"w1\", \"number\": 1}, "
                                      "{\"id\": \"w2\", \"id\": \"w3\", \"number\": 2}]"));
    EXPECT_EQ(second.code, "schedule_file.duplicate_field");
    EXPECT_EQ(second.param("path"), "/windows/1/id");
    // The same key in two different objects is fine.
    EXPECT_TRUE(
        parse_schedule_json(replaced(kMinimal, "\"windows\": [{\"id\": \"w1\", \"number\": 1}]",
                                     "\"windows\": [{\"id\": \"w1\", \"number\": 1}, "
                                     "{\"id\": \"w2\", \"number\": 2}]"))
            .ok());
}

TEST(ScheduleJson, HugeAndNegativeNumbers) {
    auto big = problem_of(
        replaced(kMinimal, "\"duration_minutes\": 20", "\"duration_minutes\": 2147483648"));
    EXPECT_EQ(big.code, "schedule_file.out_of_range");
    EXPECT_EQ(big.param("path"), "/services/0/duration_minutes");
    EXPECT_EQ(big.param("value"), "2147483648");
    EXPECT_EQ(big.param("max"), "2147483647");
    auto small = problem_of(replaced(kMinimal, "\"number\": 1", "\"number\": -2147483649"));
    EXPECT_EQ(small.code, "schedule_file.out_of_range");
    EXPECT_EQ(small.param("min"), "-2147483648");
    auto limit = parse_schedule_json(replaced(kMinimal, "\"number\": 1", "\"number\": 2147483647"));
    ASSERT_TRUE(limit.ok());
    EXPECT_EQ(limit->windows[0].number, 2147483647);
    for (const char* huge : {"99999999999999999999999", "1e5", "1.0"}) {
        // A float (or a number too large for 64 bits, which the parser reads as a float)
        // is not an integer.
        auto p = problem_of(replaced(kMinimal, "\"duration_minutes\": 20",
                                     std::string("\"duration_minutes\": ") + huge));
        EXPECT_EQ(p.code, "schedule_file.type") << huge;
        EXPECT_EQ(p.param("path"), "/services/0/duration_minutes") << huge;
    }
    for (const char* beyond_double : {"1e400", "-1e400"}) {
        auto p = problem_of(
            replaced(kMinimal, "\"number\": 1", std::string("\"number\": ") + beyond_double));
        EXPECT_EQ(p.code, "schedule_file.out_of_range") << beyond_double;
        EXPECT_EQ(p.param("path"), "/windows/0/number");
        EXPECT_EQ(p.param("value"), beyond_double);
    }
    auto in_array =
        problem_of(replaced(kMinimal, "\"windows\": [\"w1\"]", "\"windows\": [\"w1\", 1e999]"));
    EXPECT_EQ(in_array.code, "schedule_file.out_of_range");
    EXPECT_EQ(in_array.param("path"), "/services/0/windows/1");
    // A negative duration is well formed, and the core says what is wrong with it.
    const auto negative =
        replaced(kMinimal, "\"duration_minutes\": 20", "\"duration_minutes\": -20");
    ASSERT_TRUE(parse_schedule_json(negative).ok());
    auto reading = load_schedule_json(negative);
    ASSERT_EQ(reading.problems.size(), 1u);
    EXPECT_EQ(reading.problems[0].code, "schedule.service_duration");
    EXPECT_EQ(reading.problems[0].param("minutes"), "-20");
}

TEST(ScheduleJson, VersionOtherThanOneIsRefused) {
    EXPECT_TRUE(parse_schedule_json(replaced(kMinimal, "{", "{\"version\": 1,")).ok());
    auto p = problem_of(replaced(kMinimal, "{", "{\"version\": 2,"));
    EXPECT_EQ(p.code, "schedule_file.version");
    EXPECT_EQ(p.param("value"), "2");
    EXPECT_EQ(p.param("supported"), "1");
    EXPECT_EQ(problem_of(replaced(kMinimal, "{", "{\"version\": \"1\",")).code,
              "schedule_file.type");
}

TEST(ScheduleJson, TooLargeIsRefusedBeforeParsing) {
    std::string text = kMinimal;
    text.append(kScheduleFileMaxBytes - text.size(), ' ');
    EXPECT_TRUE(parse_schedule_json(text).ok());  // exactly the limit
    text.push_back(' ');
    auto p = problem_of(text);
    EXPECT_EQ(p.code, "schedule_file.too_large");
    EXPECT_EQ(p.param("bytes"), std::to_string(kScheduleFileMaxBytes + 1));
    EXPECT_EQ(p.param("max"), "1048576");
}

// --- Hostile input ----------------------------------------------------------------------------

TEST(ScheduleJson, EmptyAndBlankText) {
    for (const char* text : {"", " ", "\n\n", "{"}) {
        auto p = problem_of(text);
        EXPECT_EQ(p.code, "schedule_file.json") << "[" << text << "]";
    }
    auto p = problem_of("\n\n");
    EXPECT_EQ(p.param("line"), "3");
    EXPECT_EQ(p.param("column"), "1");
    EXPECT_EQ(problem_of("{}").code, "schedule_file.missing");
}

TEST(ScheduleJson, DeepNestingIsRefusedWithoutRecursion) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto p = problem_of(deep);
    EXPECT_EQ(p.code, "schedule_file.too_deep");
    EXPECT_EQ(p.param("line"), "1");
    EXPECT_EQ(p.param("column"), "17");
    EXPECT_EQ(p.param("max"), "16");
    EXPECT_EQ(problem_of(std::string(100000, '{')).code, "schedule_file.too_deep");
    EXPECT_EQ(problem_of(std::string(1000000, '[')).code, "schedule_file.too_deep");
    // Brackets inside strings do not count.
    auto in_string =
        parse_schedule_json(replaced(kMinimal, "\"Service\"", "\"" + std::string(100, '[') + "\""));
    ASSERT_TRUE(in_string.ok());
    EXPECT_EQ(in_string->services[0].name_en, std::string(100, '['));
    // 16 levels are fine for the parser (the document is then the wrong shape).
    EXPECT_EQ(problem_of(std::string(16, '[') + std::string(16, ']')).code, "schedule_file.type");
    EXPECT_EQ(problem_of(std::string(17, '[') + std::string(17, ']')).code,
              "schedule_file.too_deep");
}

TEST(ScheduleJson, InvalidUtf8IsRefusedWithItsPlace) {
    const std::string bad_name = replaced(kMinimal, "\"Service\"", "\"Serv\xC3\x28ice\"");
    auto p = problem_of(bad_name);
    EXPECT_EQ(p.code, "schedule_file.encoding");
    EXPECT_EQ(p.param("line"), "13");
    EXPECT_EQ(p.param("column"), "67");
    for (const std::string bytes :
         {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
        EXPECT_EQ(problem_of(replaced(kMinimal, "Послуга", "По" + bytes)).code,
                  "schedule_file.encoding");
    }
    // An escaped lone surrogate is not a character either.
    EXPECT_EQ(problem_of(replaced(kMinimal, "\"Service\"", "\"\\ud800\"")).code,
              "schedule_file.json");
}

TEST(ScheduleJson, NulBytesAndControlCharacters) {
    std::string raw_nul = kMinimal;
    raw_nul.insert(1, 1, '\0');
    EXPECT_EQ(problem_of(raw_nul).code, "schedule_file.json");
    std::string nul_in_string = replaced(kMinimal, "\"Service\"", std::string("\"Ser\0vice\"", 10));
    EXPECT_EQ(problem_of(nul_in_string).code, "schedule_file.json");

    auto escaped = problem_of(replaced(kMinimal, "\"Service\"", "\"Ser\\u0000vice\""));
    EXPECT_EQ(escaped.code, "schedule_file.text");
    EXPECT_EQ(escaped.param("path"), "/services/0/name_en");
    EXPECT_EQ(escaped.param("issue"), "control_character");
    auto tab_in_id = problem_of(replaced(kMinimal, "\"id\": \"w1\"", "\"id\": \"w\\t1\""));
    EXPECT_EQ(tab_in_id.code, "schedule_file.text");
    EXPECT_EQ(tab_in_id.param("path"), "/windows/0/id");
    auto del = problem_of(replaced(kMinimal, "\"Europe/Kyiv\"", "\"Europe/Kyiv\\u007f\""));
    EXPECT_EQ(del.code, "schedule_file.text");
}

TEST(ScheduleJson, MixedScriptsAndByteOrderMark) {
    // Latin and Cyrillic look-alikes in ids are distinct ids: "w1" (Latin) vs "ш1" would not
    // match, and a window id written with a Cyrillic letter is an unknown window.
    auto reading =
        load_schedule_json(replaced(kMinimal, "\"windows\": [\"w1\"]", "\"windows\": [\"ш1\"]"));
    ASSERT_FALSE(reading.problems.empty());
    EXPECT_EQ(reading.problems[0].code, "schedule.unknown_window");
    EXPECT_EQ(reading.problems[0].param("window"), "ш1");
    EXPECT_TRUE(parse_schedule_json("\xEF\xBB\xBF" + kMinimal).ok());
}

// --- All problems at once ---------------------------------------------------------------------

TEST(ScheduleJson, LoadListsEveryFormProblem) {
    std::string text = replaced(kMinimal, "\"breaks\"", "\"brakes\"");
    text = replaced(text, "\"duration_minutes\": 20", "\"duration_minutes\": \"20\"");
    text = replaced(text, "\"09:00-18:00\"]}", "\"9-18\"]}");
    auto reading = load_schedule_json(text);
    EXPECT_FALSE(reading.schedule.has_value());
    ASSERT_EQ(reading.problems.size(), 3u);
    std::vector<std::string> codes;
    for (const auto& p : reading.problems) codes.push_back(p.code + " " + p.param("path"));
    EXPECT_EQ(codes, (std::vector<std::string>{"schedule_file.unknown_field /weekly/mon/brakes",
                                               "schedule_file.time /weekly/tue/open/0",
                                               "schedule_file.type /services/0/duration_minutes"}));
}

TEST(ScheduleJson, LoadListsEveryScheduleProblem) {
    std::string text = replaced(kMinimal, "\"Europe/Kyiv\"", "\"Europe/Atlantis\"");
    text = replaced(text, "\"13:00-13:45\"", "\"19:00-19:30\"");
    text = replaced(text, "\"duration_minutes\": 20", "\"duration_minutes\": 0");
    text = replaced(text, "\"windows\": [\"w1\"]", "\"windows\": [\"w9\"]");
    auto reading = load_schedule_json(text);
    ASSERT_TRUE(reading.schedule.has_value());
    EXPECT_FALSE(reading.ok());
    std::vector<std::string> codes;
    for (const auto& p : reading.problems) codes.push_back(p.code);
    EXPECT_EQ(codes, (std::vector<std::string>{
                         "schedule.unknown_time_zone", "schedule.break_outside_opening",
                         "schedule.service_duration", "schedule.unknown_window"}));
}

TEST(ScheduleJson, StopProblemsComeAlone) {
    auto reading = load_schedule_json("{\"time_zone\": 1,");
    ASSERT_EQ(reading.problems.size(), 1u);
    EXPECT_EQ(reading.problems[0].code, "schedule_file.json");
    EXPECT_FALSE(reading.schedule.has_value());
}

}  // namespace
