// Strict reading of JSON: the server's request bodies and query parameters, and the desk's
// reading of a registration in the server's answers. A body must be one JSON object
// (UTF-8, at most kMaxJsonDepth levels deep, no key twice); each field is read with its type and
// a byte limit, and a field the handler did not read is refused, so a misspelled field is never
// ignored. Shapes (a date, a time, an enum id) are checked here; what the values mean (a real
// RNOKPP, an impossible birth date) is the core's to judge.
//
// Problem codes (params in braces); `field` is the dotted path, e.g. `registration.surname`:
//   request.malformed_json  {position}          not JSON (byte offset of the error)
//   request.not_object      {}                  valid JSON, but not an object
//   request.too_deep        {max}               nested deeper than max
//   request.duplicate_field {field}             a key given twice in one object
//   request.unknown_field   {field}             a key the endpoint does not take
//   request.missing_field   {field}             a required key is absent (or null)
//   request.invalid_field   {field, expected}   wrong type or shape; expected: "string",
//                                               "integer", "boolean", "object", "yyyy_mm_dd"
//                                               (a date), "hh_mm" (a time of day),
//                                               "plain_text" (no control characters) or the
//                                               id list of an enum: "channel_id",
//                                               "booking_action_id", "document_type_id", ...
//   request.too_long        {field, max}        a string longer than max bytes
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::formats {

inline constexpr int kMaxJsonDepth = 16;

// Parses a request body into a JSON object (problems above: malformed_json, not_object,
// too_deep, duplicate_field). Needs: any bytes. Never throws. Thread-safe.
core::Result<nlohmann::json> parse_json_object(std::string_view body);

// "YYYY-MM-DD" of digits -> the date as written, which may be impossible (2023-02-30: the core
// reports it). nullopt for any other shape. Pure.
std::optional<core::Date> parse_date_shape(std::string_view text);
// "HH:MM" (00:00..23:59) -> minutes after midnight; nullopt otherwise. Pure.
std::optional<int> parse_time_of_day(std::string_view text);

// How a text field treats control characters.
enum class TextRule {
    Plain,      // no control characters at all (ids, codes, logins)
    Multiline,  // line breaks and tabs allowed (MRZ lines)
    Raw,        // anything the JSON holds; the core judges it (names, notes)
};

// Reads the fields of one JSON object. The first problem found is kept; finish() reports an
// unknown field before it (a misspelled field explains a "missing" one). Not thread-safe: one
// reader per request.
class JsonReader {
  public:
    // Needs: `object` is a JSON object that outlives the reader. `prefix` names it in problems
    // ("" for the body, "registration." for a nested one).
    explicit JsonReader(const nlohmann::json& object, std::string prefix = "");

    // A required string of at most max_bytes bytes ("" with a problem when absent/invalid).
    std::string text(std::string_view key, std::size_t max_bytes, TextRule rule = TextRule::Plain);
    // An optional string: absent or null -> nullopt.
    std::optional<std::string> optional_text(std::string_view key, std::size_t max_bytes,
                                             TextRule rule = TextRule::Plain);
    // Booleans and integers; absent or null -> nullopt (optional) or a problem (required).
    std::optional<bool> optional_boolean(std::string_view key);
    bool boolean(std::string_view key);
    std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max);
    // A nested object, or nullptr (absent/null, or a problem when required or not an object).
    const nlohmann::json* object(std::string_view key, bool required);
    // Whether the key is present and not null (marks it as read).
    bool has(std::string_view key);
    // Reads a nested object with `read(JsonReader&)` (its fields prefixed "<key>.") and keeps
    // its first problem. Returns whether the object was there.
    template <class Read>
    bool nested(std::string_view key, bool required, Read&& read) {
        const nlohmann::json* node = object(key, required);
        if (!node) return false;
        JsonReader sub(*node, field(key) + ".");
        read(sub);
        absorb(sub.finish());
        return true;
    }
    // A string field naming an enumerator: `parse(text)` gives an optional; invalid_field
    // {expected} when it gives nullopt. Absent: nullopt (and missing_field when required).
    template <class Parse>
    auto choice(std::string_view key, bool required, std::string_view expected, Parse parse)
        -> decltype(parse(std::string_view{})) {
        const bool present = has(key);
        if (!present) {
            if (required) fail(core::Problem("request.missing_field", {{"field", field(key)}}));
            return std::nullopt;
        }
        auto value = optional_text(key, 64);
        if (!value) return std::nullopt;
        auto parsed = parse(std::string_view(*value));
        if (!parsed) fail(invalid(key, expected));
        return parsed;
    }
    // A required "YYYY-MM-DD" (the date as written; see parse_date_shape).
    std::optional<core::Date> date(std::string_view key, bool required);

    // Records `problem` unless one is already recorded.
    void fail(core::Problem problem);
    // Records a problem of a nested reader (its finish()).
    void absorb(std::optional<core::Problem> problem);
    // A request.invalid_field problem for `key` of this object.
    core::Problem invalid(std::string_view key, std::string_view expected) const;
    std::string field(std::string_view key) const { return prefix_ + std::string(key); }
    bool ok() const { return !problem_; }

    // The first unknown field, else the first problem, else nullopt.
    std::optional<core::Problem> finish() const;

  private:
    const nlohmann::json* value(std::string_view key);  // nullptr when absent or null

    const nlohmann::json& object_;
    std::string prefix_;
    std::set<std::string, std::less<>> read_;
    std::optional<core::Problem> problem_;
};

}  // namespace cherha::formats
