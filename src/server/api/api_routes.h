// The API v1 route table: every endpoint with who may call it and its handler, in one place.
// register_api_routes() puts each entry on an http::Router as a one-line lambda that runs the
// access check (serve()) and then the plain handler function.
//
// Access check, before any handler runs:
//   - a request other than GET/HEAD whose Origin header names another origin than its Host
//     (or "null") is refused with 403 http.cross_origin {origin}: a page of another site
//     cannot make a visitor's browser book, cancel or log in (clients that are not browsers
//     send no Origin);
//   - a public route serves everybody (credentials are not even read);
//   - otherwise `Authorization: Bearer <session token>` (staff) or `Authorization: Device
//     <device token>` (kiosk, board) must name a live session or device, else 401
//     auth.session_invalid (with WWW-Authenticate);
//   - and the caller's role or device kind must be allowed on the route, else 403
//     auth.forbidden {role}.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/common/problem.h"
#include "server/api/api_context.h"
#include "server/http/http_message.h"
#include "server/http/router.h"

namespace cherha::server::api {

// True when `request` changes state and comes from a page of another origin (see above).
bool cross_site(const http::Request& request);

// Who calls: nobody known, a staff role, or a device kind. Each is one bit of an Access mask.
enum class Caller : unsigned {
    Anonymous = 1u << 0,
    Clerk = 1u << 1,
    Supervisor = 1u << 2,
    Admin = 1u << 3,
    Kiosk = 1u << 4,
    Board = 1u << 5,
};
using Access = unsigned;

inline constexpr Access bit(Caller c) {
    return static_cast<Access>(c);
}
inline constexpr Access kPublic = bit(Caller::Anonymous) | bit(Caller::Clerk) |
                                  bit(Caller::Supervisor) | bit(Caller::Admin) |
                                  bit(Caller::Kiosk) | bit(Caller::Board);
inline constexpr Access kStaff = bit(Caller::Clerk) | bit(Caller::Supervisor) | bit(Caller::Admin);
inline constexpr Access kSupervisors = bit(Caller::Supervisor) | bit(Caller::Admin);
inline constexpr Access kKiosk = bit(Caller::Kiosk);
inline constexpr Access kBoardViewers = kStaff | bit(Caller::Kiosk) | bit(Caller::Board);
inline constexpr Access kEventListeners = kStaff | bit(Caller::Board);

// "anonymous", "clerk", "supervisor", "admin", "kiosk", "board". Pure.
std::string_view caller_id(Caller caller);
// The Caller an authenticated actor is (Anonymous for citizens). Pure.
Caller caller_of(const center::Actor& actor);

using ApiHandler = http::Response (*)(ApiContext&, const http::Request&);

struct ApiRoute {
    std::string_view method;
    std::string_view pattern;
    Access access;
    ApiHandler handler;
};

// Every API v1 route, in registration order. Pure, thread-safe.
const std::vector<ApiRoute>& api_routes();

// The access check of `route` for `request`, then its handler. Thread-safe (as the handlers).
http::Response serve(ApiShared& shared, const ApiRoute& route, const http::Request& request);

// Adds every route of api_routes() to `router`. Needs: `shared` outlives the router.
// Guarantees: nullopt, or the router's http.route_* problem of the first route it refused.
[[nodiscard]] std::optional<core::Problem> register_api_routes(http::Router& router,
                                                               ApiShared& shared);

}  // namespace cherha::server::api
