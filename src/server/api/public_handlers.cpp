// Public reads: health, version, services, free slots, proof-of-work challenges, alert state and
// QR images of booking tokens.
#include <string>

#include "core/abuse/proof_of_work.h"
#include "qr/qr_image.h"
#include "server/api/handlers.h"
#include "server/api/json_booking.h"
#include "server/api/json_slots.h"
#include "server/api/problem_response.h"
#include "server/api/query_reader.h"
#include "text/problem_text.h"

namespace cherha::server::api {

namespace {

inline constexpr std::size_t kMaxTokenBytes = 512;

// The token of a QR image request, checked by the center (its signature and center).
core::Result<std::string> image_token(ApiContext& ctx, const http::Request& request) {
    QueryReader query(request);
    auto token = query.text("token", kMaxTokenBytes);
    query.require("token", token);
    if (auto problem = query.finish()) return *problem;
    if (auto problem = ctx.center().check_token_for_image(*token)) return *problem;
    return *token;
}

http::Response image(int status, std::string content_type, std::string body) {
    http::Response response;
    response.status = status;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    // A booking's QR never changes; the token is in the URL, so a cache key is the token.
    response.headers.emplace_back("Cache-Control", "private, max-age=86400");
    return response;
}

}  // namespace

http::Response error(const ApiContext& ctx, const core::Problem& problem) {
    if (status_of(problem.code) >= 500 && ctx.options().report_internal)
        ctx.options().report_internal(problem.code);
    return problem_response(problem);
}

http::Response get_health(ApiContext& ctx, const http::Request&) {
    return json_response(200, {{"status", "ok"}, {"time", iso_instant(ctx.center().now())}});
}

http::Response get_version(ApiContext& ctx, const http::Request&) {
    return json_response(
        200, {{"name", "cherha-server"}, {"version", ctx.options().version}, {"api", "v1"}});
}

http::Response get_services(ApiContext& ctx, const http::Request&) {
    const auto settings_in_force = ctx.center().settings();
    const auto& settings = *settings_in_force;
    nlohmann::json services = nlohmann::json::array();
    for (const auto& service : ctx.center().services()) services.push_back(service_json(service));
    nlohmann::json windows = nlohmann::json::array();
    for (const auto& window : settings.schedule.windows)
        windows.push_back({{"id", window.id}, {"number", window.number}});
    return json_response(200, {{"center",
                                {{"id", settings.center_id},
                                 {"name_uk", settings.name_uk},
                                 {"name_en", settings.name_en},
                                 {"address_uk", settings.address_uk},
                                 {"address_en", settings.address_en}}},
                               {"time_zone", settings.schedule.time_zone},
                               {"today", core::format_iso_date(ctx.center().today())},
                               {"online_window_days", settings.rules.online_window_days},
                               {"windows", std::move(windows)},
                               {"services", std::move(services)}});
}

http::Response get_slots(ApiContext& ctx, const http::Request& request) {
    QueryReader query(request);
    const auto day = query.date("day");
    const auto channel = query.choice("channel", "channel_id", [](std::string_view id) {
        return core::parse_booking_channel(id);
    });
    if (auto problem = query.finish()) return error(ctx, *problem);
    const core::Date the_day = day.value_or(ctx.center().today());
    const core::BookingChannel the_channel = channel.value_or(core::BookingChannel::Online);
    const std::string service = request.path_param("service");
    auto slots = ctx.center().free_slots(service, the_day, the_channel);
    if (!slots) return error(ctx, slots.problem());
    return http::Response::json(200, slot_list_body(service, the_day, the_channel, *slots));
}

http::Response post_pow(ApiContext& ctx, const http::Request&) {
    auto challenge = ctx.center().pow_challenge();
    if (!challenge) return error(ctx, challenge.problem());
    auto parsed = core::parse_challenge(*challenge);
    if (!parsed) return error(ctx, parsed.problem());
    return json_response(
        200, {{"challenge", *challenge},
              {"difficulty", parsed->difficulty},
              {"algorithm", "sha256-leading-zero-bits"},
              {"expires_at", iso_instant(parsed->issued_at + core::kPowDefaultMaxAge)}});
}

http::Response get_alert(ApiContext& ctx, const http::Request&) {
    return json_response(200, {{"active", ctx.center().alert_active()}});
}

http::Response get_qr_svg(ApiContext& ctx, const http::Request& request) {
    auto token = image_token(ctx, request);
    if (!token) return error(ctx, token.problem());
    auto svg = qr::qr_svg(*token);
    if (!svg) return error(ctx, svg.problem());
    return image(200, "image/svg+xml", std::move(svg).value());
}

http::Response get_qr_png(ApiContext& ctx, const http::Request& request) {
    auto token = image_token(ctx, request);
    if (!token) return error(ctx, token.problem());
    auto png = qr::qr_png(*token);
    if (!png) return error(ctx, png.problem());
    return image(200, "image/png", std::string(png->begin(), png->end()));
}

}  // namespace cherha::server::api
