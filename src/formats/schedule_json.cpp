#include "formats/schedule_json.h"

#include <array>
#include <climits>
#include <exception>
#include <functional>
#include <initializer_list>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/common/utf8.h"
#include "formats/json_nesting.h"

namespace cherha::formats {

namespace {

using core::CenterSchedule;
using core::DayHours;
using core::Problem;
using core::WallClockInterval;
using nlohmann::json;
using Params = std::vector<std::pair<std::string, std::string>>;

constexpr std::array<const char*, 7> kWeekdayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kFormatVersion = 1;

// --- Where a byte offset is -------------------------------------------------------------

// Line (from 1) and column (characters from 1) of byte `offset` of `text`. Counts a UTF-8
// lead byte or a lone byte as one character.
Params line_and_column(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {{"line", std::to_string(line)}, {"column", std::to_string(column)}};
}

// The problems that stop reading before the JSON parser sees the text: size, encoding and
// nesting depth (counted outside strings, so the parser and the reader never go deep).
std::optional<Problem> precheck(std::string_view text) {
    if (text.size() > kScheduleFileMaxBytes)
        return Problem("schedule_file.too_large", {{"bytes", std::to_string(text.size())},
                                                   {"max", std::to_string(kScheduleFileMaxBytes)}});
    for (std::size_t i = 0; i < text.size();) {
        const core::DecodedChar decoded = core::decode_utf8_char(text, i);
        if (!decoded.valid) return Problem("schedule_file.encoding", line_and_column(text, i));
        i += decoded.bytes;
    }
    if (auto at = first_too_deep(text, kScheduleFileMaxDepth)) {
        auto params = line_and_column(text, *at);
        params.emplace_back("max", std::to_string(kScheduleFileMaxDepth));
        return Problem("schedule_file.too_deep", std::move(params));
    }
    return std::nullopt;
}

// --- Paths --------------------------------------------------------------------------------

// A JSON Pointer token: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string child(const std::string& path, std::string_view key) {
    return path + "/" + pointer_token(key);
}

std::string child(const std::string& path, std::size_t index) {
    return path + "/" + std::to_string(index);
}

// The root is "" internally and "/" in problems.
std::string shown(const std::string& path) {
    return path.empty() ? "/" : path;
}

// --- Parsing with duplicate-key detection ----------------------------------------------------

// Follows the parser's events to know the path of each key and to find keys given twice
// (nlohmann::json keeps the last silently).
class DuplicateKeyWatch {
  public:
    explicit DuplicateKeyWatch(std::vector<Problem>& problems) : problems_(problems) {}

    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start:
                frames_.push_back({event == json::parse_event_t::object_start, {}, {}, 0});
                break;
            case json::parse_event_t::key:
                if (!frames_.empty() && parsed.is_string()) {
                    auto& top = frames_.back();
                    top.key = parsed.get_ref<const std::string&>();
                    if (!top.keys.insert(top.key).second)
                        problems_.emplace_back("schedule_file.duplicate_field",
                                               Params{{"path", current_path()}});
                }
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!frames_.empty()) frames_.pop_back();
                element_done();
                break;
            case json::parse_event_t::value:
                element_done();
                break;
        }
        return true;
    }

    // The JSON Pointer of the value being read.
    std::string current_path() const {
        std::string path;
        for (const auto& f : frames_) path = f.object ? child(path, f.key) : child(path, f.index);
        return path;
    }

  private:
    struct Frame {
        bool object;
        std::string key;
        std::set<std::string> keys;
        std::size_t index;
    };

    void element_done() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }

    std::vector<Problem>& problems_;
    std::vector<Frame> frames_;
};

// --- Reading the document ----------------------------------------------------------------

// Reads the parsed document into a CenterSchedule, collecting every form problem.
class ScheduleReader {
  public:
    std::vector<Problem> problems;

