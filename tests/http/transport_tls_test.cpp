// HTTPS: a self-signed certificate made here with OpenSSL, served by HttpServer, fetched by
// libcurl that verifies it against that certificate.
#include "server/http/httplib_transport.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "http/server_fixture.h"
#include "store/temp_dir.h"
#include "support/http_client.h"
#include "support/self_signed.h"

namespace cherha::http {
namespace {

using cherha::test::HttpClient;
using cherha::test::HttpClientOptions;
using testing::RunningServer;

using test::make_self_signed;

class TransportTls : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(make_self_signed(cert, key));
        ASSERT_FALSE(router.add("GET", "/api/v1/health", [](const Request& r) {
            return Response::json(200, "{\"remote\":\"" + r.remote_address + "\"}");
        }));
        ASSERT_FALSE(router.add("POST", "/api/v1/echo",
                                [](const Request& r) { return Response::json(200, r.body); }));
        ASSERT_FALSE(router.add("GET", "/api/v1/events", [](const Request&) {
            auto n = std::make_shared<int>(0);
            return Response::events(EventStream{[n]() -> std::optional<std::string> {
                if (*n == 2) return std::nullopt;
                return "data: " + std::to_string((*n)++) + "\n\n";
            }});
        }));
        ServerOptions options;
        options.tls_cert_file = cert;
        options.tls_key_file = key;
        server = std::make_unique<RunningServer>(router, options);
        ASSERT_GT(server->port(), 0);
    }

    HttpClientOptions trusting() const {
        HttpClientOptions o;
        o.ca_file = cert;
        return o;
    }

    store::testing::TempDir dir;
    std::string cert = dir.file("cert.pem");
    std::string key = dir.file("key.pem");
    Router router;
    std::unique_ptr<RunningServer> server;
};

TEST_F(TransportTls, ServesHttpsThatVerifies) {
    EXPECT_TRUE(server->server().is_tls());
    HttpClient client(server->url("https"), trusting());
    auto reply = client.get("/api/v1/health");
    ASSERT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.body, "{\"remote\":\"127.0.0.1\"}");
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.header("cache-control"), "no-store");
}

TEST_F(TransportTls, BodiesStreamsAndKeepAliveWorkOverTls) {
    HttpClient client(server->url("https"), trusting());
    for (int i = 0; i < 5; ++i) {
        auto reply = client.post("/api/v1/echo", "{\"i\":" + std::to_string(i) + "}");
        ASSERT_EQ(reply.status, 200) << reply.error;
        EXPECT_EQ(reply.body, "{\"i\":" + std::to_string(i) + "}");
    }
    EXPECT_EQ(client.new_connections(), 1);
    EXPECT_EQ(client.post("/api/v1/echo", std::string(70 * 1024, 'x')).status, 413);

    auto events = client.read_sse("/api/v1/events", {}, 10, std::chrono::seconds(20));
    EXPECT_TRUE(events.ended) << events.error;
    ASSERT_EQ(events.events.size(), 2u);
    EXPECT_EQ(events.events[1].data, "1");
}

TEST_F(TransportTls, UntrustedCertificateIsRefusedByTheClient) {
    HttpClientOptions options;
    options.ca_file = dir.file("missing-ca.pem");  // trust nothing we made
    HttpClient client(server->url("https"), options);
    auto reply = client.get("/api/v1/health");
    EXPECT_EQ(reply.status, 0);
    EXPECT_FALSE(reply.error.empty());
    HttpClient trusted(server->url("https"), trusting());
    EXPECT_EQ(trusted.get("/api/v1/health").status, 200);
}

TEST_F(TransportTls, PlainHttpOnTheTlsPortFailsWithoutHarm) {
    HttpClientOptions quick;
    quick.timeout = std::chrono::seconds(5);
    HttpClient plain(server->url("http"), quick);
    EXPECT_NE(plain.get("/api/v1/health").status, 200);
    std::string raw =
        cherha::test::send_raw("127.0.0.1", server->port(), "GET /api/v1/health HTTP/1.1\r\n\r\n",
                               std::chrono::seconds(2));
    EXPECT_EQ(raw.find("HTTP/1.1 200"), std::string::npos);
    HttpClient client(server->url("https"), trusting());
    EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

TEST(TransportTlsFiles, MissingOrBrokenFilesAreHttpTls) {
    store::testing::TempDir dir;
    std::string cert = dir.file("cert.pem");
    std::string key = dir.file("key.pem");
    ASSERT_TRUE(make_self_signed(cert, key));
    std::string garbage = dir.file("garbage.pem");
    std::ofstream(garbage) << "-----BEGIN CERTIFICATE-----\nnot base64 at all\n";
    std::string other_cert = dir.file("other-cert.pem");
    std::string other_key = dir.file("other-key.pem");
    ASSERT_TRUE(make_self_signed(other_cert, other_key));

    Router router;
    struct Case {
        std::string cert, key;
    };
    for (const Case& c : std::vector<Case>{{dir.file("nope.pem"), key},
                                           {cert, dir.file("nope.pem")},
                                           {garbage, key},
                                           {cert, garbage},
                                           {cert, other_key}}) {  // key of another certificate
        SCOPED_TRACE(c.cert + " " + c.key);
        HttpServer server(router);
        ServerOptions options;
        options.port = 0;
        options.tls_cert_file = c.cert;
        options.tls_key_file = c.key;
        auto port = server.bind(options);
        ASSERT_FALSE(port.ok());
        EXPECT_EQ(port.problem().code, "http.tls");
        EXPECT_EQ(port.problem().param("cert"), c.cert);
    }
}

}  // namespace
}  // namespace cherha::http
