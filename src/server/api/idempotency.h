// Idempotency of state-changing staff requests: a desk that retries after a lost response sends
// the same `Idempotency-Key` header, and the server answers with the response it stored the
// first time (header `Idempotent-Replayed: true`) instead of applying the outcome again. The key
// is bound to the request by a digest of method, path and body, so the same key with another
// request is refused (idempotency.key_reused, 409).
//
// Problem codes (params in braces):
//   request.invalid_field {field="Idempotency-Key", expected="idempotency_key"}
//                              the header is not 1..100 printable ASCII characters
//   idempotency.key_reused {}  the key was used before with another request
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "center/service_center.h"
#include "core/common/problem.h"
#include "server/api/api_context.h"
#include "server/http/http_message.h"

namespace cherha::server::api {

inline constexpr std::size_t kMaxIdempotencyKeyBytes = 100;

// Hex SHA-256 (OpenSSL EVP) of method "\n" path "\n" body. Pure, thread-safe.
std::string request_digest(std::string_view method, std::string_view path, std::string_view body);

// The request's Idempotency-Key with its digest; nullopt when the header is absent or empty.
core::Result<std::optional<center::Idempotency>> idempotency_of(const http::Request& request);

// The HTTP response of a ServiceCenter outcome (a replay carries Idempotent-Replayed: true).
http::Response outcome_response(const center::ServiceCenter::Outcome& outcome);

// Runs `operation` at most once per (staff member, key) through the store's idempotency table:
// with a key already answered for this request, the stored answer; with the key used for another
// request, idempotency.key_reused; otherwise runs `operation` and stores its answer when it
// is 2xx. Without a key (or without ctx.shared.store) just runs `operation`. The check and the
// save are two store sessions: two concurrent first requests with one key may both run, so use
// it only for operations whose repetition is harmless (unblock, alert).
http::Response idempotent(ApiContext& ctx, const http::Request& request,
                          const std::function<http::Response()>& operation);

}  // namespace cherha::server::api
