#include "formats/json_reader.h"

#include <exception>
#include <limits>
#include <vector>

#include "core/common/utf8.h"
#include "formats/json_nesting.h"

namespace cherha::formats {

using core::Problem;
using nlohmann::json;

namespace {

// Follows the parser's events to find a key given twice in one object.
class DuplicateWatch {
  public:
    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                frames_.emplace_back();
                break;
            case json::parse_event_t::array_start:
                frames_.emplace_back();
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!frames_.empty()) frames_.pop_back();
                break;
            case json::parse_event_t::key:
                if (!frames_.empty() && parsed.is_string()) {
                    const auto& key = parsed.get_ref<const std::string&>();
                    if (!frames_.back().insert(key).second && !duplicate_) duplicate_ = key;
                }
                break;
            case json::parse_event_t::value:
                break;
        }
        return true;
    }
    const std::optional<std::string>& duplicate() const { return duplicate_; }

  private:
    std::vector<std::set<std::string>> frames_;
    std::optional<std::string> duplicate_;
};

bool has_control(std::string_view text, TextRule rule) {
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = core::decode_utf8_char(text, i);
        if (!decoded.valid) return true;
        const char32_t c = decoded.code_point;
        if (core::is_control_code_point(c) &&
            !(rule == TextRule::Multiline && (c == '\n' || c == '\r' || c == '\t')))
            return true;
        i += decoded.bytes;
    }
    return false;
}

// A key as a problem names it: at most 64 bytes, cut on a character boundary.
std::string shown_key(std::string_view key) {
    if (key.size() <= 64) return std::string(key);
    std::size_t end = 64;
    while (end > 0 && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) --end;
    return std::string(key.substr(0, end)) + "...";
}

std::optional<int> two_digits(std::string_view s) {
    if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return std::nullopt;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

}  // namespace

core::Result<json> parse_json_object(std::string_view body) {
    if (formats::first_too_deep(body, kMaxJsonDepth))
        return Problem("request.too_deep", {{"max", std::to_string(kMaxJsonDepth)}});
    DuplicateWatch watch;
    json parsed;
    try {
        parsed = json::parse(
            body.begin(), body.end(),
            [&watch](int depth, json::parse_event_t event, json& value) {
                return watch(depth, event, value);
            },
            true, false);
    } catch (const json::parse_error& error) {
        return Problem("request.malformed_json", {{"position", std::to_string(error.byte)}});
    } catch (const std::exception&) {
        return Problem("request.malformed_json", {{"position", "0"}});
    }
    if (!parsed.is_object()) return Problem("request.not_object");
    if (watch.duplicate())
        return Problem("request.duplicate_field", {{"field", shown_key(*watch.duplicate())}});
    return parsed;
}

std::optional<core::Date> parse_date_shape(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        year = year * 10 + (text[i] - '0');
    }
    const auto month = two_digits(text.substr(5, 2));
    const auto day = two_digits(text.substr(8, 2));
    if (!month || !day) return std::nullopt;
    return core::Date{date::year{year}, date::month{static_cast<unsigned>(*month)},
                      date::day{static_cast<unsigned>(*day)}};
}

std::optional<int> parse_time_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto hour = two_digits(text.substr(0, 2));
    const auto minute = two_digits(text.substr(3, 2));
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return *hour * 60 + *minute;
}

JsonReader::JsonReader(const json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

const json* JsonReader::value(std::string_view key) {
    read_.emplace(key);
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool JsonReader::has(std::string_view key) {
    return value(key) != nullptr;
}

Problem JsonReader::invalid(std::string_view key, std::string_view expected) const {
    return Problem("request.invalid_field",
                   {{"field", field(key)}, {"expected", std::string(expected)}});
}

void JsonReader::fail(Problem problem) {
    if (!problem_) problem_ = std::move(problem);
}

void JsonReader::absorb(std::optional<Problem> problem) {
    if (problem) fail(std::move(*problem));
}

std::optional<std::string> JsonReader::optional_text(std::string_view key, std::size_t max_bytes,
                                                     TextRule rule) {
    const json* v = value(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(invalid(key, "string"));
        return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_bytes) {
        fail(Problem("request.too_long",
                     {{"field", field(key)}, {"max", std::to_string(max_bytes)}}));
        return std::nullopt;
    }
    if (rule != TextRule::Raw && has_control(s, rule)) {
        fail(invalid(key, "plain_text"));
        return std::nullopt;
    }
    return s;
}

std::string JsonReader::text(std::string_view key, std::size_t max_bytes, TextRule rule) {
    const bool present = has(key);
    auto s = optional_text(key, max_bytes, rule);
    if (!present) fail(Problem("request.missing_field", {{"field", field(key)}}));
    return s.value_or(std::string());
}

std::optional<core::Date> JsonReader::date(std::string_view key, bool required) {
    const bool present = has(key);
    if (!present) {
        if (required) fail(Problem("request.missing_field", {{"field", field(key)}}));
        return std::nullopt;
    }
    auto value = optional_text(key, 32);
    if (!value) return std::nullopt;
    auto parsed = parse_date_shape(*value);
    if (!parsed) fail(invalid(key, "yyyy_mm_dd"));
    return parsed;
}

std::optional<bool> JsonReader::optional_boolean(std::string_view key) {
    const json* v = value(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        fail(invalid(key, "boolean"));
        return std::nullopt;
    }
    return v->get<bool>();
}

bool JsonReader::boolean(std::string_view key) {
    if (!has(key)) {
        fail(Problem("request.missing_field", {{"field", field(key)}}));
        return false;
    }
    return optional_boolean(key).value_or(false);
}

std::optional<std::int64_t> JsonReader::optional_integer(std::string_view key, std::int64_t min,
                                                         std::int64_t max) {
    const json* v = value(key);
    if (!v) return std::nullopt;
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            const auto n = static_cast<std::int64_t>(u);
            if (n >= min && n <= max) return n;
        }
    } else if (v->is_number_integer()) {
        const auto n = v->get<std::int64_t>();
        if (n >= min && n <= max) return n;
    }
    fail(invalid(key, "integer"));
    return std::nullopt;
}

const json* JsonReader::object(std::string_view key, bool required) {
    const json* v = value(key);
    if (!v) {
        if (required) fail(Problem("request.missing_field", {{"field", field(key)}}));
        return nullptr;
    }
    if (!v->is_object()) {
        fail(invalid(key, "object"));
        return nullptr;
    }
    return v;
}

std::optional<Problem> JsonReader::finish() const {
    if (object_.is_object()) {
        for (const auto& item : object_.items())
            if (read_.find(item.key()) == read_.end())
                return Problem("request.unknown_field",
                               {{"field", prefix_ + shown_key(item.key())}});
    }
    return problem_;
}

}  // namespace cherha::formats
