// cherha slots --schedule FILE --day YYYY-MM-DD [--service ID] [--now INSTANT]: the slots a
// schedule file gives on one day, per service, and with --now which of them can be booked
// online or registered at the terminal at that moment (and why not).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <system_error>

#include <date/date.h>

#include "cli/center_command.h"
#include "cli/command.h"
#include "cli/commands.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_time.h"
#include "core/calendar/slot_calendar.h"
#include "formats/schedule_json.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

using core::Instant;
using core::Problem;
using core::Slot;

constexpr const char* kSynopsis =
    "slots --schedule FILE --day YYYY-MM-DD [--service ID] [--now YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM)]";

// --- Arguments ----------------------------------------------------------------------------------

bool year_supported(core::Date day) {
    return day.year() >= date::year{1900} && day.year() <= date::year{9999};
}

// The file's text, at most one byte over the limit (so the reader can refuse it), or nullopt
// when it cannot be read. `size` is the file's full size when known.
std::optional<std::string> read_schedule_file(const std::string& path, std::uintmax_t& size) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return std::nullopt;
    size = std::filesystem::file_size(path, ec);
    if (ec) size = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text;
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > formats::kScheduleFileMaxBytes) break;
    }
    if (in.bad()) return std::nullopt;
    return text;
}

// --- Words and cells ----------------------------------------------------------------------------

const char* weekday_id(core::Date day) {
    static constexpr const char* kIds[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return kIds[date::weekday{date::sys_days{day}}.iso_encoding() - 1];
}

std::string utc_text(Instant t) {
    return date::format("%Y-%m-%dT%H:%M:%SZ", t);
}

// "HH:MM" of a slot's local time on `day`; a slot ending at the next midnight ends "24:00".
std::string local_clock(core::LocalTime t, core::Date day) {
    const auto midnight = date::local_days{day};
    if (t - midnight == std::chrono::hours{24}) return "24:00";
    return date::format("%H:%M", t);
}

// "2026-08-21T06:00:00+03:00" -> "2026-08-21 06:00"; "HH:MM" alone when on `day`.
std::string short_instant(const std::string& local_instant, core::Date day) {
    if (local_instant.size() < 16) return local_instant;
    if (local_instant.compare(0, 10, core::format_iso_date(day)) == 0)
        return local_instant.substr(11, 5);
    return local_instant.substr(0, 10) + " " + local_instant.substr(11, 5);
}

// The table cell saying whether a slot is open on one channel, and why not.
// TRANSLATORS: the cells of the "Online" and "Terminal" columns of `cherha slots`; keep
// them short. {time} is "HH:MM" or "YYYY-MM-DD HH:MM" in the center's local time.
std::string status_cell(const std::optional<Problem>& problem, core::Date day) {
    if (!problem) return tr("yes");
    const auto& code = problem->code;
    if (code == "online.too_late")
        return fill(tr("no: closed at {time}"),
                    {{"time", short_instant(problem->param("closes_at"), day)}});
    if (code == "online.day_not_open_yet")
        return fill(tr("no: opens {time}"),
                    {{"time", short_instant(problem->param("opens_at"), day)}});
    if (code == "online.day_in_past") return tr("no: the day has passed");
    if (code == "terminal.not_today") return tr("no: not today");
    if (code == "terminal.slot_passed") return tr("no: the slot has ended");
    return std::string(tr("no:")) + " " + describe_problem(*problem);
}

// Width of `text` on a terminal: one column per character (Latin and Cyrillic alike).
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));
    }
    for (const auto& row : rows) {
        std::string line = "  ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line.append(widths[c] - display_width(row[c]) + 2, ' ');
        }
        out << line << "\n";
    }
}

// --- The command --------------------------------------------------------------------------------

int report_invalid_schedule(Io& io, const std::string& file, const std::vector<Problem>& problems) {
    if (io.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : problems) list.push_back(problem_json(p));
        print_json(io, {{"ok", false},
                        {"error", "schedule_file.invalid"},
                        {"file", file},
                        {"problems", list}});
    } else {
        const auto n = problems.size();
        io.out << fill(trn("The schedule file {file} has {count} problem:",
                           "The schedule file {file} has {count} problems:", n),
                       {{"file", file}, {"count", std::to_string(n)}})
               << "\n";
        for (const auto& p : problems) io.out << "  - " << describe_problem(p) << "\n";
    }
    return kExitNegative;
}

