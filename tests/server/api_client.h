// What the server's integration tests (and the benchmark) say to API v1 over real HTTP: synthetic
// people as registration JSON, solved proof-of-work challenges, booking bodies, free slots of a
// day, staff login. Built on the libcurl HttpClient (tests/support/http_client.h).
//
// Thread-safety: the free functions are thread-safe; each takes the caller's own HttpClient
// (one per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/civil.h"
#include "support/http_client.h"
#include "support/synthetic_people.h"

namespace cherha::test {

// The n-th synthetic person (n >= 0): a distinct, valid RNOKPP and ID-card number for every n
// up to a few million, the same default names.
core::synthetic::Person api_person(int n);
// The person's registration as API JSON (natural person, RNOKPP, ID card).
nlohmann::json registration_json(const core::synthetic::Person& person);

// The reply's body as JSON, or a discarded value when it is not JSON.
nlohmann::json json_of(const HttpReply& reply);
// The "error" code of a problem reply, or "".
std::string error_code(const HttpReply& reply);

// POST /api/v1/pow and a nonce that answers it: {"challenge", "nonce"}, or nullopt.
std::optional<nlohmann::json> solved_pow(HttpClient& client);

// The body of POST /api/v1/bookings.
nlohmann::json booking_body(const std::string& service, const std::string& day,
                            const std::string& time, const nlohmann::json& registration,
                            const nlohmann::json& pow);

// A slot as GET /api/v1/services/{s}/slots lists it.
struct SlotView {
    std::string service;
    std::string day;
    std::string time;
    int capacity = 0;
    int taken = 0;
    int free = 0;
    bool bookable = false;
};

// The slots of `service` on `day` (empty when the request fails).
std::vector<SlotView> day_slots(HttpClient& client, const std::string& service,
                                const std::string& day);

// The center's "today" (GET /api/v1/services), or an invalid date when it fails.
core::Date center_today(HttpClient& client);
// "YYYY-MM-DD" of `day` + `days`.
std::string day_plus(core::Date day, int days);

// The first day from today + `from` within the online window on which `service` has at least
// `wanted` bookable slots with a free place; "" when none.
std::string day_with_free_slots(HttpClient& client, const std::string& service, int wanted,
                                int from = 1);

// POST /api/v1/auth/login; the session token, or "" (the reply is put in `reply` if given).
std::string log_in(HttpClient& client, const std::string& login, const std::string& password,
                   const std::string& window = "", HttpReply* reply = nullptr);
// The "Authorization: Bearer <token>" header list.
HeaderList bearer(const std::string& token);
HeaderList json_headers(HeaderList more = {});

}  // namespace cherha::test
