// The server's config file: defaults, every key, and wrong, empty, huge and hostile files.
#include "server/server_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "store/temp_dir.h"

namespace cherha::server {
namespace {

core::Problem refusal(std::string_view text) {
    auto parsed = parse_server_config(text);
    EXPECT_FALSE(parsed) << text;
    return parsed ? core::Problem("accepted") : parsed.problem();
}

TEST(ServerConfig, EmptyAndCommentOnlyFilesGiveTheDefaults) {
    for (std::string_view text : {"", "\n\n", "# nothing\n   # indented comment\n\t\n", "\r\n"}) {
        auto parsed = parse_server_config(text);
        ASSERT_TRUE(parsed) << parsed.problem().code;
        EXPECT_EQ(parsed->listen, "127.0.0.1");
        EXPECT_EQ(parsed->port, 8470);
        EXPECT_EQ(parsed->threads, 32);
        EXPECT_EQ(parsed->max_body_bytes, 65536u);
        EXPECT_EQ(parsed->language, "uk");
        EXPECT_TRUE(parsed->tls_certificate.empty());
    }
}

TEST(ServerConfig, TheDefaultFileDocumentsEveryKeyAndReadsBackAsTheDefaults) {
    const std::string text = default_config_text();
    auto parsed = parse_server_config(text);
    ASSERT_TRUE(parsed) << parsed.problem().code << " line " << parsed.problem().param("line");
    const ServerConfig defaults;
    EXPECT_EQ(parsed->port, defaults.port);
    EXPECT_EQ(parsed->session_idle, defaults.session_idle);
    EXPECT_EQ(parsed->pow_difficulty, defaults.pow_difficulty);
    EXPECT_EQ(parsed->purge_hour, defaults.purge_hour);
    for (const char* key :
         {"listen", "port", "threads", "max_body_bytes", "tls_certificate", "tls_key", "language",
          "session_idle_minutes", "session_absolute_minutes", "lockout_after_failures",
          "address_rate_per_minute", "identity_rate_burst", "pow_difficulty", "purge_hour",
          "reload_seconds", "log_requests"})
        EXPECT_NE(text.find(std::string("\n") + key + " ="), std::string::npos) << key;
}

TEST(ServerConfig, ValuesAreRead) {
    auto parsed = parse_server_config(
        "listen = 0.0.0.0\n"
        "port=9000\n"
        "  threads   =   16  \r\n"
        "tls_certificate = /etc/cherha/cert.pem\n"
        "tls_key = /etc/cherha/key.pem\n"
        "language = en\n"
        "session_idle_minutes = 15\n"
        "address_rate_per_minute = 30\n"
        "pow_difficulty = 0\n"
        "purge_hour = 23\n"
        "reload_seconds = 2\n"
        "log_requests = 0\n");
    ASSERT_TRUE(parsed) << parsed.problem().code << " line " << parsed.problem().param("line");
    EXPECT_EQ(parsed->listen, "0.0.0.0");
    EXPECT_EQ(parsed->port, 9000);
    EXPECT_EQ(parsed->threads, 16);
    EXPECT_EQ(parsed->tls_certificate, "/etc/cherha/cert.pem");
    EXPECT_EQ(parsed->language, "en");
    EXPECT_EQ(parsed->session_idle, std::chrono::minutes(15));
    EXPECT_EQ(parsed->address_rate_per_minute, 30);
    EXPECT_EQ(parsed->pow_difficulty, 0);
    EXPECT_EQ(parsed->purge_hour, 23);
    EXPECT_EQ(parsed->reload_seconds, 2);
    EXPECT_FALSE(parsed->log_requests);
    EXPECT_TRUE(parse_server_config("listen = ::1\n"));
}

TEST(ServerConfig, WrongLinesAreRefusedWithTheirLineAndReason) {
    struct Wrong {
        std::string text;
        std::string line;
        std::string key;
        std::string reason;
    };
    for (const auto& w : std::vector<Wrong>{
             {"port 8470", "1", "", "syntax"},
             {"\n\n= 5", "3", "", "syntax"},
             {"# ok\nprot = 8470", "2", "prot", "unknown_key"},
             {"Port = 8470", "1", "", "syntax"},
             {"port = 8470\nport = 8471", "2", "port", "duplicate"},
             {"port = eighty", "1", "port", "not_a_number"},
             {"port = 8470.5", "1", "port", "not_a_number"},
             {"port = 0x1F", "1", "port", "not_a_number"},
             {"port = ", "1", "port", "not_a_number"},
             {"port = 70000", "1", "port", "out_of_range"},
             {"port = -1", "1", "port", "out_of_range"},
             {"port = 99999999999999999999999", "1", "port", "not_a_number"},
             {"threads = 0", "1", "threads", "out_of_range"},
             {"purge_hour = 24", "1", "purge_hour", "out_of_range"},
             {"reload_seconds = 0", "1", "reload_seconds", "out_of_range"},
             {"pow_difficulty = 33", "1", "pow_difficulty", "out_of_range"},
             {"listen = localhost", "1", "listen", "not_an_address"},
             {"listen = 127.0.0.1; rm -rf /", "1", "listen", "not_an_address"},
             {"language = de", "1", "language", "not_a_language"},
             {"tls_key = /tmp/a\x01", "1", "tls_key", "invalid_text"},
             {"tls_key = /tmp/\xC3\x28", "1", "tls_key", "invalid_text"},
             {std::string("port = 80\0 80", 13), "1", "port", "invalid_text"},
         }) {
        SCOPED_TRACE(w.text);
        const core::Problem p = refusal(w.text);
        EXPECT_EQ(p.code, "config.invalid");
        EXPECT_EQ(p.param("line"), w.line);
        EXPECT_EQ(p.param("key"), w.key);
        EXPECT_EQ(p.param("reason"), w.reason);
    }
}

TEST(ServerConfig, TlsNeedsBothFiles) {
    EXPECT_EQ(refusal("tls_certificate = /a.pem").code, "config.tls_incomplete");
    EXPECT_EQ(refusal("tls_key = /a.pem").code, "config.tls_incomplete");
}

TEST(ServerConfig, HugeFilesAreRefusedBeforeReading) {
    const std::string huge(kMaxConfigBytes + 1, '#');
    EXPECT_EQ(refusal(huge).code, "config.too_large");
    const std::string long_line =
        "tls_certificate = /c.pem\ntls_key = /" + std::string(kMaxConfigBytes - 40, 'a');
    EXPECT_TRUE(parse_server_config(long_line));
}

TEST(ServerConfig, DefaultFileIsWrittenOnceAndLoaded) {
    store::testing::TempDir dir;
    const std::string path = dir.file(std::string(kConfigFileName));
    auto written = write_default_config(path);
    ASSERT_TRUE(written);
    EXPECT_TRUE(*written);
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
    {
        std::ifstream in(path);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto at = text.find("\nport = 8470\n");
        ASSERT_NE(at, std::string::npos);
        text.replace(at, 13, "\nport = 9999\n");
        std::ofstream(path, std::ios::trunc) << text;
    }
    auto again = write_default_config(path);
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again);  // never replaces an existing file
    auto loaded = load_server_config(path);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->port, 9999);
    EXPECT_EQ(load_server_config(dir.file("missing.conf")).problem().code, "config.unreadable");
    EXPECT_EQ(write_default_config(dir.file("no/such/dir.conf")).problem().code,
              "config.unwritable");
}

}  // namespace
}  // namespace cherha::server
