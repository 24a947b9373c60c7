#include "core/token/signing_key.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <memory>
#include <string>
#include <vector>

namespace cherha::core {
namespace {

using namespace std::chrono_literals;

std::vector<std::uint8_t> bytes(std::string_view s) {
    return {s.begin(), s.end()};
}

SigningKey new_key() {
    auto key = generate_signing_key();
    EXPECT_TRUE(key.ok());
    return std::move(key).value();
}

// PEM text of a key of another algorithm, made with OpenSSL directly.
std::string foreign_pem(const char* algorithm, bool private_part, const char* param = nullptr) {
    EVP_PKEY* key = param ? EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm, param)
                          : EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm);
    if (key == nullptr) return {};
    BIO* bio = BIO_new(BIO_s_mem());
    if (private_part)
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    else
        PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return out;
}

std::string rsa_pem(bool private_part) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
    BIO* bio = BIO_new(BIO_s_mem());
    if (private_part)
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    else
        PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return out;
}

TEST(KeyId, IsFirstFourBytesOfSha256OfTheRawPublicKey) {
    const SigningKey key = new_key();
    const auto raw = key.verifying_key().raw();
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(raw.data(), raw.size(), digest);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(key.key_id().bytes[i], digest[i]);
    EXPECT_EQ(key.key_id().hex().size(), 8u);
    EXPECT_EQ(key.key_id(), key.verifying_key().key_id());
}

TEST(KeyId, HexRoundTripAndRejects) {
    auto id = parse_key_id("3fA9c01E");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->hex(), "3fa9c01e");
    EXPECT_EQ(id->bytes[0], 0x3F);
    EXPECT_EQ(id->bytes[3], 0x1E);
    for (std::string_view bad : {"", "3fa9c01", "3fa9c01e0", "3fa9c01g", "3fa9 c01", "--------"})
        EXPECT_FALSE(parse_key_id(bad)) << bad;
    EXPECT_FALSE(parse_key_id(std::string("3fa9c01\0", 8)));
}

TEST(SigningKey, SignAndVerify) {
    const SigningKey key = new_key();
    auto sig = key.sign(bytes("hello"));
    ASSERT_TRUE(sig.ok());
    ASSERT_EQ(sig->size(), 64u);
    EXPECT_TRUE(key.verifying_key().verify(bytes("hello"), *sig));
    EXPECT_FALSE(key.verifying_key().verify(bytes("hellp"), *sig));
    EXPECT_FALSE(key.verifying_key().verify(bytes(""), *sig));
    std::vector<std::uint8_t> shorter(sig->begin(), sig->end() - 1);
    EXPECT_FALSE(key.verifying_key().verify(bytes("hello"), shorter));
    EXPECT_FALSE(key.verifying_key().verify(bytes("hello"), {}));
    // Another key does not verify it.
    EXPECT_FALSE(new_key().verifying_key().verify(bytes("hello"), *sig));
    // An empty message can be signed too.
    auto empty = key.sign({});
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(key.verifying_key().verify({}, *empty));
}

TEST(SigningKey, GeneratedKeysDiffer) {
    EXPECT_NE(new_key().verifying_key().raw(), new_key().verifying_key().raw());
}

