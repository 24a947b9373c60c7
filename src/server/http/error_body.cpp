#include "server/http/error_body.h"

#include <string>

namespace cherha::http {

Response error_response(int status, std::string_view code, std::string_view message,
                        const nlohmann::json& params) {
    nlohmann::json body = nlohmann::json::object();
    body["error"] = std::string(code);
    body["message"] = std::string(message);
    if (params.is_null())
        body["params"] = nlohmann::json::object();
    else if (params.is_object())
        body["params"] = params;
    else
        body["params"] = nlohmann::json{{"value", params}};
    // replace: invalid UTF-8 becomes U+FFFD instead of throwing type_error 316.
    return Response::json(status,
                          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response error_response(int status, const core::Problem& problem, std::string_view message) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [name, value] : problem.params) params[name] = value;
    return error_response(status, problem.code, message, params);
}

}  // namespace cherha::http
