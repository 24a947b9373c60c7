// The API v1 handlers: plain functions from a request value to a response value. Each one reads
// its input strictly (json_reader.h, query_reader.h), asks the ServiceCenter, and maps the result
// to JSON or a problem response. The access check has already run (api_routes.h): ctx.actor is
// the authenticated staff member or device, or a citizen on public routes. Tests call these
// directly. Thread-safe: many requests run them at once. docs/api.md documents each endpoint.
#pragma once

#include "core/common/problem.h"
#include "server/api/api_context.h"
#include "server/http/http_message.h"

namespace cherha::server::api {

// The problem's response; internal failures (5xx) are also reported through
// options().report_internal.
http::Response error(const ApiContext& ctx, const core::Problem& problem);

// ---- public (public_handlers.cpp) ----
http::Response get_health(ApiContext& ctx, const http::Request& request);
http::Response get_version(ApiContext& ctx, const http::Request& request);
http::Response get_services(ApiContext& ctx, const http::Request& request);
http::Response get_slots(ApiContext& ctx, const http::Request& request);
http::Response post_pow(ApiContext& ctx, const http::Request& request);
http::Response get_alert(ApiContext& ctx, const http::Request& request);
http::Response get_qr_svg(ApiContext& ctx, const http::Request& request);
http::Response get_qr_png(ApiContext& ctx, const http::Request& request);

// ---- citizen bookings (booking_handlers.cpp) ----
http::Response post_booking(ApiContext& ctx, const http::Request& request);
// POST /api/v1/registrations/check: every problem the server would find in a registration
// (the core's check_registration, with the center's today and minimum age), for the booking
// page's inline checks. 200 {"problems": [{code, message, params}, ...]}; no rate limit (pure).
http::Response post_registration_check(ApiContext& ctx, const http::Request& request);
http::Response post_lookup(ApiContext& ctx, const http::Request& request);
http::Response post_cancel(ApiContext& ctx, const http::Request& request);

// ---- devices (device_handlers.cpp) ----
http::Response post_terminal_booking(ApiContext& ctx, const http::Request& request);
http::Response get_board(ApiContext& ctx, const http::Request& request);
http::Response get_events(ApiContext& ctx, const http::Request& request);

// ---- staff sessions and reading (staff_handlers.cpp) ----
http::Response post_login(ApiContext& ctx, const http::Request& request);
http::Response post_logout(ApiContext& ctx, const http::Request& request);
http::Response get_queue(ApiContext& ctx, const http::Request& request);
http::Response get_keys(ApiContext& ctx, const http::Request& request);

// ---- the window (desk_handlers.cpp) ----
http::Response post_desk_find(ApiContext& ctx, const http::Request& request);
http::Response post_verify(ApiContext& ctx, const http::Request& request);
http::Response post_action(ApiContext& ctx, const http::Request& request);
http::Response post_call_next(ApiContext& ctx, const http::Request& request);

// ---- supervisors (supervisor_handlers.cpp) ----
http::Response post_unblock(ApiContext& ctx, const http::Request& request);
http::Response post_alert(ApiContext& ctx, const http::Request& request);
http::Response get_stats(ApiContext& ctx, const http::Request& request);
http::Response get_audit(ApiContext& ctx, const http::Request& request);

}  // namespace cherha::server::api
