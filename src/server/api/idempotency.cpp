#include "server/api/idempotency.h"

#include <openssl/evp.h>

#include <array>
#include <memory>

#include "server/api/problem_response.h"

namespace cherha::server::api {
namespace {

bool printable_ascii(std::string_view text) {
    for (char c : text)
        if (c < 0x21 || c > 0x7E) return false;
    return true;
}

http::Response replayed(int status, std::string body) {
    http::Response response = http::Response::json(status, std::move(body));
    response.headers.emplace_back("Idempotent-Replayed", "true");
    return response;
}

}  // namespace

std::string request_digest(std::string_view method, std::string_view path, std::string_view body) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const bool ok = md && EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) == 1 &&
                    EVP_DigestUpdate(md.get(), method.data(), method.size()) == 1 &&
                    EVP_DigestUpdate(md.get(), "\n", 1) == 1 &&
                    EVP_DigestUpdate(md.get(), path.data(), path.size()) == 1 &&
                    EVP_DigestUpdate(md.get(), "\n", 1) == 1 &&
                    EVP_DigestUpdate(md.get(), body.data(), body.size()) == 1 &&
                    EVP_DigestFinal_ex(md.get(), digest.data(), &length) == 1;
    if (!ok) return {};  // never equal to a stored digest of 64 hex digits
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0x0F];
    }
    return out;
}

core::Result<std::optional<center::Idempotency>> idempotency_of(const http::Request& request) {
    const std::string key = request.header("Idempotency-Key");
    if (key.empty()) return std::optional<center::Idempotency>();
    if (key.size() > kMaxIdempotencyKeyBytes || !printable_ascii(key))
        return core::Problem("request.invalid_field",
                             {{"field", "Idempotency-Key"}, {"expected", "idempotency_key"}});
    return std::optional<center::Idempotency>(
        center::Idempotency{key, request_digest(request.method, request.path, request.body)});
}

http::Response outcome_response(const center::ServiceCenter::Outcome& outcome) {
    if (outcome.replayed) return replayed(outcome.status, outcome.body);
    return http::Response::json(outcome.status, outcome.body);
}

http::Response idempotent(ApiContext& ctx, const http::Request& request,
                          const std::function<http::Response()>& operation) {
    auto key = idempotency_of(request);
    if (!key) return problem_response(key.problem());
    store::CenterStore* store = ctx.shared.store;
    if (!key->has_value() || !store) return operation();
    const center::Idempotency& idem = **key;
    {
        auto session = store->read();
        if (!session) return problem_response(session.problem());
        auto stored = session.value()->idempotent_response(ctx.actor.id, idem.key);
        if (!stored) return problem_response(stored.problem());
        if (stored->has_value()) {
            if ((*stored)->request_digest != idem.request_digest)
                return problem_response(core::Problem("idempotency.key_reused"));
            return replayed((*stored)->status, (*stored)->body);
        }
    }
    http::Response response = operation();
    if (response.status >= 200 && response.status < 300) {
        auto session = store->write();
        if (session) {
            // Best effort: the operation is done; a failure to remember it only loses the replay.
            if (!session.value()->save_idempotent_response(
                    ctx.actor.id, idem.key, {idem.request_digest, response.status, response.body},
                    ctx.center().now()))
                (void)session.value()->commit();
        }
    }
    return response;
}

}  // namespace cherha::server::api
