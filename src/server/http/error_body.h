// The JSON body of every error the server answers: one shape for the Router, the transport and
// the API handlers, so clients parse a single format:
//   {"error": "<stable code>", "message": "<English text for logs and developers>",
//    "params": {<named values the client may use to word the problem itself>}}
// `error` is the contract (dotted lower-case code, e.g. "http.not_found", "rnokpp.check_digit");
// `message` is a convenience and may change.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/common/problem.h"
#include "server/http/http_message.h"

namespace cherha::http {

// A JSON error response with `status` and the body above.
// Needs: nothing; `params` should be a JSON object (null or omitted gives {}; any other
// non-object value is put under {"value": ...}). Guarantees: valid UTF-8 JSON even when `code`,
// `message` or `params` hold invalid UTF-8 (bad bytes become U+FFFD). Never throws beyond
// std::bad_alloc. Thread-safe.
Response error_response(int status, std::string_view code, std::string_view message,
                        const nlohmann::json& params = {});

// The same for a core::Problem: its code, and its params as a JSON object of strings.
Response error_response(int status, const core::Problem& problem, std::string_view message);

}  // namespace cherha::http
