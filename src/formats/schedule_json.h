// The schedule file: a center's CenterSchedule as readable JSON (docs/schedule.md). The
// command line reads it (`cherha slots`), the server imports and exports it.
//
//   {"version": 1,                                   optional; only 1 is known
//    "time_zone": "Europe/Kyiv",
//    "weekly": {"mon": {"open": ["09:00-18:00"], "breaks": ["13:00-13:45"]}, ...,
//               "sun": {"open": []}},                all seven days; "breaks" optional
//    "closed_days": ["2026-12-25"],                  optional
//    "special_days": [{"date": "2026-12-31", "open": ["09:00-14:00"], "breaks": []}],
//                                                    optional; "breaks" optional
//    "windows": [{"id": "w1", "number": 1}],
//    "services": [{"id": "exam-theory", "name_uk": "...", "name_en": "...",
//                  "duration_minutes": 20, "windows": ["w1"],
//                  "retake_pause_days": 10}]}       retake_pause_days optional (or null)
//
// Reading is strict: every field has one type, unknown fields are refused (a misspelt
// "breaks" must not vanish), a field given twice is refused. Times are "HH:MM-HH:MM" with
// 00 <= HH <= 23 and 00 <= MM <= 59, and "24:00" allowed as an end; dates are
// "YYYY-MM-DD" calendar dates. Whether the hours, services and windows make sense is the
// core's validate_schedule() (center_schedule.h), which load_schedule_json() runs too.
//
// Paths in problems are JSON Pointers (RFC 6901) into the document, e.g.
// "/services/2/duration_minutes"; "/" is the document itself.
//
// Problems of the file (each param a string):
//   schedule_file.too_large      {bytes, max}       the text is over 1 MiB (1048576 bytes)
//   schedule_file.encoding       {line, column}     not UTF-8 (first bad byte); column counts
//                                                   characters, from 1
//   schedule_file.too_deep       {line, column, max}  arrays/objects nested deeper than max (16)
//   schedule_file.json           {line, column}     not JSON (empty text included); where the
//                                                   parser stopped (the end of the token it
//                                                   could not take)
//   schedule_file.duplicate_field {path}            the same field twice in one object
//   schedule_file.type           {path, expected}   expected: "object", "array", "string",
//                                                   "integer"
//   schedule_file.missing        {path}             a required field is absent
//   schedule_file.unknown_field  {path}
//   schedule_file.out_of_range   {path, value, min, max}  a number outside a 32-bit int
//                                                   (min -2147483648, max 2147483647), or
//                                                   beyond a double (1e400) wherever it is;
//                                                   the field's sense (e.g. a duration of
//                                                   1..1440) is checked by the core
//   schedule_file.text           {path, issue}      issue "control_character" (U+0000..U+001F
//                                                   or U+007F inside a string)
//   schedule_file.time           {path, value}      not "HH:MM-HH:MM" as above
//   schedule_file.date           {path, value}      not a "YYYY-MM-DD" calendar date
//   schedule_file.version        {value, supported} a "version" other than 1
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/center_schedule.h"
#include "core/common/problem.h"

namespace cherha::formats {

// The largest schedule file read, in bytes, and the deepest nesting of arrays and objects.
inline constexpr std::size_t kScheduleFileMaxBytes = 1024 * 1024;
inline constexpr int kScheduleFileMaxDepth = 16;

// The schedule written in `text`, or the first problem of the file (duplicate fields first,
// then the others in the order of the format: version, time_zone, weekly, closed_days,
// special_days, windows, services). Only the file's form is checked here, not the sense of the
// schedule (use load_schedule_json() or core::validate_schedule()). Needs: nothing; any bytes are
// accepted. Guarantees: never throws, never recurses on the input's nesting. Thread-safe, pure.
core::Result<core::CenterSchedule> parse_schedule_json(std::string_view text);

// A schedule file read and checked completely.
//   schedule: set when the file is well formed (even if the schedule is not valid)
//   problems: every problem of the file's form; when there is none, every problem
//             validate_schedule() finds. Empty means the schedule is ready to use.
struct ScheduleFileReading {
    std::optional<core::CenterSchedule> schedule;
    std::vector<core::Problem> problems;

    bool ok() const { return schedule.has_value() && problems.empty(); }
};

// Reads `text` and reports everything wrong with it at once: all form problems of the file
// (a problem that stops reading — too_large, encoding, too_deep, json — comes alone), or,
// when the form is right, all of validate_schedule()'s problems.
// Never throws. Thread-safe, pure (reads the system tz database).
ScheduleFileReading load_schedule_json(std::string_view text);

// `schedule` as a schedule file (pretty-printed UTF-8 JSON, fields in the order above,
// "version": 1, "breaks" and "retake_pause_days" only when present, ending with a newline).
// Round trip: parse_schedule_json(schedule_to_json(s)) == s for every schedule whose
// times lie in 00:00..24:00 with begin < 24:00, whose dates are calendar dates, whose
// strings are valid UTF-8 without control characters and whose integers fit 32 bits (every
// schedule validate_schedule() accepts, and many it refuses). Otherwise the text is still
// written (a bad time as "<n>min", invalid UTF-8 replaced by U+FFFD) but will not read back.
// Never throws. Thread-safe, pure.
std::string schedule_to_json(const core::CenterSchedule& schedule);

}  // namespace cherha::formats