    CenterSchedule read(const json& root) {
        CenterSchedule schedule;
        if (!object(root, "",
                    {"version", "time_zone", "weekly", "closed_days", "special_days", "windows",
                     "services"}))
            return schedule;
        if (const json* v = field(root, "", "version", false)) {
            if (auto n = integer(*v, "/version"); n && *n != kFormatVersion)
                problems.emplace_back("schedule_file.version",
                                      Params{{"value", std::to_string(*n)},
                                             {"supported", std::to_string(kFormatVersion)}});
        }
        if (const json* v = field(root, "", "time_zone", true)) {
            if (auto s = string(*v, "/time_zone")) schedule.time_zone = *s;
        }
        if (const json* v = field(root, "", "weekly", true)) read_weekly(*v, schedule);
        if (const json* v = field(root, "", "closed_days", false)) {
            for_each(*v, "/closed_days", [&](const json& item, const std::string& path) {
                if (auto d = date(item, path)) schedule.closed_days.push_back(*d);
            });
        }
        if (const json* v = field(root, "", "special_days", false)) {
            for_each(*v, "/special_days", [&](const json& item, const std::string& path) {
                core::SpecialDay special;
                if (!object(item, path, {"date", "open", "breaks"})) return;
                if (const json* d = field(item, path, "date", true)) {
                    if (auto parsed = date(*d, child(path, "date"))) special.date = *parsed;
                }
                special.hours = day_hours_fields(item, path);
                schedule.special_days.push_back(std::move(special));
            });
        }
        if (const json* v = field(root, "", "windows", true)) {
            for_each(*v, "/windows", [&](const json& item, const std::string& path) {
                core::ServiceWindow window;
                if (!object(item, path, {"id", "number"})) return;
                if (const json* f = field(item, path, "id", true)) {
                    if (auto s = string(*f, child(path, "id"))) window.id = *s;
                }
                if (const json* f = field(item, path, "number", true)) {
                    if (auto n = integer(*f, child(path, "number"))) window.number = *n;
                }
                schedule.windows.push_back(std::move(window));
            });
        }
        if (const json* v = field(root, "", "services", true)) {
            for_each(*v, "/services", [&](const json& item, const std::string& path) {
                if (auto service = read_service(item, path))
                    schedule.services.push_back(std::move(*service));
            });
        }
        return schedule;
    }

  private:
    // Whether `v` is an object; reports each field not in `known`.
    bool object(const json& v, const std::string& path,
                std::initializer_list<std::string_view> known) {
        if (!v.is_object()) {
            type_problem(path, "object");
            return false;
        }
        for (const auto& [key, value] : v.items()) {
            bool is_known = false;
            for (auto k : known) is_known = is_known || k == key;
            if (!is_known)
                problems.emplace_back("schedule_file.unknown_field",
                                      Params{{"path", child(path, key)}});
        }
        return true;
    }

    // The field `name` of object `obj`, or nullptr (reported when required).
    const json* field(const json& obj, const std::string& path, const char* name, bool required) {
        auto it = obj.find(name);
        if (it == obj.end()) {
            if (required)
                problems.emplace_back("schedule_file.missing", Params{{"path", child(path, name)}});
            return nullptr;
        }
        return &*it;
    }

    void type_problem(const std::string& path, const char* expected) {
        problems.emplace_back("schedule_file.type",
                              Params{{"path", shown(path)}, {"expected", expected}});
    }

    template <class Each>
    void for_each(const json& v, const std::string& path, Each each) {
        if (!v.is_array()) {
            type_problem(path, "array");
            return;
        }
        for (std::size_t i = 0; i < v.size(); ++i) each(v[i], child(path, i));
    }

