// The server's configuration file, `cherha-server.conf` in the data directory: `key = value`
// lines, whole-line `#` comments and blank lines. Every key has a documented default (the text
// default_config_text() writes on first start); an unknown key, a key given twice or a bad value
// is refused with its line number, so a typo never silently falls back to a default.
//
// Problem codes (params in braces):
//   config.invalid     {line, key, reason}   a line of the file is refused; reason:
//                                            "syntax" (no '=' or no key), "unknown_key",
//                                            "duplicate", "not_a_number", "out_of_range",
//                                            "not_an_address", "not_a_language",
//                                            "invalid_text" (control character / not UTF-8)
//   config.tls_incomplete {}                 only one of tls_certificate and tls_key is set
//   config.too_large   {bytes, max}          the file is longer than kMaxConfigBytes
//   config.unreadable  {path}                the file cannot be read
//   config.unwritable  {path}                the default file cannot be written
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::server {

inline constexpr std::size_t kMaxConfigBytes = 64 * 1024;
inline constexpr std::string_view kConfigFileName = "cherha-server.conf";

struct ServerConfig {
    // Network.
    std::string listen = "127.0.0.1";
    int port = 8470;
    int threads = 32;  // each desk and board holds one with its live-update stream
    std::size_t max_body_bytes = 65536;
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds write_timeout{10};
    std::chrono::seconds keep_alive_timeout{5};
    std::string tls_certificate;  // PEM file; empty (with tls_key empty) = plain HTTP
    std::string tls_key;
    // Words.
    std::string language = "uk";  // "uk" or "en": the language of error messages
    // Staff sessions and login lockout.
    std::chrono::minutes session_idle{30};
    std::chrono::minutes session_absolute{720};
    int lockout_after_failures = 5;
    std::chrono::seconds lockout_base{30};
    std::chrono::seconds lockout_max{900};
    // Public booking rate limits (token buckets).
    int address_rate_burst = 20;
    int address_rate_per_minute = 12;
    int identity_rate_burst = 5;
    int identity_rate_per_minute = 1;
    // Proof of work of the public booking API: leading zero bits of SHA-256 (0..32).
    int pow_difficulty = 18;
    // Retention purge: once at start, then daily at this local hour of the center.
    int purge_hour = 3;
    // How often settings and signing keys changed by the command line (schedule import, key
    // rotation) are looked for and put in force, without a restart.
    int reload_seconds = 10;
    // Request log lines on stderr (method, path, status, milliseconds).
    bool log_requests = true;
};

// Reads a configuration text. Needs: any bytes. Guarantees: the configuration with every key
// not mentioned at its default, or the first problem found (config.invalid with the 1-based line,
// config.tls_incomplete, config.too_large). Pure, thread-safe, never throws.
core::Result<ServerConfig> parse_server_config(std::string_view text);

// Reads the file at `path`. config.unreadable when it cannot be opened or read; otherwise as
// parse_server_config. Thread-safe.
core::Result<ServerConfig> load_server_config(const std::string& path);

// The documented default file: every key with its default value and a comment saying what it
// does. parse_server_config(default_config_text()) gives ServerConfig{}. Pure.
std::string default_config_text();

// Writes default_config_text() to `path` when no file is there (never replaces one; mode 0600).
// Returns true when it wrote the file, false when one existed; config.unwritable otherwise.
core::Result<bool> write_default_config(const std::string& path);

}  // namespace cherha::server
