#include "core/token/signing_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <algorithm>
#include <climits>

namespace cherha::core {

namespace {

constexpr std::size_t kMaxPemBytes = 64 * 1024;

using PkeyPtr = std::shared_ptr<EVP_PKEY>;

PkeyPtr own(EVP_PKEY* key) {
    return PkeyPtr(key, EVP_PKEY_free);
}

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// Never prompt for a passphrase: an encrypted key simply fails to load.
int refuse_passphrase(char*, int, int, void*) {
    return -1;
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    if (n <= 0 || data == nullptr) return {};
    return std::string(data, static_cast<std::size_t>(n));
}

bool only_space(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    });
}

std::string key_type_name(EVP_PKEY* key) {
    const char* name = EVP_PKEY_get0_type_name(key);
    if (name == nullptr) return "unknown";
    std::string out(name);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Problem for a text that is not a readable PEM key, or nullopt when it should be tried.
std::optional<Problem> pem_precheck(std::string_view pem) {
    if (only_space(pem)) return Problem("key.empty");
    if (pem.size() > kMaxPemBytes) return Problem("key.unreadable");
    return std::nullopt;
}

bool says(std::string_view pem, std::string_view label) {
    return pem.find(label) != std::string_view::npos;
}

// Whether `pem` holds a readable public key (private == false) or private key.
bool holds_key(std::string_view pem, bool private_part) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return false;
    EVP_PKEY* key = private_part
                        ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr)
                        : PEM_read_bio_PUBKEY(bio.get(), nullptr, refuse_passphrase, nullptr);
    ERR_clear_error();
    EVP_PKEY_free(key);
    return key != nullptr;
}

}  // namespace

std::string KeyId::hex() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0F]);
    }
    return out;
}

std::optional<KeyId> parse_key_id(std::string_view hex) {
    if (hex.size() != 8) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    KeyId id;
    for (std::size_t i = 0; i < 4; ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        id.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return id;
}

// --- VerifyingKey ---------------------------------------------------------------

std::string VerifyingKey::public_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return bio_text(bio.get());
}

bool VerifyingKey::verify(std::span<const std::uint8_t> message,
                          std::span<const std::uint8_t> signature) const {
    if (!key_ || signature.size() != 64) return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
              EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                               message.size()) == 1;
    ERR_clear_error();
    return ok;
}

// --- SigningKey -------------------------------------------------------------------

Result<SigningKey> SigningKey::from_pkey(std::shared_ptr<evp_pkey_st> key) {
    SigningKey out;
    std::size_t len = 32;
    if (EVP_PKEY_get_raw_public_key(key.get(), out.public_.raw_.data(), &len) != 1 || len != 32) {
        ERR_clear_error();
        return Problem("key.unreadable");
    }
    // A public-only copy for the verifying half.
    EVP_PKEY* pub =
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, out.public_.raw_.data(), 32);
    if (pub == nullptr) {
        ERR_clear_error();
        return Problem("key.unreadable");
    }
    out.public_.key_ = own(pub);
    std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
    SHA256(out.public_.raw_.data(), out.public_.raw_.size(), digest.data());
    std::copy_n(digest.begin(), 4, out.public_.id_.bytes.begin());
    out.key_ = std::move(key);
    return out;
}

std::string SigningKey::private_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    return bio_text(bio.get());
}

Result<std::vector<std::uint8_t>> SigningKey::sign(std::span<const std::uint8_t> message) const {
    std::vector<std::uint8_t> signature(64);
    std::size_t len = signature.size();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx && key_ && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
        EVP_DigestSign(ctx.get(), signature.data(), &len, message.data(), message.size()) == 1 &&
        len == 64;
    ERR_clear_error();
    if (!ok) return Problem("key.sign_failed");
    return signature;
}

Result<SigningKey> generate_signing_key() {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (key == nullptr) {
        ERR_clear_error();
        return Problem("key.generation_failed");
    }
    return SigningKey::from_pkey(own(key));
}

