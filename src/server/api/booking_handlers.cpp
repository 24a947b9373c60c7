// The citizen's own bookings: create online (with proof of work, honeypot and rate limits), look
// up and cancel by booking code + identity.
#include <cmath>

#include "core/verification/registration_check.h"
#include "formats/json_reader.h"
#include "formats/person_json.h"
#include "server/api/handlers.h"
#include "server/api/json_booking.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {

using formats::JsonReader;
using formats::parse_json_object;
using formats::parse_time_of_day;
using formats::read_registration;
using formats::TextRule;

namespace {

inline constexpr std::size_t kMaxIdBytes = 64;          // service and window ids
inline constexpr std::size_t kMaxChallengeBytes = 200;  // core::kPowMaxChallengeLength is 160
inline constexpr std::size_t kMaxNonceBytes = 64;
inline constexpr std::size_t kMaxHoneypotBytes = 1000;
inline constexpr std::size_t kMaxCodeBytes = 64;
inline constexpr std::size_t kMaxIdentityBytes = 64;

// center.rate_limited with a retry_after param (seconds until one request is allowed again).
core::Problem with_retry_after(const ApiContext& ctx, core::Problem problem) {
    if (problem.code != "center.rate_limited" || !problem.param("retry_after").empty())
        return problem;
    const double rate = problem.param("scope") == "identity"
                            ? ctx.options().identity_rate_per_second
                            : ctx.options().address_rate_per_second;
    const double seconds = rate > 0 ? std::ceil(1.0 / rate) : 60.0;
    problem.with("retry_after", std::to_string(static_cast<long long>(std::min(seconds, 3600.0))));
    return problem;
}

// The code and identity of a lookup or cancel request.
struct OwnBooking {
    std::string code;
    std::string identity;
};

core::Result<OwnBooking> read_own_booking(const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return body.problem();
    JsonReader reader(*body);
    OwnBooking own;
    own.code = reader.text("code", kMaxCodeBytes);
    own.identity = reader.text("identity", kMaxIdentityBytes);
    if (auto problem = reader.finish()) return *problem;
    return own;
}

http::Response own_booking_response(const ApiContext& ctx, const center::IssuedBooking& issued) {
    return json_response(200, booking_json(issued.booking, issued.token, BookingView{true, false},
                                           ctx.center().settings()->schedule));
}

}  // namespace

http::Response post_booking(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    center::OnlineBookingRequest booking;
    booking.service_id = reader.text("service", kMaxIdBytes);
    booking.day = reader.date("day", true).value_or(core::Date{});
    const std::string time = reader.text("time", 16);
    if (reader.ok()) {
        if (auto minute = parse_time_of_day(time))
            booking.slot_minute = *minute;
        else
            reader.fail(reader.invalid("time", "hh_mm"));
    }
    reader.nested("registration", true,
                  [&](JsonReader& sub) { booking.registration = read_registration(sub); });
    reader.nested("pow", false, [&](JsonReader& pow) {
        booking.pow_challenge = pow.text("challenge", kMaxChallengeBytes);
        booking.pow_nonce = pow.text("nonce", kMaxNonceBytes);
    });
    booking.honeypot =
        reader.optional_text("website", kMaxHoneypotBytes, TextRule::Raw).value_or("");
    if (auto problem = reader.finish()) return error(ctx, *problem);

    auto issued = ctx.center().book_online(booking, request.remote_address);
    if (!issued) return error(ctx, with_retry_after(ctx, issued.problem()));
    http::Response response =
        json_response(201, booking_json(issued->booking, issued->token, BookingView{true, false},
                                        ctx.center().settings()->schedule));
    return response;
}

http::Response post_registration_check(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    core::Registration registration;
    reader.nested("registration", true,
                  [&](JsonReader& sub) { registration = read_registration(sub); });
    if (auto problem = reader.finish()) return error(ctx, *problem);
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& problem : core::check_registration(
             registration, ctx.center().today(), ctx.center().settings()->minimum_registrant_age))
        problems.push_back(problem_json(problem));
    return json_response(200, nlohmann::json{{"problems", std::move(problems)}});
}

http::Response post_lookup(ApiContext& ctx, const http::Request& request) {
    auto own = read_own_booking(request);
    if (!own) return error(ctx, own.problem());
    auto issued = ctx.center().look_up(own->code, own->identity, request.remote_address);
    if (!issued) return error(ctx, with_retry_after(ctx, issued.problem()));
    return own_booking_response(ctx, *issued);
}

http::Response post_cancel(ApiContext& ctx, const http::Request& request) {
    auto own = read_own_booking(request);
    if (!own) return error(ctx, own.problem());
    auto issued = ctx.center().cancel_own(own->code, own->identity, request.remote_address);
    if (!issued) return error(ctx, with_retry_after(ctx, issued.problem()));
    return own_booking_response(ctx, *issued);
}

}  // namespace cherha::server::api
