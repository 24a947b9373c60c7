// The supervisor's day at a glance and the day as CSV, on hand-computed synthetic days.
#include <gtest/gtest.h>

#include "desk/model/day_summary.h"

namespace cherha::desk {
namespace {

using core::BookingState;
using namespace std::chrono_literals;

constexpr core::Date kDay{date::year{2026}, date::month{11}, date::day{24}};

// A wall-clock time in Kyiv on kDay (UTC+2 in November).
core::Instant kyiv(int hour, int minute, int second = 0) {
    return core::Instant{date::sys_days{kDay}.time_since_epoch()} + std::chrono::hours(hour - 2) +
           std::chrono::minutes(minute) + std::chrono::seconds(second);
}

struct Times {
    Times(std::optional<core::Instant> a = {}, std::optional<core::Instant> c = {},
          std::optional<core::Instant> s = {}, std::optional<core::Instant> f = {})
        : arrived(a), called(c), started(s), finished(f) {}
    std::optional<core::Instant> arrived, called, started, finished;
};

QueueBooking booking(std::int64_t id, BookingState state, std::string window, std::string service,
                     Times t = {}) {
    QueueBooking b;
    b.id = id;
    b.code = "WT83-Q4WB";
    b.service_id = std::move(service);
    b.day = kDay;
    b.time = "09:00";
    b.start = kyiv(9, 0);
    b.state = state;
    b.window_id = std::move(window);
    b.arrived_at = t.arrived;
    b.called_at = t.called;
    b.started_at = t.started;
    b.finished_at = t.finished;
    return b;
}

std::vector<QueueBooking> sample_day() {
    return {
        booking(1, BookingState::Served, "w1", "passport",
                {kyiv(9, 0), kyiv(9, 10), kyiv(9, 12), kyiv(9, 27)}),  // waits 10, served 15
        booking(2, BookingState::Served, "w1", "passport",
                {kyiv(9, 0), kyiv(9, 20), kyiv(9, 20), kyiv(9, 30)}),  // 20, 10
        booking(3, BookingState::Refused, "w2", "driving-exam",
                {kyiv(9, 5), kyiv(9, 35), kyiv(9, 36), kyiv(9, 41)}),      // 30, 5
        booking(4, BookingState::Arrived, "", "passport", {kyiv(9, 30)}),  // not called yet
        booking(5, BookingState::Booked, "", "passport"),
        booking(6, BookingState::InService, "w2", "passport",
                {kyiv(10, 0), kyiv(10, 40), kyiv(10, 41)}),  // 40, not finished
        booking(7, BookingState::Called, "w1", "driving-exam",
                {std::nullopt, kyiv(11, 0)}),  // called without an arrival: not counted
    };
}

TEST(DaySummary, CountsPerStateWindowAndService) {
    const auto day = sample_day();
    const DaySummary s = summarize_day(day, kDay, "Europe/Kyiv");
    EXPECT_EQ(s.day, kDay);
    EXPECT_EQ(s.all.total, 7);
    const std::map<BookingState, int> all_states{
        {BookingState::Served, 2}, {BookingState::Refused, 1},   {BookingState::Arrived, 1},
        {BookingState::Booked, 1}, {BookingState::InService, 1}, {BookingState::Called, 1}};
    EXPECT_EQ(s.all.by_state, all_states);

    ASSERT_EQ(s.by_window.size(), 3u);
    EXPECT_EQ(s.by_window.at("w1").total, 3);
    EXPECT_EQ(s.by_window.at("w1").by_state.at(BookingState::Served), 2);
    EXPECT_EQ(s.by_window.at("w1").by_state.at(BookingState::Called), 1);
    EXPECT_EQ(s.by_window.at("w2").total, 2);
    EXPECT_EQ(s.by_window.at("").total, 2);  // never at a window

    ASSERT_EQ(s.by_service.size(), 2u);
    EXPECT_EQ(s.by_service.at("passport").total, 5);
    EXPECT_EQ(s.by_service.at("driving-exam").total, 2);
    EXPECT_EQ(s.by_service.at("driving-exam").by_state.at(BookingState::Refused), 1);

    const std::map<int, int> hours{{9, 4}, {10, 1}};
    EXPECT_EQ(s.arrivals_by_hour, hours);
}

TEST(DaySummary, WaitingAndServiceTimesCountOnlyBookingsWithBothEnds) {
    const auto day = sample_day();
    const DaySummary s = summarize_day(day, kDay, "Europe/Kyiv");
    // Waiting 10, 20, 30, 40 (booking 4 not called, 7 without an arrival).
    EXPECT_EQ(s.all.waiting.count, 4);
    EXPECT_DOUBLE_EQ(s.all.waiting.mean.value(), 25.0);
    EXPECT_DOUBLE_EQ(s.all.waiting.p90.value(), 40.0);  // rank ceil(3.6) = 4
    // Service 15, 10, 5 (booking 6 not finished).
    EXPECT_EQ(s.all.service.count, 3);
    EXPECT_DOUBLE_EQ(s.all.service.mean.value(), 10.0);
    EXPECT_DOUBLE_EQ(s.all.service.p90.value(), 15.0);

    const SummaryGroup& w1 = s.by_window.at("w1");
    EXPECT_EQ(w1.waiting.count, 2);
    EXPECT_DOUBLE_EQ(w1.waiting.mean.value(), 15.0);
    EXPECT_DOUBLE_EQ(w1.service.mean.value(), 12.5);
    EXPECT_DOUBLE_EQ(w1.service.p90.value(), 15.0);
    const SummaryGroup& w2 = s.by_window.at("w2");
    EXPECT_DOUBLE_EQ(w2.waiting.mean.value(), 35.0);
    EXPECT_EQ(w2.service.count, 1);
    EXPECT_DOUBLE_EQ(w2.service.mean.value(), 5.0);
    // Nobody at no window was called: no figures, not zeros.
    const SummaryGroup& none = s.by_window.at("");
    EXPECT_EQ(none.waiting.count, 0);
    EXPECT_FALSE(none.waiting.mean.has_value());
    EXPECT_FALSE(none.waiting.p90.has_value());
    EXPECT_DOUBLE_EQ(s.by_service.at("passport").waiting.mean.value(), (10 + 20 + 40) / 3.0);

    // Seconds count: 90 s of waiting is 1.5 minutes.
    const std::vector<QueueBooking> short_wait{
        booking(1, BookingState::Called, "w1", "passport", {kyiv(9, 0), kyiv(9, 1, 30)})};
    EXPECT_DOUBLE_EQ(summarize_day(short_wait, kDay, "Europe/Kyiv").all.waiting.mean.value(), 1.5);
}

TEST(DaySummary, TheNinetiethPercentileIsTheNearestRank) {
    std::vector<QueueBooking> day;
    // Waits of 1..10 minutes, given in a shuffled order.
    for (int minutes : {7, 3, 10, 1, 9, 5, 2, 8, 4, 6})
        day.push_back(booking(minutes, BookingState::Called, "w1", "passport",
                              {kyiv(9, 0), kyiv(9, minutes)}));
    DaySummary s = summarize_day(day, kDay, "Europe/Kyiv");
    EXPECT_DOUBLE_EQ(s.all.waiting.mean.value(), 5.5);
    EXPECT_DOUBLE_EQ(s.all.waiting.p90.value(), 9.0);  // rank 9 of 10 (not 9.1, not 10)
    day.push_back(booking(11, BookingState::Called, "w1", "passport", {kyiv(9, 0), kyiv(9, 11)}));
    s = summarize_day(day, kDay, "Europe/Kyiv");
    EXPECT_DOUBLE_EQ(s.all.waiting.p90.value(), 10.0);  // rank ceil(9.9) = 10 of 11
    const std::vector<QueueBooking> one{day.front()};
    EXPECT_DOUBLE_EQ(summarize_day(one, kDay, "Europe/Kyiv").all.waiting.p90.value(), 7.0);
}

TEST(DaySummary, ArrivalHoursAreLocalAcrossTheSpringChange) {
    // 29 March 2026: Kyiv moves from UTC+2 to UTC+3 at 01:00 UTC (03:00 becomes 04:00).
    const core::Instant midnight_utc{date::sys_days{date::year{2026} / 3 / 29}.time_since_epoch()};
    std::vector<QueueBooking> day;
    for (auto utc :
         {midnight_utc + 30min, midnight_utc + 90min, midnight_utc + 6h, midnight_utc + 6h + 59min})
        day.push_back(booking(static_cast<std::int64_t>(day.size() + 1), BookingState::Arrived, "",
                              "passport", {utc}));
    const core::Date spring{date::year{2026}, date::month{3}, date::day{29}};
    const std::map<int, int> kyiv_hours{{2, 1}, {4, 1}, {9, 2}};  // 02:30, 04:30, 09:00, 09:59
    EXPECT_EQ(summarize_day(day, spring, "Europe/Kyiv").arrivals_by_hour, kyiv_hours);
    // An unknown zone counts in UTC.
    const std::map<int, int> utc_hours{{0, 1}, {1, 1}, {6, 2}};
    EXPECT_EQ(summarize_day(day, spring, "Nowhere/Atlantis").arrivals_by_hour, utc_hours);
    EXPECT_EQ(summarize_day(day, spring, "").arrivals_by_hour, utc_hours);
}

const std::vector<std::string> kHeader{
    "Id",     "Code",   "Ticket",  "Channel", "Service", "Slot",     "State",   "Window",
    "Result", "Reason", "Arrived", "Called",  "Started", "Finished", "Waiting", "Service min"};

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> lines;
    std::size_t from = 0;
    for (std::size_t end; (end = csv.find("\r\n", from)) != std::string::npos; from = end + 2)
        lines.push_back(csv.substr(from, end - from));
    EXPECT_EQ(from, csv.size()) << "the last line does not end with CRLF";
    return lines;
}

TEST(DaySummary, CsvHasABomCrlfLinesAndOneRowPerBooking) {
    auto day = sample_day();
    day[0].ticket_display = "1001";
    day[0].result = core::ServiceResult::Passed;
    day[2].refusal_reason = core::RefusalReason::DataMismatch;
    day[2].channel = core::BookingChannel::Terminal;
    const std::string csv = day_csv(day, "Europe/Kyiv", kHeader);
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
    const auto lines = lines_of(csv.substr(3));
    ASSERT_EQ(lines.size(), 1 + day.size());
    EXPECT_EQ(lines[0],
              "Id,Code,Ticket,Channel,Service,Slot,State,Window,Result,Reason,Arrived,Called,"
              "Started,Finished,Waiting,Service min");
    EXPECT_EQ(lines[1],
              "1,WT83-Q4WB,1001,online,passport,09:00,served,w1,passed,,09:00:00,09:10:00,"
              "09:12:00,09:27:00,10.0,15.0");
    EXPECT_EQ(lines[3],
              "3,WT83-Q4WB,,terminal,driving-exam,09:00,refused,w2,,data_mismatch,09:05:00,"
              "09:35:00,09:36:00,09:41:00,30.0,5.0");
    // Missing times and minutes are empty cells.
    EXPECT_EQ(lines[5], "5,WT83-Q4WB,,online,passport,09:00,booked,,,,,,,,,");
    EXPECT_EQ(lines[6],
              "6,WT83-Q4WB,,online,passport,09:00,in_service,w2,,,10:00:00,10:40:00,10:41:00,,"
              "40.0,");
    // In another zone the times move with it.
    const auto utc = lines_of(day_csv(day, "UTC", kHeader).substr(3));
    EXPECT_NE(utc[1].find(",07:00:00,07:10:00,"), std::string::npos) << utc[1];
}

TEST(DaySummary, CsvCellsAreQuotedAndFormulasDisarmed) {
    QueueBooking b = booking(1, BookingState::Booked, "", "passport");
    b.code = "A,B";
    b.ticket_display = "say \"hi\"";
    b.service_id = "=HYPERLINK(\"http://x\",\"y\")";
    b.window_id = "two\nlines";
    b.time = "+1";
    std::vector<std::string> header = kHeader;
    header[0] = "@SUM(A1)";
    header[1] = "-2";
    header[2] = "Ticket, number";
    const std::vector<QueueBooking> day{b};
    const std::string csv = day_csv(day, "Europe/Kyiv", header);
    EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
              "'@SUM(A1),'-2,\"Ticket, number\",Channel,Service,Slot,State,Window,Result,Reason,"
              "Arrived,Called,Started,Finished,Waiting,Service min");
    const std::string row = csv.substr(csv.find("\r\n") + 2);
    EXPECT_EQ(row,
              "1,\"A,B\",\"say \"\"hi\"\"\",online,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
              "'+1,booked,\"two\nlines\",,,,,,,,\r\n");
}

TEST(DaySummary, CsvHoldsNoPersonalData) {
    QueueBooking b = booking(1, BookingState::Refused, "w1", "passport",
                             {kyiv(9, 0), kyiv(9, 10), kyiv(9, 11), kyiv(9, 20)});
    core::Registration r;
    r.surname = "Шевченко";
    r.given_name = "Олександр";
    r.patronymic = "Петрович";
    r.birth_date = core::Date{date::year{1990}, date::month{1}, date::day{15}};
    r.rnokpp = "3288701236";
    r.document_number = "001234567";
    b.registration = r;
    b.refusal_reason = core::RefusalReason::Other;
    b.refusal_note = "Шевченко показав інший паспорт 001234567";
    b.token = "CHERHA:secret-token-text";
    const std::vector<QueueBooking> day{b};
    const std::string csv = day_csv(day, "Europe/Kyiv", kHeader);
    for (const char* secret : {"Шевченко", "Олександр", "Петрович", "1990", "3288701236",
                               "001234567", "показав", "secret-token"})
        EXPECT_EQ(csv.find(secret), std::string::npos) << secret << " is in the CSV";
    EXPECT_NE(csv.find(",refused,w1,,other,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace cherha::desk
