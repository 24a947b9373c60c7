#include "server/http/http_message.h"

#include <algorithm>
#include <cctype>

namespace cherha::http {

namespace {

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::string Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (equal_ignoring_ascii_case(key, name)) return value;
    return {};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    // lower_bound gives the first of equal keys, and equal keys keep their insertion order.
    auto it = query.lower_bound(std::string(name));
    if (it == query.end() || it->first != name) return std::nullopt;
    return it->second;
}

std::string Request::path_param(std::string_view name) const {
    auto it = path_params.find(std::string(name));
    return it == path_params.end() ? std::string() : it->second;
}

Response Response::json(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response Response::events(EventStream stream) {
    Response response;
    response.status = 200;
    response.content_type = "text/event-stream";
    response.stream = std::move(stream);
    return response;
}

}  // namespace cherha::http
