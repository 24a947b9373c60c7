#include "server/http/router.h"

#include <exception>
#include <set>
#include <utility>

#include "server/http/error_body.h"

namespace cherha::http {

namespace {

// The segments after the leading "/" ("/" gives one empty segment); nullopt without it.
std::optional<std::vector<std::string_view>> split_path(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string_view> segments;
    std::size_t start = 1;
    while (true) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            segments.push_back(path.substr(start));
            return segments;
        }
        segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_method_token(std::string_view method) {
    if (method.empty()) return false;
    for (char c : method)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

core::Problem pattern_problem(const std::string& pattern, std::string reason) {
    return core::Problem("http.route_pattern",
                         {{"pattern", pattern}, {"reason", std::move(reason)}});
}

}  // namespace

std::optional<std::string> decode_path_segment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size());
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            out.push_back(segment[i]);
            continue;
        }
        if (i + 2 >= segment.size()) return std::nullopt;
        int high = hex_value(segment[i + 1]);
        int low = hex_value(segment[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

std::optional<core::Problem> Router::add(std::string method, std::string pattern, Handler handler) {
    if (!is_method_token(method)) return core::Problem("http.route_method", {{"method", method}});
    auto parts = split_path(pattern);
    if (!parts) return pattern_problem(pattern, "does not start with /");

    Entry entry;
    if (pattern != "/") {
        std::set<std::string, std::less<>> names;
        for (std::string_view part : *parts) {
            if (part.empty()) return pattern_problem(pattern, "empty segment");
            bool opens = part.front() == '{';
            bool closes = part.back() == '}';
            if (opens && closes && part.size() > 2) {
                std::string_view name = part.substr(1, part.size() - 2);
                if (name.find_first_of("{}") != std::string_view::npos)
                    return pattern_problem(pattern, "brace inside a capture name");
                if (!names.emplace(name).second)
                    return pattern_problem(pattern, "repeated capture name");
                entry.segments.push_back({true, std::string(name)});
                continue;
            }
            if (opens && closes) return pattern_problem(pattern, "empty capture name");
            if (part.find_first_of("{}") != std::string_view::npos)
                return pattern_problem(pattern, "brace not enclosing a whole segment");
            if (part.find('%') != std::string_view::npos)
                return pattern_problem(pattern, "% in a literal segment");
            entry.segments.push_back({false, std::string(part)});
        }
    } else {
        entry.segments.push_back({false, ""});
    }
    if (!handler)
        return core::Problem("http.route_handler", {{"method", method}, {"pattern", pattern}});

    for (const Entry& other : entries_) {
        if (other.route.method != method || other.segments.size() != entry.segments.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < entry.segments.size() && same; ++i) {
            const Segment& a = entry.segments[i];
            const Segment& b = other.segments[i];
            same = a.capture == b.capture && (a.capture || a.text == b.text);
        }
        if (same)
            return core::Problem("http.route_duplicate",
                                 {{"method", method}, {"pattern", pattern}});
    }

    entry.route = Route{std::move(method), std::move(pattern)};
    entry.handler = std::move(handler);
    entries_.push_back(std::move(entry));
    return std::nullopt;
}

bool Router::matches(const Entry& entry, const std::vector<std::string>& segments) {
    if (entry.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Segment& s = entry.segments[i];
        if (s.capture ? segments[i].empty() : s.text != segments[i]) return false;
    }
    return true;
}

bool Router::more_specific(const Entry& a, const Entry& b) {
    for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
        if (a.segments[i].capture != b.segments[i].capture) return !a.segments[i].capture;
    }
    return false;
}

Response Router::dispatch(Request request) const {
    auto raw = split_path(request.path);
    std::vector<std::string> segments;
    bool decodable = raw.has_value();
    if (raw) {
        segments.reserve(raw->size());
        for (std::string_view part : *raw) {
            auto decoded = decode_path_segment(part);
            if (!decoded) {
                decodable = false;
                break;
            }
            segments.push_back(std::move(*decoded));
        }
    }

    const Entry* best = nullptr;
    const Entry* best_get = nullptr;
    std::set<std::string> allowed;
    if (decodable) {
        for (const Entry& entry : entries_) {
            if (!matches(entry, segments)) continue;
            allowed.insert(entry.route.method);
            if (entry.route.method == request.method && (!best || more_specific(entry, *best)))
                best = &entry;
            if (entry.route.method == "GET" && (!best_get || more_specific(entry, *best_get)))
                best_get = &entry;
        }
    }
    if (!best && request.method == "HEAD") best = best_get;
    if (best) return call(*best, std::move(request), segments);

    if (allowed.empty())
        return error_response(404, "http.not_found", "There is no endpoint at this path.");

    if (allowed.count("GET")) allowed.insert("HEAD");
    std::string allow;
    for (const std::string& method : allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
    }
    Response response =
        error_response(405, "http.method_not_allowed", "This endpoint does not accept this method.",
                       nlohmann::json{{"allow", allow}});
    response.headers.emplace_back("Allow", allow);
    return response;
}

Response Router::call(const Entry& entry, Request request,
                      const std::vector<std::string>& segments) const {
    request.path_params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (entry.segments[i].capture) request.path_params[entry.segments[i].text] = segments[i];
    }
    std::string what;
    try {
        return entry.handler(request);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    if (failure_observer_) {
        try {
            failure_observer_(entry.route, what);
        } catch (...) {
        }
    }
    return error_response(500, "internal", "The server could not complete the request.");
}

std::vector<Route> Router::routes() const {
    std::vector<Route> out;
    out.reserve(entries_.size());
    for (const Entry& entry : entries_) out.push_back(entry.route);
    return out;
}

void Router::set_failure_observer(
    std::function<void(const Route&, std::string_view what)> observer) {
    failure_observer_ = std::move(observer);
}

}  // namespace cherha::http
