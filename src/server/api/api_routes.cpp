#include "server/api/api_routes.h"

#include <algorithm>
#include <cctype>

#include "server/api/handlers.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {
namespace {

// The credentials of `Authorization: <scheme> <token>` (scheme case-insensitive).
struct Credentials {
    enum class Scheme { None, Bearer, Device, Other } scheme = Scheme::None;
    std::string token;
};

Credentials credentials_of(const http::Request& request) {
    const std::string header = request.header("Authorization");
    Credentials c;
    if (header.empty()) return c;
    const auto space = header.find(' ');
    std::string scheme = header.substr(0, space);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (space != std::string::npos) {
        c.token = header.substr(space + 1);
        while (!c.token.empty() && c.token.front() == ' ') c.token.erase(0, 1);
        while (!c.token.empty() && c.token.back() == ' ') c.token.pop_back();
    }
    c.scheme = scheme == "bearer"   ? Credentials::Scheme::Bearer
               : scheme == "device" ? Credentials::Scheme::Device
                                    : Credentials::Scheme::Other;
    return c;
}

http::Response unauthorised(const core::Problem& problem) {
    http::Response response = problem_response(problem);
    if (response.status == 401)
        response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cherha\"");
    return response;
}

}  // namespace

std::string_view caller_id(Caller caller) {
    switch (caller) {
        case Caller::Anonymous:
            return "anonymous";
        case Caller::Clerk:
            return "clerk";
        case Caller::Supervisor:
            return "supervisor";
        case Caller::Admin:
            return "admin";
        case Caller::Kiosk:
            return "kiosk";
        case Caller::Board:
            return "board";
    }
    return "anonymous";
}

Caller caller_of(const center::Actor& actor) {
    switch (actor.kind) {
        case center::Actor::Kind::Staff:
            if (actor.role == store::StaffRole::Admin) return Caller::Admin;
            if (actor.role == store::StaffRole::Supervisor) return Caller::Supervisor;
            return Caller::Clerk;
        case center::Actor::Kind::Device:
            return actor.device == store::DeviceKind::Board ? Caller::Board : Caller::Kiosk;
        case center::Actor::Kind::Citizen:
            break;
    }
    return Caller::Anonymous;
}

// clang-format off
const std::vector<ApiRoute>& api_routes() {
    static const std::vector<ApiRoute> table = {
        // public
        {"GET",  "/api/v1/health",                  kPublic,         get_health},
        {"GET",  "/api/v1/version",                 kPublic,         get_version},
        {"GET",  "/api/v1/services",                kPublic,         get_services},
        {"GET",  "/api/v1/services/{service}/slots", kPublic,        get_slots},
        {"POST", "/api/v1/pow",                     kPublic,         post_pow},
        {"POST", "/api/v1/bookings",                kPublic,         post_booking},
        {"POST", "/api/v1/registrations/check",     kPublic,         post_registration_check},
        {"POST", "/api/v1/bookings/lookup",         kPublic,         post_lookup},
        {"POST", "/api/v1/bookings/cancel",         kPublic,         post_cancel},
        {"GET",  "/api/v1/qr.svg",                  kPublic,         get_qr_svg},
        {"GET",  "/api/v1/qr.png",                  kPublic,         get_qr_png},
        {"GET",  "/api/v1/alert",                   kPublic,         get_alert},
        {"POST", "/api/v1/auth/login",              kPublic,         post_login},
        // devices
        {"POST", "/api/v1/terminal/bookings",       kKiosk,          post_terminal_booking},
        {"GET",  "/api/v1/board",                   kBoardViewers,   get_board},
        {"GET",  "/api/v1/events",                  kEventListeners, get_events},
        // staff
        {"POST", "/api/v1/auth/logout",             kStaff,          post_logout},
        {"GET",  "/api/v1/queue",                   kStaff,          get_queue},
        {"GET",  "/api/v1/keys",                    kStaff,          get_keys},
        {"POST", "/api/v1/desk/find",               kStaff,          post_desk_find},
        {"POST", "/api/v1/desk/call-next",          kStaff,          post_call_next},
        {"POST", "/api/v1/bookings/{id}/verify",    kStaff,          post_verify},
        {"POST", "/api/v1/bookings/{id}/actions",   kStaff,          post_action},
        // supervisors
        {"POST", "/api/v1/identities/unblock",      kSupervisors,    post_unblock},
        {"POST", "/api/v1/alert",                   kSupervisors,    post_alert},
        {"GET",  "/api/v1/stats",                   kSupervisors,    get_stats},
        {"GET",  "/api/v1/audit",                   kSupervisors,    get_audit},
    };
    return table;
}
// clang-format on

bool cross_site(const http::Request& request) {
    if (request.method == "GET" || request.method == "HEAD") return false;
    const std::string origin = request.header("origin");
    if (origin.empty()) return false;  // not a browser, or a browser's same-origin navigation
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string::npos) return true;  // "null" (sandboxed pages, files)
    const std::string scheme = origin.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return true;  // browsers send these in lower case
    const std::string authority = origin.substr(scheme_end + 3);
    const std::string host = request.header("host");
    if (host.size() != authority.size()) return true;
    for (std::size_t i = 0; i < host.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(host[i])) !=
            std::tolower(static_cast<unsigned char>(authority[i])))
            return true;
    return false;
}

http::Response serve(ApiShared& shared, const ApiRoute& route, const http::Request& request) {
    ApiContext ctx{shared, center::Actor{}};
    // A page of another site must not make a visitor's browser book, cancel or log in.
    if (cross_site(request))
        return problem_response(core::Problem(
            "http.cross_origin", {{"origin", request.header("origin").substr(0, 200)}}));
    if ((route.access & bit(Caller::Anonymous)) == 0) {
        const Credentials credentials = credentials_of(request);
        core::Result<center::Actor> actor = core::Problem("auth.session_invalid");
        if (credentials.scheme == Credentials::Scheme::Bearer)
            actor = shared.center.authenticate_staff(credentials.token);
        else if (credentials.scheme == Credentials::Scheme::Device)
            actor = shared.center.authenticate_device(credentials.token);
        if (!actor) {
            if (status_of(actor.problem().code) >= 500) return error(ctx, actor.problem());
            return unauthorised(actor.problem());
        }
        ctx.actor = std::move(actor).value();
        const Caller caller = caller_of(ctx.actor);
        if ((route.access & bit(caller)) == 0)
            return problem_response(
                core::Problem("auth.forbidden", {{"role", std::string(caller_id(caller))}}));
    }
    return route.handler(ctx, request);
}

std::optional<core::Problem> register_api_routes(http::Router& router, ApiShared& shared) {
    for (const ApiRoute& route : api_routes()) {
        auto added = router.add(
            std::string(route.method), std::string(route.pattern),
            [&shared, &route](const http::Request& r) { return serve(shared, route, r); });
        if (added) return added;
    }
    return std::nullopt;
}

}  // namespace cherha::server::api
