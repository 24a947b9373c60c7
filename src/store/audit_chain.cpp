#include "store/audit_chain.h"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <string_view>

namespace cherha::store {

namespace {

constexpr std::string_view kDomain = "cherha.audit.v1";

// Incremental SHA-256 over length-prefixed fields.
class Sha256 {
  public:
    Sha256() : ctx_(EVP_MD_CTX_new()) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) failed_ = true;
    }

    void raw(std::string_view bytes) {
        if (!failed_ && EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1)
            failed_ = true;
    }

    void field(std::string_view bytes) {
        std::array<char, 8> length{};
        auto size = static_cast<std::uint64_t>(bytes.size());
        for (int i = 7; i >= 0; --i) {
            length[static_cast<std::size_t>(i)] = static_cast<char>(size & 0xffU);
            size >>= 8U;
        }
        raw(std::string_view(length.data(), length.size()));
        raw(bytes);
    }

    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        if (failed_ || EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size) != 1) return {};
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out;
        out.reserve(size * 2U);
        for (unsigned int i = 0; i < size; ++i) {
            out.push_back(kHex[digest[i] >> 4U]);
            out.push_back(kHex[digest[i] & 0x0fU]);
        }
        return out;
    }

  private:
    struct Free {
        void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> ctx_;
    bool failed_ = false;
};

}  // namespace

std::string audit_entry_hash(std::int64_t seq, const std::string& prev_hash,
                             const AuditEvent& event) {
    Sha256 sha;
    sha.raw(kDomain);
    sha.field(prev_hash);
    sha.field(std::to_string(seq));
    sha.field(std::to_string(event.at.time_since_epoch().count()));
    sha.field(event.actor);
    sha.field(event.window_id);
    sha.field(event.action);
    sha.field(event.booking_id ? "#" + std::to_string(*event.booking_id) : std::string());
    sha.field(event.result);
    sha.field(event.details);
    return sha.hex();
}

bool AuditChainVerifier::add(const AuditEntry& entry) {
    ++result_.entries;
    if (result_.first_broken) return false;
    const bool sound = entry.seq == last_seq_ + 1 && entry.prev_hash == last_hash_ &&
                       !entry.hash.empty() &&
                       entry.hash == audit_entry_hash(entry.seq, entry.prev_hash, entry.event);
    if (!sound) {
        result_.first_broken = entry.seq;
        return false;
    }
    last_seq_ = entry.seq;
    last_hash_ = entry.hash;
    return true;
}

AuditVerification verify_audit_entries(std::span<const AuditEntry> entries) {
    AuditChainVerifier verifier;
    for (const auto& entry : entries) verifier.add(entry);
    return verifier.result();
}

}  // namespace cherha::store
