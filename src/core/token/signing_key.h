// Ed25519 keys that sign booking QR tokens, their key ids, and the key ring that
// lets keys rotate (old keys keep verifying the codes they signed).
//
// Key id: the first 4 bytes of SHA-256 over the 32-byte raw Ed25519 public key
// (RFC 8032 encoding), written as 8 lower-case hex digits, e.g. "3fa9c01e". It is
// carried in every token so the verifier picks the right public key.
//
// PEM text: private keys are unencrypted PKCS#8 ("-----BEGIN PRIVATE KEY-----"),
// public keys are SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----"), as written by
// OpenSSL's PEM_write_bio_PrivateKey / PEM_write_bio_PUBKEY and read by `openssl pkey`.
// Protecting the private key file (permissions, storage) is the caller's job.
//
// Problems (code {params}):
//   key.empty                           the PEM text is empty or only white space
//   key.unreadable                      no PEM key could be read from the text (garbage,
//                                       damaged base64, truncated, over 64 KiB)
//   key.encrypted                       a passphrase-protected private key (not supported)
//   key.wrong_type {type}               a readable key of another algorithm; type is
//                                       OpenSSL's name for it, e.g. "RSA", "EC", "ED448"
//   key.wrong_kind {expected, found}    a private key where a public one is expected or
//                                       the other way round; values "public" / "private"
//   key.generation_failed               the system could not generate a key (no entropy)
//   key.sign_failed                     the signature could not be computed
//   key.duplicate {key_id}              the key ring already holds a key with that id
//   key.not_found {key_id}              the key ring holds no key with that id
//   key.no_signing_key                  the key ring holds no active key with a private part
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace cherha::core {

// The id of a signing key: first 4 bytes of SHA-256 of the raw public key.
struct KeyId {
    std::array<std::uint8_t, 4> bytes{};

    // 8 lower-case hex digits.
    std::string hex() const;
    auto operator<=>(const KeyId&) const = default;
};

// "3fa9c01e" (8 hex digits, either case) -> KeyId; nullopt for anything else. Pure.
std::optional<KeyId> parse_key_id(std::string_view hex);

// The public half of an Ed25519 key: verifies signatures. Cheap to copy (shares the
// immutable OpenSSL key). Thread-safe: all members are const and may run concurrently.
class VerifyingKey {
  public:
    KeyId key_id() const { return id_; }
    // The 32-byte raw public key (RFC 8032).
    std::array<std::uint8_t, 32> raw() const { return raw_; }
    // SubjectPublicKeyInfo PEM text, ends with a newline.
    std::string public_pem() const;
    // True only when `signature` is a valid Ed25519 signature of `message` by this key.
    // Any signature length other than 64 gives false. Never throws.
    bool verify(std::span<const std::uint8_t> message,
                std::span<const std::uint8_t> signature) const;

  private:
    friend class SigningKey;
    friend Result<VerifyingKey> load_verifying_key_pem(std::string_view pem);
    VerifyingKey() = default;
    std::shared_ptr<evp_pkey_st> key_;
    std::array<std::uint8_t, 32> raw_{};
    KeyId id_;
};

// An Ed25519 private key: signs. Cheap to copy (shares the immutable OpenSSL key).
// Thread-safe: all members are const and may run concurrently.
class SigningKey {
  public:
    KeyId key_id() const { return public_.key_id(); }
    const VerifyingKey& verifying_key() const { return public_; }
    // Unencrypted PKCS#8 PEM text, ends with a newline. Secret: handle with care.
    std::string private_pem() const;
    // The 64-byte Ed25519 signature of `message`. Problem: key.sign_failed.
    Result<std::vector<std::uint8_t>> sign(std::span<const std::uint8_t> message) const;

  private:
    friend Result<SigningKey> generate_signing_key();
    friend Result<SigningKey> load_signing_key_pem(std::string_view pem);
    SigningKey() = default;
    static Result<SigningKey> from_pkey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> key_;
    VerifyingKey public_;
};

// A new random Ed25519 key pair from OpenSSL's CSPRNG.
// Problem: key.generation_failed. Thread-safe.
Result<SigningKey> generate_signing_key();

// Reads an unencrypted PKCS#8 (or OpenSSL legacy) Ed25519 private key from PEM text.
// Surrounding text (comments before the BEGIN line) is tolerated. Never prompts for a
// passphrase. Problems: key.empty, key.unreadable, key.encrypted, key.wrong_type {type},
// key.wrong_kind {expected=private, found=public}. Thread-safe.
Result<SigningKey> load_signing_key_pem(std::string_view pem);

// Reads an Ed25519 public key (SubjectPublicKeyInfo PEM). Problems: key.empty,
// key.unreadable, key.wrong_type {type}, key.wrong_kind {expected=public, found=private}
// (a private key is refused so that secrets are not copied where only the public key
// belongs). Thread-safe.
Result<VerifyingKey> load_verifying_key_pem(std::string_view pem);

// The keys a center knows, by key id. Rotation: add the new key (it becomes the signing
// key, being the newest active one with a private part), retire the old one (it stops
// signing but keeps verifying), and remove it once the bookings it signed are past
// (then its tokens give token.unknown_key).
// Not synchronised: const members may run concurrently, mutation needs exclusive access.
class KeyRing {
  public:
    struct Entry {
        VerifyingKey verifying_key;
        std::optional<SigningKey> signing_key;  // absent on machines that only verify
        Instant activated_at;                   // orders keys for signing-key selection
        bool retired = false;                   // retired keys verify but never sign
    };

    // Adds a key pair / a public key. Problem: key.duplicate {key_id} when a key with the
    // same id is already in the ring (even the same key: remove it first to replace it).
    std::optional<Problem> add(const SigningKey& key, Instant activated_at);
    std::optional<Problem> add(const VerifyingKey& key, Instant activated_at);

    // Marks a key retired: it keeps verifying, never signs again.
    // Problem: key.not_found {key_id}.
    std::optional<Problem> retire(const KeyId& id);

    // Removes a key: its tokens no longer verify. Problem: key.not_found {key_id}.
    std::optional<Problem> remove(const KeyId& id);

    // The key for `id`, or nullptr. The pointer is valid until the ring is changed.
    const VerifyingKey* find(const KeyId& id) const;

    // The key that signs new tokens: among the entries that are not retired and hold a
    // private key, the one with the latest activated_at (ties: the one added last).
    // Problem: key.no_signing_key.
    Result<SigningKey> signing_key() const;

    // All entries in the order they were added.
    const std::vector<Entry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }

  private:
    std::optional<Problem> add_entry(Entry entry);
    std::vector<Entry> entries_;
};

}  // namespace cherha::core