    std::optional<std::string> string(const json& v, const std::string& path) {
        if (!v.is_string()) {
            type_problem(path, "string");
            return std::nullopt;
        }
        const auto& s = v.get_ref<const std::string&>();
        for (char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                problems.emplace_back("schedule_file.text",
                                      Params{{"path", path}, {"issue", "control_character"}});
                return std::nullopt;
            }
        }
        return s;
    }

    std::optional<int> integer(const json& v, const std::string& path) {
        if (!v.is_number_integer()) {
            type_problem(path, "integer");
            return std::nullopt;
        }
        const auto out_of_range = [&](const std::string& value) {
            problems.emplace_back("schedule_file.out_of_range",
                                  Params{{"path", path},
                                         {"value", value},
                                         {"min", std::to_string(INT_MIN)},
                                         {"max", std::to_string(INT_MAX)}});
            return std::nullopt;
        };
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(INT_MAX)) return out_of_range(std::to_string(u));
            return static_cast<int>(u);
        }
        const auto n = v.get<std::int64_t>();
        if (n < INT_MIN || n > INT_MAX) return out_of_range(std::to_string(n));
        return static_cast<int>(n);
    }

    std::optional<core::Date> date(const json& v, const std::string& path) {
        auto s = string(v, path);
        if (!s) return std::nullopt;
        auto d = core::parse_iso_date(*s);
        if (!d) problems.emplace_back("schedule_file.date", Params{{"path", path}, {"value", *s}});
        return d;
    }

    // "HH:MM" at text[at..at+5) as minutes from midnight; 24:00 only when `end`.
    static std::optional<int> time_of_day(std::string_view text, std::size_t at, bool end) {
        const auto digit = [&](std::size_t k) -> int {
            const char c = text[at + k];
            return c >= '0' && c <= '9' ? c - '0' : -1;
        };
        if (text[at + 2] != ':') return std::nullopt;
        const int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
        if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
        const int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
        if (end && hours == 24 && minutes == 0) return 24 * 60;
        if (hours > 23 || minutes > 59) return std::nullopt;
        return hours * 60 + minutes;
    }

    std::optional<WallClockInterval> interval(const json& v, const std::string& path) {
        auto s = string(v, path);
        if (!s) return std::nullopt;
        std::optional<int> begin, end;
        if (s->size() == 11 && (*s)[5] == '-') {
            begin = time_of_day(*s, 0, false);
            end = time_of_day(*s, 6, true);
        }
        if (!begin || !end) {
            problems.emplace_back("schedule_file.time", Params{{"path", path}, {"value", *s}});
            return std::nullopt;
        }
        return WallClockInterval{std::chrono::minutes{*begin}, std::chrono::minutes{*end}};
    }

    std::vector<WallClockInterval> intervals(const json& v, const std::string& path) {
        std::vector<WallClockInterval> out;
        for_each(v, path, [&](const json& item, const std::string& item_path) {
            if (auto i = interval(item, item_path)) out.push_back(*i);
        });
        return out;
    }

    // The "open" and "breaks" fields of an object already checked for unknown fields.
    DayHours day_hours_fields(const json& obj, const std::string& path) {
        DayHours hours;
        if (const json* open = field(obj, path, "open", true))
            hours.opening = intervals(*open, child(path, "open"));
        if (const json* breaks = field(obj, path, "breaks", false))
            hours.breaks = intervals(*breaks, child(path, "breaks"));
        return hours;
    }

    void read_weekly(const json& v, CenterSchedule& schedule) {
        const std::string path = "/weekly";
        if (!object(v, path, {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})) return;
        for (std::size_t d = 0; d < kWeekdayKeys.size(); ++d) {
            const json* day = field(v, path, kWeekdayKeys[d], true);
            if (!day) continue;
            const std::string day_path = child(path, kWeekdayKeys[d]);
            if (object(*day, day_path, {"open", "breaks"}))
                schedule.weekly[d] = day_hours_fields(*day, day_path);
        }
    }

    std::optional<core::Service> read_service(const json& item, const std::string& path) {
        core::Service service;
        if (!object(
                item, path,
                {"id", "name_uk", "name_en", "duration_minutes", "windows", "retake_pause_days"}))
            return std::nullopt;
        if (const json* f = field(item, path, "id", true)) {
            if (auto s = string(*f, child(path, "id"))) service.id = *s;
        }
        if (const json* f = field(item, path, "name_uk", true)) {
            if (auto s = string(*f, child(path, "name_uk"))) service.name_uk = *s;
        }
        if (const json* f = field(item, path, "name_en", true)) {
            if (auto s = string(*f, child(path, "name_en"))) service.name_en = *s;
        }
        if (const json* f = field(item, path, "duration_minutes", true)) {
            if (auto n = integer(*f, child(path, "duration_minutes")))
                service.duration = std::chrono::minutes{*n};
        }
        if (const json* f = field(item, path, "windows", true)) {
            for_each(*f, child(path, "windows"), [&](const json& w, const std::string& w_path) {
                if (auto s = string(w, w_path)) service.window_ids.push_back(*s);
            });
        }
        if (const json* f = field(item, path, "retake_pause_days", false); f && !f->is_null()) {
            if (auto n = integer(*f, child(path, "retake_pause_days")))
                service.retake_pause_days = *n;
        }
        return service;
    }
};

