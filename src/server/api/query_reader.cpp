#include "server/api/query_reader.h"

#include <charconv>

#include "core/common/utf8.h"
#include "formats/json_reader.h"

namespace cherha::server::api {

using formats::parse_date_shape;

void QueryReader::fail_invalid(std::string_view name, std::string_view expected) {
    if (!problem_)
        problem_ = core::Problem("request.invalid_field", {{"field", std::string(name)},
                                                           {"expected", std::string(expected)}});
}

std::optional<std::string> QueryReader::text(std::string_view name, std::size_t max_bytes) {
    auto value = request_.query_param(name);
    if (!value || value->empty()) return std::nullopt;
    if (value->size() > max_bytes) {
        if (!problem_)
            problem_ = core::Problem("request.too_long", {{"field", std::string(name)},
                                                          {"max", std::to_string(max_bytes)}});
        return std::nullopt;
    }
    for (std::size_t i = 0; i < value->size();) {
        const auto decoded = core::decode_utf8_char(*value, i);
        if (!decoded.valid || core::is_control_code_point(decoded.code_point)) {
            fail_invalid(name, "plain_text");
            return std::nullopt;
        }
        i += decoded.bytes;
    }
    return value;
}

std::optional<core::Date> QueryReader::date(std::string_view name) {
    auto value = text(name, 32);
    if (!value) return std::nullopt;
    auto parsed = parse_date_shape(*value);
    if (!parsed) fail_invalid(name, "yyyy_mm_dd");
    return parsed;
}

std::optional<std::int64_t> QueryReader::integer(std::string_view name, std::int64_t min,
                                                 std::int64_t max) {
    auto value = text(name, 32);
    if (!value) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc() || end != value->data() + value->size() || n < min || n > max) {
        fail_invalid(name, "integer");
        return std::nullopt;
    }
    return n;
}

}  // namespace cherha::server::api