TEST(SigningKey, PemRoundTrip) {
    const SigningKey key = new_key();
    const std::string priv = key.private_pem();
    const std::string pub = key.verifying_key().public_pem();
    EXPECT_EQ(priv.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
    EXPECT_EQ(pub.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);

    auto loaded = load_signing_key_pem(priv);
    ASSERT_TRUE(loaded.ok()) << loaded.problem().code;
    EXPECT_EQ(loaded->key_id(), key.key_id());
    EXPECT_EQ(loaded->verifying_key().raw(), key.verifying_key().raw());
    auto sig = loaded->sign(bytes("x"));
    ASSERT_TRUE(sig.ok());
    auto loaded_pub = load_verifying_key_pem(pub);
    ASSERT_TRUE(loaded_pub.ok()) << loaded_pub.problem().code;
    EXPECT_EQ(loaded_pub->key_id(), key.key_id());
    EXPECT_TRUE(loaded_pub->verify(bytes("x"), *sig));
    EXPECT_EQ(loaded_pub->public_pem(), pub);

    // Text around the PEM block (a comment line) is tolerated.
    EXPECT_TRUE(load_signing_key_pem("# center key\n" + priv).ok());
    EXPECT_TRUE(load_verifying_key_pem("# center key\n" + pub).ok());
}

TEST(SigningKey, EmptyAndGarbagePem) {
    for (std::string_view text : {"", " \n\t"}) {
        EXPECT_EQ(load_signing_key_pem(text).problem().code, "key.empty");
        EXPECT_EQ(load_verifying_key_pem(text).problem().code, "key.empty");
    }
    const std::string garbage[] = {
        "hello world",
        "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        std::string("\0\0\0\xFF\xFE", 5),
        std::string(70 * 1024, 'A'),
    };
    for (const std::string& text : garbage) {
        EXPECT_EQ(load_signing_key_pem(text).problem().code, "key.unreadable") << text.size();
        EXPECT_EQ(load_verifying_key_pem(text).problem().code, "key.unreadable") << text.size();
    }
}

TEST(SigningKey, TruncatedAndDamagedPem) {
    const SigningKey key = new_key();
    const std::string priv = key.private_pem();
    const std::string pub = key.verifying_key().public_pem();
    EXPECT_EQ(load_signing_key_pem(priv.substr(0, priv.size() / 2)).problem().code,
              "key.unreadable");
    EXPECT_EQ(load_verifying_key_pem(pub.substr(0, pub.size() - 10)).problem().code,
              "key.unreadable");
    // Change one base64 character of the body: never a different, silently wrong key.
    std::string damaged = pub;
    const std::size_t body = damaged.find('\n') + 5;
    damaged[body] = damaged[body] == 'A' ? 'B' : 'A';
    auto r = load_verifying_key_pem(damaged);
    if (r.ok()) {
        EXPECT_NE(r->key_id(), key.key_id());
    }
}

TEST(SigningKey, OtherAlgorithmsAreWrongType) {
    auto rsa_private = load_signing_key_pem(rsa_pem(true));
    ASSERT_FALSE(rsa_private.ok());
    EXPECT_EQ(rsa_private.problem().code, "key.wrong_type");
    EXPECT_EQ(rsa_private.problem().param("type"), "RSA");
    auto rsa_public = load_verifying_key_pem(rsa_pem(false));
    ASSERT_FALSE(rsa_public.ok());
    EXPECT_EQ(rsa_public.problem().code, "key.wrong_type");
    EXPECT_EQ(rsa_public.problem().param("type"), "RSA");

    auto ed448 = load_signing_key_pem(foreign_pem("ED448", true));
    EXPECT_EQ(ed448.problem().code, "key.wrong_type");
    EXPECT_EQ(ed448.problem().param("type"), "ED448");
    auto ec = load_verifying_key_pem(foreign_pem("EC", false, "P-256"));
    EXPECT_EQ(ec.problem().code, "key.wrong_type");
    EXPECT_EQ(ec.problem().param("type"), "EC");
}

TEST(SigningKey, PublicWherePrivateIsExpectedAndBack) {
    const SigningKey key = new_key();
    auto a = load_signing_key_pem(key.verifying_key().public_pem());
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.problem().code, "key.wrong_kind");
    EXPECT_EQ(a.problem().param("expected"), "private");
    EXPECT_EQ(a.problem().param("found"), "public");
    auto b = load_verifying_key_pem(key.private_pem());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.problem().code, "key.wrong_kind");
    EXPECT_EQ(b.problem().param("expected"), "public");
    EXPECT_EQ(b.problem().param("found"), "private");
}