Result<SigningKey> load_signing_key_pem(std::string_view pem) {
    if (auto p = pem_precheck(pem)) return *p;
    if (says(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
        (says(pem, "PRIVATE KEY-----") && says(pem, "Proc-Type: 4,ENCRYPTED")))
        return Problem("key.encrypted");
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* raw =
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr;
    ERR_clear_error();
    if (raw == nullptr) {
        if (holds_key(pem, false))
            return Problem("key.wrong_kind", {{"expected", "private"}, {"found", "public"}});
        return Problem("key.unreadable");
    }
    PkeyPtr key = own(raw);
    if (EVP_PKEY_get_id(raw) != EVP_PKEY_ED25519)
        return Problem("key.wrong_type", {{"type", key_type_name(raw)}});
    return SigningKey::from_pkey(std::move(key));
}

Result<VerifyingKey> load_verifying_key_pem(std::string_view pem) {
    if (auto p = pem_precheck(pem)) return *p;
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* raw =
        bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, refuse_passphrase, nullptr) : nullptr;
    ERR_clear_error();
    if (raw == nullptr) {
        if (holds_key(pem, true) || says(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----"))
            return Problem("key.wrong_kind", {{"expected", "public"}, {"found", "private"}});
        return Problem("key.unreadable");
    }
    PkeyPtr key = own(raw);
    if (EVP_PKEY_get_id(raw) != EVP_PKEY_ED25519)
        return Problem("key.wrong_type", {{"type", key_type_name(raw)}});
    VerifyingKey out;
    std::size_t len = 32;
    if (EVP_PKEY_get_raw_public_key(raw, out.raw_.data(), &len) != 1 || len != 32) {
        ERR_clear_error();
        return Problem("key.unreadable");
    }
    std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
    SHA256(out.raw_.data(), out.raw_.size(), digest.data());
    std::copy_n(digest.begin(), 4, out.id_.bytes.begin());
    out.key_ = std::move(key);
    return out;
}

// --- KeyRing ----------------------------------------------------------------------

std::optional<Problem> KeyRing::add_entry(Entry entry) {
    const KeyId id = entry.verifying_key.key_id();
    if (find(id) != nullptr) return Problem("key.duplicate", {{"key_id", id.hex()}});
    entries_.push_back(std::move(entry));
    return std::nullopt;
}

std::optional<Problem> KeyRing::add(const SigningKey& key, Instant activated_at) {
    return add_entry(Entry{key.verifying_key(), key, activated_at, false});
}

std::optional<Problem> KeyRing::add(const VerifyingKey& key, Instant activated_at) {
    return add_entry(Entry{key, std::nullopt, activated_at, false});
}

std::optional<Problem> KeyRing::retire(const KeyId& id) {
    for (Entry& e : entries_) {
        if (e.verifying_key.key_id() == id) {
            e.retired = true;
            return std::nullopt;
        }
    }
    return Problem("key.not_found", {{"key_id", id.hex()}});
}

std::optional<Problem> KeyRing::remove(const KeyId& id) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.verifying_key.key_id() == id; });
    if (it == entries_.end()) return Problem("key.not_found", {{"key_id", id.hex()}});
    entries_.erase(it);
    return std::nullopt;
}

const VerifyingKey* KeyRing::find(const KeyId& id) const {
    for (const Entry& e : entries_)
        if (e.verifying_key.key_id() == id) return &e.verifying_key;
    return nullptr;
}

Result<SigningKey> KeyRing::signing_key() const {
    const Entry* best = nullptr;
    for (const Entry& e : entries_) {
        if (e.retired || !e.signing_key) continue;
        if (best == nullptr || e.activated_at >= best->activated_at) best = &e;
    }
    if (best == nullptr) return Problem("key.no_signing_key");
    return *best->signing_key;
}

}  // namespace cherha::core
