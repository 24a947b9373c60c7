// A core::Problem as an HTTP response: the status of its code (the table in docs/api.md) and the
// body {"error": code, "message": sentence, "params": {...}}, the sentence in the language chosen
// at start (text::activate_language). Internal failures (store.* other than store.busy, codes
// no table knows) answer 500 with a generic sentence and no params, so nothing of the server's
// internals reaches a client.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/common/problem.h"
#include "server/http/http_message.h"

namespace cherha::server::api {

// The HTTP status for a problem code: 400, 401, 403, 404, 409, 410, 422, 423, 429, 500 or 503.
// Pure, thread-safe.
int status_of(std::string_view code);

// {"code", "message", "params"} of a problem, for lists inside a response (verification
// reasons). Thread-safe once the language is chosen.
nlohmann::json problem_json(const core::Problem& problem);

// The error response of `problem`: status_of(code), the JSON body, and Retry-After for 429
// (the problem's retry_after param in seconds, else 60) and 503 (1 second).
// Thread-safe once the language is chosen.
http::Response problem_response(const core::Problem& problem);

// A response with `status` and a JSON value as body.
http::Response json_response(int status, const nlohmann::json& body);

}  // namespace cherha::server::api
