// Cherha's own request and response values: what API handlers take and return. The HTTP library
// (cpp-httplib, src/server/http/httplib_transport.*) only converts to and from these, so handlers
// are plain functions that tests call without sockets and the transport can be replaced.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cherha::http {

struct Request {
    std::string method;  // "GET", "POST", ...
    // The path as sent, without the query and still percent-encoded, e.g.
    // "/api/v1/bookings/AB%2012/qr.png"; the Router decodes each segment when it matches, so an
    // encoded "/" (%2F) stays inside one segment. Handlers read captures from path_params.
    std::string path;
    std::multimap<std::string, std::string> query;   // decoded query parameters
    std::map<std::string, std::string> path_params;  // filled by the Router: {code} -> value
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    std::string remote_address;  // the peer's IP address ("" when unknown)

    // The first header `name` (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
    // The first query parameter `name`, or nullopt when absent.
    std::optional<std::string> query_param(std::string_view name) const;
    // A path parameter captured by the Router, or "" when absent.
    std::string path_param(std::string_view name) const;
};

// A stream of server-sent events: the transport calls next() repeatedly and writes each returned
// chunk (whole events, e.g. "event: queue\ndata: {...}\n\n"); next() waits at most a few
// seconds and returns "" when there is nothing to send this round (the transport then writes an
// SSE comment line ":\n\n", which clients ignore, to learn whether the client is still there
// and to keep proxies from closing an idle stream) or nullopt to end the stream. next() runs on
// the connection's worker thread; it is not called again after the client left or stop().
struct EventStream {
    std::function<std::optional<std::string>()> next;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<EventStream> stream;  // set for text/event-stream responses; body ignored

    // A JSON response with `status` (content type application/json; charset=utf-8). `body` is
    // taken as it is (the caller serialises it). Never throws beyond std::bad_alloc.
    static Response json(int status, std::string body);
    // A 200 text/event-stream response that the transport feeds from `stream`.
    static Response events(EventStream stream);
};

using Handler = std::function<Response(const Request&)>;

}  // namespace cherha::http
