// The table from (method, path pattern) to Handler, and the dispatch of one Request through it.
// It knows nothing of sockets: the transport hands it Requests, tests call dispatch() directly.
//
// Patterns are absolute paths whose segments are literal text or a capture in braces, e.g.
// "/api/v1/bookings/{code}/qr.png". A capture takes exactly one non-empty path segment,
// percent-decoded ("%2F" stays inside the segment, "+" stays "+"); literal segments compare
// with the decoded segment, byte for byte. When several patterns match, the one with a literal
// segment where the other has a capture (leftmost difference) wins.
//
// Answers of dispatch() that are not a handler's (JSON bodies from error_response()):
//   404 http.not_found           no pattern matches the path (also paths not starting with
//                                "/", empty segments, and invalid percent escapes)
//   405 http.method_not_allowed  {allow}  a pattern matches but not for this method; an Allow
//                                header lists the methods that do (HEAD is answered by the GET
//                                handler when no HEAD route exists)
//   500 internal                 the handler threw; nothing of the exception reaches the client
//
// Problem codes reported by add() (params in braces); each means a programming error in the
// table, so the server should refuse to start:
//   http.route_method    {method}            not an upper-case token such as "GET"
//   http.route_pattern   {pattern, reason}   not "/" followed by non-empty segments, a brace
//                                            that does not enclose a whole segment, an empty
//                                            or repeated capture name
//   http.route_handler   {method, pattern}   the handler is empty
//   http.route_duplicate {method, pattern}   an earlier route of this method has the same
//                                            literal segments and captures at the same places
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/problem.h"
#include "server/http/http_message.h"

namespace cherha::http {

// One entry of the table, as given to add().
struct Route {
    std::string method;   // "GET", "POST", ...
    std::string pattern;  // "/api/v1/bookings/{code}"
    bool operator==(const Route&) const = default;
};

// Thread-safety: add() and set_failure_observer() while nothing dispatches (at start-up);
// after that dispatch() and routes() may run on any number of threads at once.
class Router {
  public:
    // Adds `handler` for `method` requests whose path matches `pattern`.
    // Guarantees: std::nullopt and the route is in the table, or one of the http.route_* codes
    // above and the table is unchanged. Never throws beyond std::bad_alloc.
    [[nodiscard]] std::optional<core::Problem> add(std::string method, std::string pattern,
                                                   Handler handler);

    // Finds the route for `request`, fills request.path_params with its captures and returns
    // what the handler returns; otherwise the 404/405 answers above. A handler that throws
    // gives the 500 answer (and the failure observer hears of it). Never throws beyond
    // std::bad_alloc.
    Response dispatch(Request request) const;

    // Every route in the order added, so tests can walk all endpoints.
    std::vector<Route> routes() const;

    // Called with the route and the exception's what() ("" for non-std exceptions) when a
    // handler throws, for the operator's log. The observer must be thread-safe; whatever it
    // throws is swallowed. Without an observer failures are only answered with 500.
    void set_failure_observer(std::function<void(const Route&, std::string_view what)> observer);

  private:
    struct Segment {
        bool capture = false;
        std::string text;  // literal text, or the capture name
    };
    struct Entry {
        Route route;
        std::vector<Segment> segments;
        Handler handler;
    };

    // Whether `entry` matches the decoded segments.
    static bool matches(const Entry& entry, const std::vector<std::string>& segments);
    // True when `a` is more specific than `b` (a literal at the leftmost difference).
    static bool more_specific(const Entry& a, const Entry& b);
    Response call(const Entry& entry, Request request,
                  const std::vector<std::string>& segments) const;

    std::vector<Entry> entries_;
    std::function<void(const Route&, std::string_view)> failure_observer_;
};

// Percent-decodes one path segment ("%41" -> "A"; "+" stays "+").
// Guarantees: the decoded bytes, or nullopt when a "%" is not followed by two hex digits.
std::optional<std::string> decode_path_segment(std::string_view segment);

}  // namespace cherha::http
