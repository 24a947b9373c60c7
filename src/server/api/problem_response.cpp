#include "server/api/problem_response.h"

#include <charconv>
#include <map>
#include <string>
#include <utility>

#include "text/problem_text.h"

namespace cherha::server::api {
namespace {

// Codes whose status is not the one of their prefix.
const std::map<std::string_view, int>& exact_statuses() {
    static const std::map<std::string_view, int> table = {
        {"auth.session_invalid", 401},
        {"auth.invalid_credentials", 401},
        {"auth.forbidden", 403},
        {"http.cross_origin", 403},
        {"auth.disabled", 403},
        {"auth.locked", 423},
        {"center.not_found", 404},
        {"center.unknown_service", 404},
        {"slots.unknown_service", 404},
        {"http.not_found", 404},
        {"http.method_not_allowed", 405},
        {"http.payload_too_large", 413},
        {"http.payload_too_large", 413},
        {"http.uri_too_long", 414},
        {"http.unsupported_media_type", 415},
        {"center.personal_data_erased", 410},
        {"center.slot_full", 409},
        {"center.no_free_slot", 409},
        {"center.alert_active", 409},
        {"center.alert_state", 409},
        {"center.nobody_waiting", 409},
        {"center.pow_reused", 409},
        {"center.wrong_window", 409},
        {"center.not_today", 409},
        {"center.too_early", 409},
        {"center.rate_limited", 429},
        {"center.not_initialised", 500},
        {"center.settings_invalid", 500},
        {"idempotency.key_reused", 409},
        {"cancel.too_late", 409},
        {"ticket.priority_already_issued", 409},
        {"ticket.sequence_exhausted", 409},
        {"transition.not_allowed", 409},
        {"transition.actor_not_allowed", 409},
        {"transition.alert_active", 409},
        {"transition.not_own_booking", 409},
        {"transition.cancellation_deadline_passed", 409},
        {"transition.channel_not_allowed", 409},
        {"store.busy", 503},
        {"server.unavailable", 503},
    };
    return table;
}

// Status by the code's prefix (the part before the first dot).
const std::map<std::string_view, int>& prefix_statuses() {
    static const std::map<std::string_view, int> table = {
        {"request", 400},      {"quota", 409},        {"block", 409},       {"retake", 409},
        {"store", 500},        {"registration", 422}, {"rnokpp", 422},      {"edrpou", 422},
        {"document", 422},     {"booking_code", 422}, {"token", 422},       {"mrz", 422},
        {"pow", 422},          {"online", 422},       {"terminal", 422},    {"slots", 422},
        {"verification", 422}, {"identity", 422},     {"center", 422},      {"ticket", 422},
        {"transition", 422},   {"password", 422},     {"schedule", 422},    {"calendar", 422},
        {"qr", 422},           {"auth", 401},         {"idempotency", 400}, {"http", 400},
    };
    return table;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Seconds in the problem's retry_after param, or `fallback`.
std::string retry_after(const core::Problem& problem, int fallback) {
    const std::string value = problem.param("retry_after");
    int seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size() || seconds < 1)
        seconds = fallback;
    return std::to_string(seconds);
}

}  // namespace

int status_of(std::string_view code) {
    if (ends_with(code, ".random_failed") || ends_with(code, ".hash_failed")) return 500;
    if (auto it = exact_statuses().find(code); it != exact_statuses().end()) return it->second;
    const auto prefix = code.substr(0, code.find('.'));
    if (auto it = prefix_statuses().find(prefix); it != prefix_statuses().end()) return it->second;
    return 500;
}

nlohmann::json problem_json(const core::Problem& problem) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [name, value] : problem.params) params[name] = value;
    return {{"code", problem.code},
            {"message", text::describe_problem(problem)},
            {"params", std::move(params)}};
}

http::Response json_response(int status, const nlohmann::json& body) {
    return http::Response::json(
        status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

http::Response problem_response(const core::Problem& problem) {
    const int status = status_of(problem.code);
    nlohmann::json body;
    if (status >= 500) {
        // No internals: 503 names its code without params, 500 gets one generic sentence.
        const core::Problem shown(status == 503 ? problem.code : "server.internal");
        body = {{"error", problem.code},
                {"message", text::describe_problem(shown)},
                {"params", nlohmann::json::object()}};
    } else {
        auto described = problem_json(problem);
        body = {{"error", problem.code},
                {"message", std::move(described["message"])},
                {"params", std::move(described["params"])}};
    }
    http::Response response = json_response(status, body);
    if (status == 429) response.headers.emplace_back("Retry-After", retry_after(problem, 60));
    if (status == 503) response.headers.emplace_back("Retry-After", "1");
    return response;
}

}  // namespace cherha::server::api
