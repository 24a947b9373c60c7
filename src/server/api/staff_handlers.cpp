// Staff sessions (login, logout) and what every staff member reads: the day's queue and the
// public keys for offline QR verification.
#include "formats/json_reader.h"
#include "server/api/handlers.h"
#include "server/api/json_booking.h"
#include "server/api/json_reports.h"
#include "server/api/problem_response.h"
#include "server/api/query_reader.h"

namespace cherha::server::api {

using formats::JsonReader;
using formats::parse_json_object;
using formats::TextRule;

namespace {

inline constexpr std::size_t kMaxLoginBytes = 64;
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // core::kMaximumPasswordBytes

// The token of `Authorization: Bearer <token>` (the access check already accepted it).
std::string bearer_token(const http::Request& request) {
    const std::string header = request.header("Authorization");
    const auto space = header.find(' ');
    if (space == std::string::npos) return {};
    std::string token = header.substr(space + 1);
    while (!token.empty() && token.front() == ' ') token.erase(0, 1);
    while (!token.empty() && token.back() == ' ') token.pop_back();
    return token;
}

}  // namespace

http::Response post_login(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    const std::string login = reader.text("login", kMaxLoginBytes);
    const std::string password = reader.text("password", kMaxPasswordBytes, TextRule::Raw);
    const std::string window = reader.optional_text("window", 64).value_or("");
    if (auto problem = reader.finish()) return error(ctx, *problem);

    auto session = ctx.center().log_in(login, password, window);
    if (!session) return error(ctx, session.problem());
    const auto& actor = session->actor;
    const auto settings = ctx.center().settings();
    const auto& schedule = settings->schedule;
    return json_response(
        200,
        {{"token", session->token},
         {"login", actor.name},
         {"role", actor.role ? std::string(store::staff_role_id(*actor.role)) : std::string()},
         {"window", actor.window_id.empty()
                        ? nlohmann::json(nullptr)
                        : nlohmann::json{{"id", actor.window_id},
                                         {"number", window_number(schedule, actor.window_id)}}}});
}

http::Response post_logout(ApiContext& ctx, const http::Request& request) {
    if (auto problem = ctx.center().log_out(bearer_token(request))) return error(ctx, *problem);
    http::Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

http::Response get_queue(ApiContext& ctx, const http::Request& request) {
    QueryReader query(request);
    const auto day = query.date("day");
    store::BookingFilter filter;
    filter.service_id = query.text("service", 64);
    filter.state = query.choice("state", "booking_state_id",
                                [](std::string_view id) { return core::parse_booking_state(id); });
    filter.channel = query.choice("channel", "channel_id", [](std::string_view id) {
        return core::parse_booking_channel(id);
    });
    filter.window_id = query.text("window", 64);
    if (auto problem = query.finish()) return error(ctx, *problem);
    const core::Date the_day = day.value_or(ctx.center().today());
    if (!the_day.ok())
        return error(ctx,
                     core::Problem("slots.invalid_day", {{"day", core::format_iso_date(the_day)}}));

    auto bookings = ctx.center().queue(the_day, filter);
    if (!bookings) return error(ctx, bookings.problem());
    const auto settings = ctx.center().settings();
    const auto& schedule = settings->schedule;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& booking : *bookings)
        list.push_back(booking_json(booking, "", BookingView{true, true}, schedule));
    return json_response(200, {{"day", core::format_iso_date(the_day)},
                               {"alert", ctx.center().alert_active()},
                               {"bookings", std::move(list)}});
}

http::Response get_keys(ApiContext& ctx, const http::Request&) {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& key : ctx.center().public_keys()) keys.push_back(key_json(key));
    return json_response(
        200, {{"center_id", ctx.center().settings()->center_id}, {"keys", std::move(keys)}});
}

}  // namespace cherha::server::api
