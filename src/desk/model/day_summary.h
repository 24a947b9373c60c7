// The supervisor's day at a glance, computed on the desk from the day's queue (every booking
// with its times): counts per state, waiting and service times (mean and 90th percentile)
// overall, per window and per service, arrivals per hour; the day as CSV; the daily report.
//
// Waiting time: from arrival (arrived_at) to the first call (called_at); service time: from
// start (started_at) to the end (finished_at). Bookings without both ends are not counted in
// that figure. The 90th percentile is the nearest-rank one (the smallest value with at least
// 90 % of the values at or below it).
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "desk/model/desk_records.h"

namespace cherha::desk {

struct DurationFigures {
    int count = 0;               // how many bookings had both ends
    std::optional<double> mean;  // minutes
    std::optional<double> p90;   // minutes
};

struct SummaryGroup {
    std::map<core::BookingState, int> by_state;
    int total = 0;
    DurationFigures waiting;
    DurationFigures service;
};

struct DaySummary {
    core::Date day{};
    SummaryGroup all;
    std::map<std::string, SummaryGroup> by_window;   // window id ("" = never at a window)
    std::map<std::string, SummaryGroup> by_service;  // booked service id
    std::map<int, int> arrivals_by_hour;             // local hour 0..23 -> arrivals
};

// Needs: the center's time zone name for the hours (an unknown zone counts in UTC).
DaySummary summarize_day(std::span<const QueueBooking> bookings, core::Date day,
                         const std::string& time_zone);

// The day as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read Cyrillic, CRLF):
// one row per booking with id, code, ticket, channel, service, slot time, state, window,
// result, refusal reason, arrived/called/started/finished (local HH:MM:SS), waiting and
// service minutes. No personal data: no names, numbers or birth dates (the report leaves the
// desk). A cell starting with = + - @ is prefixed with ' (no formulas in spreadsheets).
// `header` gives the column titles (translated by the caller), 16 of them in that order
// (missing titles are left empty, extra ones dropped).
std::string day_csv(std::span<const QueueBooking> bookings, const std::string& time_zone,
                    const std::vector<std::string>& header);

}  // namespace cherha::desk
