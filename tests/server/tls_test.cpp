// HTTPS from the config file: with tls_certificate and tls_key set (a self-signed certificate
// made here with OpenSSL), the real server announces an https:// URL and answers over TLS, and
// a client that checks the certificate against it gets the health answer; plain HTTP on the
// same port gets nothing useful, and a client that does not trust the certificate is refused.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>

#include "server/server_fixture.h"

namespace cherha::test {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

bool add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A fresh P-256 key and a self-signed certificate for 127.0.0.1 and localhost, valid for an
// hour, written as PEM files. False when OpenSSL refused a step.
bool make_self_signed(const std::string& cert_path, const std::string& key_path) {
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    std::unique_ptr<X509, X509Free> cert(X509_new());
    if (!key || !cert) return false;
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string common_name = "Cherha server test";
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    if (!add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
        !add_extension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"))
        return false;
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return false;
    std::unique_ptr<std::FILE, FileClose> cert_file(std::fopen(cert_path.c_str(), "w"));
    std::unique_ptr<std::FILE, FileClose> key_file(std::fopen(key_path.c_str(), "w"));
    if (!cert_file || !key_file) return false;
    return PEM_write_X509(cert_file.get(), cert.get()) == 1 &&
           PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ==
               1;
}

TEST(Tls, ServesHttpsWithTheConfiguredCertificate) {
    store::testing::TempDir keys;
    const std::string cert = keys.file("cert.pem");
    const std::string key = keys.file("key.pem");
    ASSERT_TRUE(make_self_signed(cert, key));
    auto config = test_config_lines();
    config.push_back("tls_certificate = " + cert);
    config.push_back("tls_key = " + key);
    ServerUnderTest server(config);
    ASSERT_TRUE(server.start());
    ASSERT_EQ(server.url().rfind("https://127.0.0.1:", 0), 0u) << server.url();

    HttpClientOptions trusting;
    trusting.ca_file = cert;
    {
        HttpClient client(server.url(), trusting);
        auto health = client.get("/api/v1/health");
        ASSERT_EQ(health.status, 200) << health.error;
        EXPECT_EQ(json_of(health)["status"], "ok");
        auto services = client.get("/api/v1/services");
        EXPECT_EQ(services.status, 200);

        // A client that does not trust the certificate is refused by its own check.
        HttpClient untrusting(server.url());
        auto refused = untrusting.get("/api/v1/health");
        EXPECT_EQ(refused.status, 0);
        EXPECT_FALSE(refused.error.empty());

        // Plain HTTP to the TLS port gets no HTTP answer.
        HttpClient plain("http://127.0.0.1:" + std::to_string(server.process().port()));
        auto cleartext = plain.get("/api/v1/health");
        EXPECT_NE(cleartext.status, 200);

        // The server still answers over TLS after that, and stops cleanly.
        EXPECT_EQ(client.get("/api/v1/health").status, 200);
    }  // keep-alive connections close before the stop
    const ServerExit exit = server.process().stop();
    EXPECT_EQ(exit.exit_code, 0) << server.process().stderr_text();
}

TEST(Tls, MissingKeyFileStopsTheStart) {
    store::testing::TempDir keys;
    const std::string cert = keys.file("cert.pem");
    ASSERT_TRUE(make_self_signed(cert, keys.file("key.pem")));
    auto config = test_config_lines();
    config.push_back("tls_certificate = " + cert);
    config.push_back("tls_key = " + keys.file("absent.pem"));
    ServerUnderTest server(config);
    ServerLaunch launch;
    launch.executable = CHERHA_SERVER_EXE;
    launch.data_dir = server.data_dir();
    std::string error;
    auto process = ServerProcess::start(launch, error);
    EXPECT_EQ(process, nullptr) << "started on " << process->url();
    EXPECT_NE(error.find("http.tls"), std::string::npos) << error;
}

}  // namespace
}  // namespace cherha::test
