// What the commands that work on a center's data directory share: the --data option, opening
// the store, the current moment, reading a password, and a plain text table.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/calendar/center_schedule.h"
#include "core/common/civil.h"
#include "store/sqlite_store.h"

namespace cherha::cli {

// The data directory: --data DIR, or center::default_data_dir().
std::filesystem::path data_dir_option(const Arguments& args);

// Opens the store of the data directory. With `create`, makes the directory (mode 0700) and the
// database when missing; without, a directory without a database is refused as
// center.not_initialised (so a mistyped --data never leaves an empty database behind).
// On failure reports it (exit 1) and returns nullptr with `status` set.
std::unique_ptr<store::SqliteStore> open_center_store(Io& io, const Arguments& args, bool create,
                                                      int& status);

// "YYYY-MM-DDTHH:MM[:SS]" + "Z" or "+HH:MM"/"-HH:MM" -> the instant; nullopt otherwise.
std::optional<core::Instant> parse_instant(std::string_view text);

// --now as an instant, or the system clock; nullopt (after a usage error) when --now is bad.
std::optional<core::Instant> now_option(const Arguments& args, Io& io);

// The system clock, to the second.
core::Instant system_now();

// "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_text(core::Instant at);

// Reads a new password from standard input: from a terminal twice without echo (prompts on
// the error stream) until both agree; from a pipe or file, the first line (without its line
// end). Never from the command line. On failure reports it and returns nullopt (`status`
// set: 2 for no input, 1 when the two entries differ).
std::optional<std::string> read_new_password(Io& io, int& status);

// Prints rows as left-aligned columns (two spaces apart), the first row being the header.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

// Reads and checks a schedule file (formats/schedule_json.h). On failure reports it (every
// problem of the file: exit 1; an unreadable file: exit 2) and returns nullopt.
std::optional<core::CenterSchedule> load_schedule_file(Io& io, const std::string& path,
                                                       int& status);

// The usage line "Usage: cherha <synopsis>" as a usage error (exit 2).
int usage(Io& io, const char* synopsis);

}  // namespace cherha::cli
