#include "desk/model/day_summary.h"

#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace cherha::desk {

namespace {

// The center's zone, or nullptr for UTC (an unknown zone or no tz database).
const date::time_zone* zone_of(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (...) {
        return nullptr;
    }
}

date::local_seconds local_time(const date::time_zone* zone, core::Instant at) {
    if (!zone) return date::local_seconds{at.time_since_epoch()};
    try {
        return zone->to_local(at);
    } catch (...) {
        return date::local_seconds{at.time_since_epoch()};
    }
}

// Minutes from `from` to `to`, when both are known and in that order.
std::optional<double> minutes_between(const std::optional<core::Instant>& from,
                                      const std::optional<core::Instant>& to) {
    if (!from || !to || *to < *from) return std::nullopt;
    return static_cast<double>((*to - *from).count()) / 60.0;
}

std::optional<double> waiting_minutes(const QueueBooking& b) {
    return minutes_between(b.arrived_at, b.called_at);
}
std::optional<double> service_minutes(const QueueBooking& b) {
    return minutes_between(b.started_at, b.finished_at);
}

DurationFigures figures_of(std::vector<double> values) {
    DurationFigures figures;
    figures.count = static_cast<int>(values.size());
    if (values.empty()) return figures;
    double sum = 0;
    for (double v : values) sum += v;
    figures.mean = sum / static_cast<double>(values.size());
    // Nearest rank: the ceil(0.9 n)-th smallest value.
    std::sort(values.begin(), values.end());
    const std::size_t rank = (9 * values.size() + 9) / 10;
    figures.p90 = values[rank - 1];
    return figures;
}

// Counts and the minutes to compute figures from, per group.
struct GroupTally {
    SummaryGroup group;
    std::vector<double> waiting;
    std::vector<double> service;

    void add(const QueueBooking& b, const std::optional<double>& wait,
             const std::optional<double>& serve) {
        ++group.by_state[b.state];
        ++group.total;
        if (wait) waiting.push_back(*wait);
        if (serve) service.push_back(*serve);
    }
    SummaryGroup finish() {
        group.waiting = figures_of(std::move(waiting));
        group.service = figures_of(std::move(service));
        return std::move(group);
    }
};

// ---- CSV ----

constexpr std::size_t kCsvColumns = 16;

// One RFC 4180 cell: a cell a spreadsheet would take for a formula gets a leading ', and a
// cell with a comma, quote or line break is quoted (quotes doubled).
std::string csv_cell(std::string_view text) {
    std::string cell;
    if (!text.empty() &&
        (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@'))
        cell += '\'';
    cell.append(text);
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_cell(cells[i]);
    }
    out += "\r\n";
}

std::string clock_time(const date::time_zone* zone, const std::optional<core::Instant>& at) {
    if (!at) return {};
    return date::format("%H:%M:%S", local_time(zone, *at));
}

// Minutes with one decimal and a '.', whatever the program's locale.
std::string minutes_text(const std::optional<double>& minutes) {
    if (!minutes) return {};
    char buffer[32];
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, *minutes, std::chars_format::fixed, 1);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

}  // namespace

DaySummary summarize_day(std::span<const QueueBooking> bookings, core::Date day,
                         const std::string& time_zone) {
    const date::time_zone* zone = zone_of(time_zone);
    GroupTally all;
    std::map<std::string, GroupTally> by_window;
    std::map<std::string, GroupTally> by_service;
    DaySummary summary;
    summary.day = day;
    for (const QueueBooking& b : bookings) {
        const auto wait = waiting_minutes(b);
        const auto serve = service_minutes(b);
        all.add(b, wait, serve);
        by_window[b.window_id].add(b, wait, serve);
        by_service[b.service_id].add(b, wait, serve);
        if (b.arrived_at) {
            const auto local = local_time(zone, *b.arrived_at);
            const auto hour =
                date::floor<std::chrono::hours>(local - date::floor<date::days>(local));
            ++summary.arrivals_by_hour[static_cast<int>(hour.count())];
        }
    }
    summary.all = all.finish();
    for (auto& [id, tally] : by_window) summary.by_window[id] = tally.finish();
    for (auto& [id, tally] : by_service) summary.by_service[id] = tally.finish();
    return summary;
}

std::string day_csv(std::span<const QueueBooking> bookings, const std::string& time_zone,
                    const std::vector<std::string>& header) {
    const date::time_zone* zone = zone_of(time_zone);
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> titles = header;
    titles.resize(kCsvColumns);  // a short header gets empty titles; a long one is cut
    append_row(out, titles);
    for (const QueueBooking& b : bookings) {
        std::string slot = b.time;
        if (slot.empty() && b.start.time_since_epoch().count() != 0)
            slot = date::format("%H:%M", local_time(zone, b.start));
        append_row(
            out,
            {
                std::to_string(b.id),
                b.code,
                b.ticket_display,
                std::string(core::booking_channel_id(b.channel)),
                b.service_id,
                slot,
                std::string(core::booking_state_id(b.state)),
                b.window_id,
                b.result ? std::string(core::service_result_id(*b.result)) : "",
                b.refusal_reason ? std::string(core::refusal_reason_id(*b.refusal_reason)) : "",
                clock_time(zone, b.arrived_at),
                clock_time(zone, b.called_at),
                clock_time(zone, b.started_at),
                clock_time(zone, b.finished_at),
                minutes_text(waiting_minutes(b)),
                minutes_text(service_minutes(b)),
            });
    }
    return out;
}

}  // namespace cherha::desk
