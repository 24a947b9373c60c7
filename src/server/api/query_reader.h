// Reading the query parameters of a request (`?day=2025-03-04&channel=online`) with the problem
// codes of json_reader.h: request.invalid_field {field, expected}, request.missing_field {field},
// request.too_long {field, max}, where `field` is the parameter's name. A parameter given but
// empty counts as absent; parameters the endpoint does not read are ignored (browsers and
// proxies add their own).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "server/http/http_message.h"

namespace cherha::server::api {

// Not thread-safe: one reader per request.
class QueryReader {
  public:
    explicit QueryReader(const http::Request& request) : request_(request) {}

    // A text parameter without control characters, at most max_bytes.
    std::optional<std::string> text(std::string_view name, std::size_t max_bytes);
    // "YYYY-MM-DD" (the date as written; an impossible one is the core's to refuse).
    std::optional<core::Date> date(std::string_view name);
    std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);
    // A parameter whose value `parse` turns into T; invalid_field {expected} otherwise.
    template <class Parse>
    auto choice(std::string_view name, std::string_view expected, Parse parse)
        -> decltype(parse(std::string_view{})) {
        auto value = text(name, 64);
        if (!value) return std::nullopt;
        auto parsed = parse(*value);
        if (!parsed) fail_invalid(name, expected);
        return parsed;
    }
    // Records missing_field when `value` is empty.
    template <class T>
    void require(std::string_view name, const std::optional<T>& value) {
        if (!value && !problem_)
            problem_ = core::Problem("request.missing_field", {{"field", std::string(name)}});
    }

    std::optional<core::Problem> finish() const { return problem_; }

  private:
    void fail_invalid(std::string_view name, std::string_view expected);

    const http::Request& request_;
    std::optional<core::Problem> problem_;
};

}  // namespace cherha::server::api