// Reads `text` collecting every form problem; the schedule only when there is none.
ScheduleFileReading read_form(std::string_view text) {
    ScheduleFileReading reading;
    if (auto stop = precheck(text)) {
        reading.problems.push_back(std::move(*stop));
        return reading;
    }
    std::vector<Problem> duplicates;
    DuplicateKeyWatch watch(duplicates);
    json document;
    try {
        document = json::parse(text.begin(), text.end(), std::ref(watch), true, false);
    } catch (const json::parse_error& e) {
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        reading.problems.emplace_back("schedule_file.json", line_and_column(text, offset));
        return reading;
    } catch (const json::out_of_range& e) {
        // A number beyond a double (1e400): the parser names it but not where it is.
        const std::string what = e.what();
        const auto open = what.find('\'');
        const auto close = what.rfind('\'');
        std::string value;
        if (open != std::string::npos && close > open)
            value = what.substr(open + 1, close - open - 1);
        reading.problems.emplace_back("schedule_file.out_of_range",
                                      Params{{"path", shown(watch.current_path())},
                                             {"value", value},
                                             {"min", std::to_string(INT_MIN)},
                                             {"max", std::to_string(INT_MAX)}});
        return reading;
    } catch (const std::exception&) {
        reading.problems.emplace_back("schedule_file.json", line_and_column(text, 0));
        return reading;
    }
    try {
        ScheduleReader reader;
        reader.problems = std::move(duplicates);
        CenterSchedule schedule = reader.read(document);
        reading.problems = std::move(reader.problems);
        if (reading.problems.empty()) reading.schedule = std::move(schedule);
    } catch (const std::exception&) {
        // Not expected: every access above is checked. Refuse rather than crash.
        reading.problems.emplace_back("schedule_file.json", line_and_column(text, 0));
    }
    return reading;
}

// --- Writing ---------------------------------------------------------------------------------

nlohmann::ordered_json intervals_json(const std::vector<WallClockInterval>& intervals) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& i : intervals) out.push_back(core::format_interval(i));
    return out;
}

void put_hours(nlohmann::ordered_json& out, const DayHours& hours) {
    out["open"] = intervals_json(hours.opening);
    if (!hours.breaks.empty()) out["breaks"] = intervals_json(hours.breaks);
}

}  // namespace

core::Result<CenterSchedule> parse_schedule_json(std::string_view text) {
    auto reading = read_form(text);
    if (!reading.problems.empty()) return reading.problems.front();
    return std::move(*reading.schedule);
}

ScheduleFileReading load_schedule_json(std::string_view text) {
    auto reading = read_form(text);
    if (reading.problems.empty() && reading.schedule)
        reading.problems = core::validate_schedule(*reading.schedule);
    return reading;
}

std::string schedule_to_json(const CenterSchedule& schedule) {
    try {
        using ordered = nlohmann::ordered_json;
        ordered doc;
        doc["version"] = kFormatVersion;
        doc["time_zone"] = schedule.time_zone;
        ordered weekly = ordered::object();
        for (std::size_t d = 0; d < kWeekdayKeys.size(); ++d) {
            ordered day = ordered::object();
            put_hours(day, schedule.weekly[d]);
            weekly[kWeekdayKeys[d]] = std::move(day);
        }
        doc["weekly"] = std::move(weekly);
        ordered closed = ordered::array();
        for (const auto& d : schedule.closed_days) closed.push_back(core::format_iso_date(d));
        doc["closed_days"] = std::move(closed);
        ordered special = ordered::array();
        for (const auto& s : schedule.special_days) {
            ordered day = ordered::object();
            day["date"] = core::format_iso_date(s.date);
            put_hours(day, s.hours);
            special.push_back(std::move(day));
        }
        doc["special_days"] = std::move(special);
        ordered windows = ordered::array();
        for (const auto& w : schedule.windows)
            windows.push_back(ordered{{"id", w.id}, {"number", w.number}});
        doc["windows"] = std::move(windows);
        ordered services = ordered::array();
        for (const auto& s : schedule.services) {
            ordered service = ordered::object();
            service["id"] = s.id;
            service["name_uk"] = s.name_uk;
            service["name_en"] = s.name_en;
            service["duration_minutes"] = s.duration.count();
            service["windows"] = s.window_ids;
            if (s.retake_pause_days) service["retake_pause_days"] = *s.retake_pause_days;
            services.push_back(std::move(service));
        }
        doc["services"] = std::move(services);
        return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } catch (const std::exception&) {
        return "{}\n";  // only on allocation failure
    }
}

}  // namespace cherha::formats