TEST(SigningKey, EncryptedPrivateKeyIsRefusedWithoutPrompting) {
    const SigningKey key = new_key();
    auto loaded = load_signing_key_pem(key.private_pem());
    ASSERT_TRUE(loaded.ok());
    // Encrypt it with OpenSSL directly.
    const std::string priv = key.private_pem();
    BIO* src = BIO_new_mem_buf(priv.data(), static_cast<int>(priv.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(src, nullptr, nullptr, nullptr);
    BIO_free(src);
    ASSERT_NE(pkey, nullptr);
    BIO* out = BIO_new(BIO_s_mem());
    static char pass[] = "secret";
    ASSERT_EQ(
        PEM_write_bio_PKCS8PrivateKey(out, pkey, EVP_aes_256_cbc(), pass, 6, nullptr, nullptr), 1);
    char* data = nullptr;
    const long n = BIO_get_mem_data(out, &data);
    const std::string encrypted(data, static_cast<std::size_t>(n));
    BIO_free(out);
    EVP_PKEY_free(pkey);
    ASSERT_NE(encrypted.find("ENCRYPTED"), std::string::npos);
    EXPECT_EQ(load_signing_key_pem(encrypted).problem().code, "key.encrypted");
}

TEST(KeyRing, AddFindDuplicate) {
    KeyRing ring;
    const SigningKey a = new_key();
    const SigningKey b = new_key();
    const Instant t0{std::chrono::seconds{1'700'000'000}};
    EXPECT_FALSE(ring.add(a, t0));
    EXPECT_FALSE(ring.add(b.verifying_key(), t0 + 1h));
    EXPECT_EQ(ring.size(), 2u);
    ASSERT_NE(ring.find(a.key_id()), nullptr);
    EXPECT_EQ(ring.find(a.key_id())->raw(), a.verifying_key().raw());
    EXPECT_EQ(ring.find(b.key_id())->raw(), b.verifying_key().raw());
    EXPECT_EQ(ring.find(KeyId{}), nullptr);

    auto dup = ring.add(a.verifying_key(), t0);
    ASSERT_TRUE(dup);
    EXPECT_EQ(dup->code, "key.duplicate");
    EXPECT_EQ(dup->param("key_id"), a.key_id().hex());
    EXPECT_EQ(ring.size(), 2u);
}

TEST(KeyRing, SigningKeyIsTheNewestActiveKeyWithAPrivatePart) {
    KeyRing ring;
    EXPECT_EQ(ring.signing_key().problem().code, "key.no_signing_key");
    const Instant t0{std::chrono::seconds{1'700'000'000}};
    const SigningKey old_key = new_key();
    const SigningKey new_one = new_key();
    const SigningKey public_only = new_key();
    ASSERT_FALSE(ring.add(public_only.verifying_key(), t0 + 48h));  // newest, but no private
    EXPECT_EQ(ring.signing_key().problem().code, "key.no_signing_key");
    ASSERT_FALSE(ring.add(new_one, t0 + 24h));
    ASSERT_FALSE(ring.add(old_key, t0));  // added last, activated earlier
    ASSERT_TRUE(ring.signing_key().ok());
    EXPECT_EQ(ring.signing_key()->key_id(), new_one.key_id());

    ASSERT_FALSE(ring.retire(new_one.key_id()));
    EXPECT_EQ(ring.signing_key()->key_id(), old_key.key_id());
    EXPECT_NE(ring.find(new_one.key_id()), nullptr);  // retired keys still verify
    ASSERT_FALSE(ring.retire(old_key.key_id()));
    EXPECT_EQ(ring.signing_key().problem().code, "key.no_signing_key");
}

TEST(KeyRing, EqualActivationPicksTheOneAddedLast) {
    KeyRing ring;
    const Instant t0{std::chrono::seconds{1'700'000'000}};
    const SigningKey a = new_key();
    const SigningKey b = new_key();
    ASSERT_FALSE(ring.add(a, t0));
    ASSERT_FALSE(ring.add(b, t0));
    EXPECT_EQ(ring.signing_key()->key_id(), b.key_id());
}

TEST(KeyRing, RetireAndRemoveUnknownKey) {
    KeyRing ring;
    const SigningKey a = new_key();
    const Instant t0{std::chrono::seconds{0}};
    ASSERT_FALSE(ring.add(a, t0));
    auto r = ring.retire(KeyId{{1, 2, 3, 4}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "key.not_found");
    EXPECT_EQ(r->param("key_id"), "01020304");
    EXPECT_EQ(ring.remove(KeyId{{1, 2, 3, 4}})->code, "key.not_found");
    EXPECT_FALSE(ring.remove(a.key_id()));
    EXPECT_EQ(ring.find(a.key_id()), nullptr);
    EXPECT_EQ(ring.size(), 0u);
    // Once removed, it can be added again.
    EXPECT_FALSE(ring.add(a, t0));
}

}  // namespace
}  // namespace cherha::core
