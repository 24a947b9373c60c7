#include "cli/center_command.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>
#include <system_error>

#include <date/date.h>

#include "center/data_dir.h"
#include "core/auth/password_hash.h"
#include "formats/schedule_json.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem

namespace fs = std::filesystem;

fs::path data_dir_option(const Arguments& args) {
    if (auto dir = args.option("data")) return fs::path(*dir);
    return center::default_data_dir();
}

std::unique_ptr<store::SqliteStore> open_center_store(Io& io, const Arguments& args, bool create,
                                                      int& status) {
    const fs::path dir = data_dir_option(args);
    const fs::path db = center::database_path(dir);
    if (dir.empty()) {  // never a database in whatever the working directory is
        status =
            refused(io, core::Problem("data_dir.invalid", {{"path", ""}, {"reason", "empty"}}));
        return nullptr;
    }
    if (create) {
        if (auto problem = center::ensure_data_dir(dir)) {
            status = refused(io, *problem);
            return nullptr;
        }
    } else {
        std::error_code ec;
        if (!fs::is_regular_file(db, ec)) {
            status =
                refused(io, core::Problem("center.not_initialised"), {{"data_dir", dir.string()}});
            if (!io.json)
                io.out << fill(tr("No center database in {dir}: run \"cherha init --data {dir}\" "
                                  "first, or give the right --data DIR."),
                               {{"dir", dir.string()}})
                       << "\n";
            return nullptr;
        }
    }
    auto store = store::SqliteStore::open(db.string());
    if (!store) {
        status = refused(io, store.problem(), {{"database", db.string()}});
        return nullptr;
    }
    return std::move(store).value();
}

// "YYYY-MM-DDTHH:MM[:SS]" followed by "Z" or "+HH:MM" / "-HH:MM": the instant it names.
std::optional<core::Instant> parse_instant(std::string_view text) {
    const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > text.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    if (text.size() < 17 || text[10] != 'T') return std::nullopt;
    const auto day = core::parse_iso_date(text.substr(0, 10));
    const auto hours = digits(11, 2), minutes = digits(14, 2);
    if (!day || !hours || !minutes || text[13] != ':' || *hours > 23 || *minutes > 59)
        return std::nullopt;
    std::size_t at = 16;
    int seconds = 0;
    if (text[at] == ':') {
        auto s = digits(at + 1, 2);
        if (!s || *s > 59) return std::nullopt;
        seconds = *s;
        at += 3;
    }
    int offset_minutes = 0;
    const std::string_view zone = text.substr(at);
    if (zone != "Z") {
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':')
            return std::nullopt;
        auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
        if (!oh || !om || *oh > 18 || *om > 59) return std::nullopt;
        offset_minutes = (*oh * 60 + *om) * (zone[0] == '-' ? -1 : 1);
    }
    if (day->year() < date::year{1900} || day->year() > date::year{9999}) return std::nullopt;
    const auto local = date::sys_days{*day} + std::chrono::hours{*hours} +
                       std::chrono::minutes{*minutes} + std::chrono::seconds{seconds};
    return core::Instant{local - std::chrono::minutes{offset_minutes}};
}

std::optional<core::Instant> now_option(const Arguments& args, Io& io) {
    if (auto text = args.option("now")) {
        auto at = parse_instant(*text);
        if (!at)
            usage_error(io, "usage.bad_instant",
                        fill(tr("\"{value}\" is not a moment of the form "
                                "YYYY-MM-DDTHH:MM:SS+03:00 (or ending in Z for UTC)."),
                             {{"value", *text}}));
        return at;
    }
    return system_now();
}

core::Instant system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string utc_text(core::Instant at) {
    return date::format("%Y-%m-%dT%H:%M:%SZ", at);
}

namespace {

// One line of standard input without its line end; nullopt at the end of input.
std::optional<std::string> read_line(std::istream& in) {
    std::string line;
    if (!std::getline(in, line)) {
        if (line.empty()) return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Reads a line from the terminal without echoing it.
std::optional<std::string> read_hidden(Io& io, const char* prompt) {
    io.err << prompt << std::flush;
    termios saved{};
    const bool have_terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (have_terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    auto line = read_line(io.in);
    if (have_terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    io.err << "\n";
    return line;
}

}  // namespace

std::optional<std::string> read_new_password(Io& io, int& status) {
    const bool terminal = &io.in == &std::cin && ::isatty(STDIN_FILENO) == 1;
    std::optional<std::string> password;
    if (terminal) {
        password = read_hidden(io, tr("New password (at least 10 characters): "));
        if (password) {
            auto again = read_hidden(io, tr("Repeat the new password: "));
            if (!again || *again != *password) {
                status = kExitNegative;
                if (io.json)
                    print_json(io, {{"ok", false}, {"error", "password.mismatch"}});
                else
                    io.out << tr("Refused:") << " "
                           << tr("The two passwords differ; nothing was changed.") << "\n";
                return std::nullopt;
            }
        }
    } else {
        password = read_line(io.in);
    }
    if (!password) {
        status = usage_error(io, "usage.no_password",
                             tr("Give the password on standard input, for example through a "
                                "pipe; it is never taken from the command line."));
        return std::nullopt;
    }
    return password;
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    const auto width = [](const std::string& text) {
        return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    };
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
    }
    for (const auto& row : rows) {
        std::string line = "  ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line.append(widths[c] - width(row[c]) + 2, ' ');
        }
        out << line << "\n";
    }
}

std::optional<core::CenterSchedule> load_schedule_file(Io& io, const std::string& path,
                                                       int& status) {
    auto text = read_file(io, path, formats::kScheduleFileMaxBytes);
    if (!text) {
        status = kExitUsage;
        return std::nullopt;
    }
    auto reading = formats::load_schedule_json(*text);
    if (reading.ok()) return std::move(*reading.schedule);
    status = kExitNegative;
    if (io.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : reading.problems) list.push_back(problem_json(p));
        print_json(io, {{"ok", false},
                        {"error", "schedule_file.invalid"},
                        {"file", path},
                        {"problems", list}});
    } else {
        const auto n = reading.problems.size();
        io.out << fill(trn("The schedule file {file} has {count} problem:",
                           "The schedule file {file} has {count} problems:", n),
                       {{"file", path}, {"count", std::to_string(n)}})
               << "\n";
        for (const auto& p : reading.problems) io.out << "  - " << describe_problem(p) << "\n";
    }
    return std::nullopt;
}

int usage(Io& io, const char* synopsis) {
    return usage_error(io, "usage.arguments", std::string(tr("Usage:")) + " cherha " + synopsis);
}

}  // namespace cherha::cli
