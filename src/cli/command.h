// A subcommand of `cherha`: its name, what it accepts, and the function that runs it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::cli {

// Exit statuses: 0 success, 1 a negative answer (invalid number, mismatch, bad token),
// 2 usage errors (unknown command or option, missing argument, unreadable input file).
enum ExitStatus : int { kExitOk = 0, kExitNegative = 1, kExitUsage = 2 };

struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool json = false;
};

struct Command {
    std::vector<std::string> path;  // e.g. {"id", "check"}
    const char* synopsis;           // untranslated usage line, e.g. "id check NUMBER [--type T]"
    const char* summary;            // translatable one-line description (msgid)
    ArgumentSpec spec;
    int (*run)(const Arguments&, Io&);
};

// Every command `cherha` knows, in the order `cherha --help` lists them.
const std::vector<Command>& all_commands();

// Output helpers shared by the commands.
// A usage error: prints `message` (already translated) and returns kExitUsage.
int usage_error(Io& io, const std::string& code, const std::string& message);
// A negative answer (exit 1): "Refused: <sentence>", or with --json `doc` plus
// {"ok": false, "problem": {...}}.
int refused(Io& io, const core::Problem& problem, nlohmann::json doc = nlohmann::json::object());
// A Problem as JSON: {"code": ..., "params": {...}, "message": ...}.
nlohmann::json problem_json(const core::Problem& problem);
// Prints the JSON document (pretty, UTF-8, with a newline).
void print_json(Io& io, const nlohmann::json& document);
// Reads all of standard input, at most `max_bytes`; on overflow reports a usage error and
// returns nullopt.
std::optional<std::string> read_input(Io& io, size_t max_bytes);
// Reads a whole file of at most `max_bytes`; on failure reports a usage error naming the
// file and returns nullopt.
std::optional<std::string> read_file(Io& io, const std::string& path, size_t max_bytes);
// Parses a non-negative decimal integer no larger than `max`; nullopt otherwise.
std::optional<unsigned long long> parse_count(const std::string& text, unsigned long long max);
// The --today option as a date, or else today's date in the center's time zone (--time-zone,
// default Europe/Kyiv); nullopt (after reporting a usage error) when either option is wrong.
std::optional<core::Date> today_option(const Arguments& args, Io& io);

}  // namespace cherha::cli