struct Moment {
    Instant now;
    core::BookableDays online_days;
};

nlohmann::json channel_json(const std::optional<Problem>& problem) {
    if (!problem) return {{"bookable", true}};
    return {{"bookable", false}, {"problem", problem_json(*problem)}};
}

int run_slots(const Arguments& args, Io& io) {
    if (!args.positional.empty())
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha " + kSynopsis);
    const auto file = args.option("schedule");
    if (!file)
        return usage_error(io, "usage.missing_option",
                           fill(tr("Option {option} is required."), {{"option", "--schedule"}}) +
                               " " + tr("Usage:") + " cherha " + kSynopsis);
    const auto day_text = args.option("day");
    if (!day_text)
        return usage_error(io, "usage.missing_option",
                           fill(tr("Option {option} is required."), {{"option", "--day"}}) + " " +
                               tr("Usage:") + " cherha " + kSynopsis);
    const auto day = core::parse_iso_date(*day_text);
    if (!day || !year_supported(*day))
        return usage_error(
            io, "usage.bad_date",
            fill(tr("\"{value}\" is not a date of the form YYYY-MM-DD."), {{"value", *day_text}}));
    std::optional<Instant> now;
    if (auto now_text = args.option("now")) {
        now = parse_instant(*now_text);
        if (!now || !core::instant_in_supported_range(*now))
            return usage_error(io, "usage.bad_instant",
                               fill(tr("\"{value}\" is not a moment of the form "
                                       "YYYY-MM-DDTHH:MM:SS+03:00 (or ending in Z for UTC)."),
                                    {{"value", *now_text}}));
    }

    std::uintmax_t file_size = 0;
    const auto text = read_schedule_file(*file, file_size);
    if (!text)
        return usage_error(io, "usage.unreadable_file",
                           fill(tr("Cannot read the file {file}."), {{"file", *file}}));
    if (text->size() > formats::kScheduleFileMaxBytes) {
        const auto bytes = std::max<std::uintmax_t>(file_size, text->size());
        return report_invalid_schedule(
            io, *file,
            {Problem("schedule_file.too_large",
                     {{"bytes", std::to_string(bytes)},
                      {"max", std::to_string(formats::kScheduleFileMaxBytes)}})});
    }
    const auto reading = formats::load_schedule_json(*text);
    if (!reading.ok()) return report_invalid_schedule(io, *file, reading.problems);
    const core::CenterSchedule& schedule = *reading.schedule;

    std::vector<const core::Service*> services;
    if (auto wanted = args.option("service")) {
        const core::Service* service = core::find_service(schedule, *wanted);
        if (!service)
            return usage_error(
                io, "slots.unknown_service",
                describe_problem(Problem("slots.unknown_service", {{"service", *wanted}})));
        services.push_back(service);
    } else {
        for (const auto& s : schedule.services) services.push_back(&s);
    }

    auto zone = core::locate_center_zone(schedule.time_zone);
    if (!zone) return report_invalid_schedule(io, *file, {zone.problem()});
    const core::BookingRules rules;
    std::optional<Moment> moment;
    if (now) {
        auto days = core::online_bookable_days(*now, **zone, rules);
        if (!days) return report_invalid_schedule(io, *file, {days.problem()});
        moment = Moment{*now, *days};
    }

    const bool english = active_language() == Language::English;
    const bool closed = core::hours_on(schedule, *day).opening.empty();
    const std::string day_id = core::format_iso_date(*day);

    nlohmann::json doc{{"ok", true},
                       {"day", day_id},
                       {"weekday", weekday_id(*day)},
                       {"time_zone", schedule.time_zone},
                       {"closed", closed}};
    if (moment) {
        doc["now"] = core::format_local_instant(moment->now, **zone);
        doc["online_bookable_days"] = {{"first", core::format_iso_date(moment->online_days.first)},
                                       {"last", core::format_iso_date(moment->online_days.last)}};
    }
    if (!io.json) {
        io.out << fill(tr("{day} ({weekday}), time zone {time_zone}"),
                       {{"day", day_id},
                        {"weekday", describe_value(weekday_id(*day))},
                        {"time_zone", schedule.time_zone}})
               << "\n";
        if (moment) {
            io.out << fill(tr("Now: {now}. Online booking reaches {first} to {last}."),
                           {{"now", core::format_local_instant(moment->now, **zone)},
                            {"first", core::format_iso_date(moment->online_days.first)},
                            {"last", core::format_iso_date(moment->online_days.last)}})
                   << "\n";
        }
        if (closed) {
            const bool holiday = std::find(schedule.closed_days.begin(), schedule.closed_days.end(),
                                           *day) != schedule.closed_days.end();
            io.out << (holiday ? tr("The center is closed: this is one of its closed days.")
                               : tr("The center is closed on this day."))
                   << "\n";
        }
    }

    nlohmann::json services_json = nlohmann::json::array();
    for (const core::Service* service : services) {
        auto slots = core::generate_slots(schedule, *service, *day);
        if (!slots) return report_invalid_schedule(io, *file, {slots.problem()});
        const std::string& name = english ? service->name_en : service->name_uk;
        nlohmann::json slots_json = nlohmann::json::array();
        std::vector<std::vector<std::string>> rows;
        {
            std::vector<std::string> header{tr("Time"), tr("Places"), tr("Start (UTC)")};
            if (moment) {
                header.emplace_back(tr("Online"));
                header.emplace_back(tr("Terminal"));
            }
            rows.push_back(std::move(header));
        }
        // On a day the clocks change, a local time can repeat: show each slot's UTC offset.
        const auto offset_of = [&](const Slot& slot) {
            return core::format_local_instant(slot.start, **zone).substr(19);
        };
        const bool offsets_differ = std::any_of(
            slots->begin(), slots->end(),
            [&](const Slot& slot) { return offset_of(slot) != offset_of(slots->front()); });
        for (const Slot& slot : *slots) {
            const std::string start = local_clock(slot.local_start, *day);
            const std::string end = local_clock(slot.local_end, *day);
            nlohmann::json s{{"start_local", start},
                             {"end_local", end},
                             {"start", core::format_local_instant(slot.start, **zone)},
                             {"start_utc", utc_text(slot.start)},
                             {"end_utc", utc_text(slot.end)},
                             {"capacity", slot.capacity}};
            std::string time = start + "–" + end;
            if (offsets_differ) time += " (UTC" + offset_of(slot) + ")";
            std::vector<std::string> row{time, std::to_string(slot.capacity), utc_text(slot.start)};
            if (moment) {
                const auto online = core::check_online_booking(slot, moment->now, **zone, rules);
                const auto terminal = core::check_terminal_registration(slot, moment->now, **zone);
                s["online"] = channel_json(online);
                s["terminal"] = channel_json(terminal);
                row.push_back(status_cell(online, *day));
                row.push_back(status_cell(terminal, *day));
            }
            slots_json.push_back(std::move(s));
            rows.push_back(std::move(row));
        }
        services_json.push_back({{"id", service->id},
                                 {"name", name},
                                 {"duration_minutes", service->duration.count()},
                                 {"slot_count", slots->size()},
                                 {"slots", std::move(slots_json)}});
        if (io.json) continue;
        const auto n = slots->size();
        io.out << "\n"
               << fill(tr("{name} ({id}), {minutes} min"),
                       {{"name", name},
                        {"id", service->id},
                        {"minutes", std::to_string(service->duration.count())}})
               << ": "
               << fill(trn("{count} slot", "{count} slots", n), {{"count", std::to_string(n)}})
               << "\n";
        if (n > 0) print_table(io.out, rows);
    }
    doc["services"] = std::move(services_json);
    if (io.json) print_json(io, doc);
    return kExitOk;
}

}  // namespace

Command slots_command() {
    return {{"slots"},
            kSynopsis,
            N_("Show the slots a schedule file gives on a day, per service; with --now, which "
               "can be booked online or at the terminal at that moment."),
            {{"schedule", "day", "service", "now"}, {}},
            run_slots};
}

}  // namespace cherha::cli
