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
#include "support/self_signed.h"

namespace cherha::test {
namespace {

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
