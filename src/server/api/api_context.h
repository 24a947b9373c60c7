// What every API v1 handler works with: the application (ServiceCenter), the live-event hub, the
// options of the API and, per request, who is calling. The routes (api_routes.h) build one
// ApiContext per request after the access check; tests build it directly and call the handlers
// without sockets.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "center/service_center.h"
#include "server/events/event_hub.h"
#include "store/center_store.h"

namespace cherha::server::api {

struct ApiOptions {
    std::string version = "0.0.0";  // the server's version for GET /api/v1/version
    // Server-sent events: a comment line after this long without an event keeps proxies from
    // closing the stream; each next() of a stream waits at most event_wait.
    std::chrono::seconds keep_alive{15};
    std::chrono::milliseconds event_wait{2000};
    // For the Retry-After of 429 answers: the refill rates of the public booking limiters.
    double address_rate_per_second = 0.2;
    double identity_rate_per_second = 1.0 / 60;
    // Where internal failures (500 answers) are reported: their code only, never params.
    std::function<void(std::string_view code)> report_internal;
};

// Long-lived: one per server. Everything here must outlive the router it is registered on.
struct ApiShared {
    center::ServiceCenter& center;
    std::shared_ptr<events::EventHub> events;  // nullptr: GET /api/v1/events answers 503
    // For idempotent replays of unblock and alert (act and call-next keep theirs in the center);
    // nullptr: those two ignore Idempotency-Key.
    store::CenterStore* store = nullptr;
    ApiOptions options;
};

// One request's view: the shared parts and the authenticated caller (a Citizen actor on public
// routes). Not thread-safe; one per request.
struct ApiContext {
    ApiShared& shared;
    center::Actor actor;

    center::ServiceCenter& center() const { return shared.center; }
    const ApiOptions& options() const { return shared.options; }
};

}  // namespace cherha::server::api
