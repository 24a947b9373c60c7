#include "server/server_config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <vector>

#include "core/common/utf8.h"

namespace cherha::server {
namespace {

using core::Problem;

// Why a value is refused (the `reason` param of config.invalid), or nullopt when accepted.
using Setter = std::function<std::optional<std::string>(ServerConfig&, std::string_view)>;

struct Key {
    std::string_view name;
    std::string_view comment;  // for the default file
    std::function<std::string(const ServerConfig&)> show;
    Setter set;
};

std::optional<long long> parse_integer(std::string_view text) {
    long long value = 0;
    if (text.empty() || text.size() > 18) return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A setter for an integer in [min, max] stored through `store`.
template <class Store>
Setter integer(long long min, long long max, Store store) {
    return [=](ServerConfig& config, std::string_view text) -> std::optional<std::string> {
        const auto value = parse_integer(text);
        if (!value) return "not_a_number";
        if (*value < min || *value > max) return "out_of_range";
        store(config, *value);
        return std::nullopt;
    };
}

bool is_ip_address(std::string_view text) {
    const std::string s(text);
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, s.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

const std::vector<Key>& keys() {
    using std::chrono::minutes;
    using std::chrono::seconds;
    static const std::vector<Key> table = {
        {"listen", "Address to listen on: 127.0.0.1 (this PC only), 0.0.0.0 or :: (all).",
         [](const ServerConfig& c) { return c.listen; },
         [](ServerConfig& c, std::string_view v) -> std::optional<std::string> {
             if (!is_ip_address(v)) return "not_an_address";
             c.listen = std::string(v);
             return std::nullopt;
         }},
        {"port", "TCP port.", [](const ServerConfig& c) { return std::to_string(c.port); },
         integer(1, 65535, [](ServerConfig& c, long long v) { c.port = static_cast<int>(v); })},
        {"threads",
         "Worker threads: connections served at the same time; each open live-update stream (a "
         "desk or a board) holds one for as long as it is open.",
         [](const ServerConfig& c) { return std::to_string(c.threads); },
         integer(1, 256, [](ServerConfig& c, long long v) { c.threads = static_cast<int>(v); })},
        {"max_body_bytes", "Largest request body accepted (bytes).",
         [](const ServerConfig& c) { return std::to_string(c.max_body_bytes); },
         integer(
             1024, 16 * 1024 * 1024,
             [](ServerConfig& c, long long v) { c.max_body_bytes = static_cast<std::size_t>(v); })},
        {"read_timeout_seconds", "How long a request may take to arrive.",
         [](const ServerConfig& c) { return std::to_string(c.read_timeout.count()); },
         integer(1, 3600, [](ServerConfig& c, long long v) { c.read_timeout = seconds(v); })},
        {"write_timeout_seconds", "How long a response may take to leave.",
         [](const ServerConfig& c) { return std::to_string(c.write_timeout.count()); },
         integer(1, 3600, [](ServerConfig& c, long long v) { c.write_timeout = seconds(v); })},
        {"keep_alive_seconds", "How long an idle keep-alive connection stays open.",
         [](const ServerConfig& c) { return std::to_string(c.keep_alive_timeout.count()); },
         integer(1, 3600, [](ServerConfig& c, long long v) { c.keep_alive_timeout = seconds(v); })},
        {"tls_certificate",
         "HTTPS certificate (PEM file). Leave both TLS lines empty for plain HTTP.",
         [](const ServerConfig& c) { return c.tls_certificate; },
         [](ServerConfig& c, std::string_view v) -> std::optional<std::string> {
             c.tls_certificate = std::string(v);
             return std::nullopt;
         }},
        {"tls_key", "HTTPS private key (PEM file).",
         [](const ServerConfig& c) { return c.tls_key; },
         [](ServerConfig& c, std::string_view v) -> std::optional<std::string> {
             c.tls_key = std::string(v);
             return std::nullopt;
         }},
        {"language", "Language of error messages: uk or en.",
         [](const ServerConfig& c) { return c.language; },
         [](ServerConfig& c, std::string_view v) -> std::optional<std::string> {
             if (v != "uk" && v != "en") return "not_a_language";
             c.language = std::string(v);
             return std::nullopt;
         }},
        {"session_idle_minutes", "A staff session ends after this long without a request.",
         [](const ServerConfig& c) { return std::to_string(c.session_idle.count()); },
         integer(1, 24 * 60, [](ServerConfig& c, long long v) { c.session_idle = minutes(v); })},
        {"session_absolute_minutes", "A staff session ends this long after login in any case.",
         [](const ServerConfig& c) { return std::to_string(c.session_absolute.count()); },
         integer(1, 7 * 24 * 60,
                 [](ServerConfig& c, long long v) { c.session_absolute = minutes(v); })},
        {"lockout_after_failures", "Failed logins in a row before the login pauses.",
         [](const ServerConfig& c) { return std::to_string(c.lockout_after_failures); },
         integer(
             1, 100,
             [](ServerConfig& c, long long v) { c.lockout_after_failures = static_cast<int>(v); })},
        {"lockout_base_seconds", "First pause; it doubles with each further failure ...",
         [](const ServerConfig& c) { return std::to_string(c.lockout_base.count()); },
         integer(1, 3600, [](ServerConfig& c, long long v) { c.lockout_base = seconds(v); })},
        {"lockout_max_seconds", "... but never exceeds this.",
         [](const ServerConfig& c) { return std::to_string(c.lockout_max.count()); },
         integer(1, 24 * 3600, [](ServerConfig& c, long long v) { c.lockout_max = seconds(v); })},
        {"address_rate_burst", "Public booking requests one address may send in a burst ...",
         [](const ServerConfig& c) { return std::to_string(c.address_rate_burst); },
         integer(1, 100000,
                 [](ServerConfig& c, long long v) { c.address_rate_burst = static_cast<int>(v); })},
        {"address_rate_per_minute", "... and then per minute.",
         [](const ServerConfig& c) { return std::to_string(c.address_rate_per_minute); },
         integer(1, 100000,
                 [](ServerConfig& c, long long v) {
                     c.address_rate_per_minute = static_cast<int>(v);
                 })},
        {"identity_rate_burst", "Booking attempts for one identity in a burst ...",
         [](const ServerConfig& c) { return std::to_string(c.identity_rate_burst); },
         integer(
             1, 100000,
             [](ServerConfig& c, long long v) { c.identity_rate_burst = static_cast<int>(v); })},
        {"identity_rate_per_minute", "... and then per minute.",
         [](const ServerConfig& c) { return std::to_string(c.identity_rate_per_minute); },
         integer(1, 100000,
                 [](ServerConfig& c, long long v) {
                     c.identity_rate_per_minute = static_cast<int>(v);
                 })},
        {"pow_difficulty",
         "Anti-bot proof of work: leading zero bits (each one doubles a browser's work; 18 takes "
         "well under a second).",
         [](const ServerConfig& c) { return std::to_string(c.pow_difficulty); },
         integer(0, 32,
                 [](ServerConfig& c, long long v) { c.pow_difficulty = static_cast<int>(v); })},
        {"purge_hour",
         "Local hour (0-23) of the daily erasure of old personal data (also run at start).",
         [](const ServerConfig& c) { return std::to_string(c.purge_hour); },
         integer(0, 23, [](ServerConfig& c, long long v) { c.purge_hour = static_cast<int>(v); })},
        {"reload_seconds",
         "Seconds between looks for settings and keys changed by the command line (schedule "
         "import, key rotation); they come into force without a restart.",
         [](const ServerConfig& c) { return std::to_string(c.reload_seconds); },
         integer(1, 3600,
                 [](ServerConfig& c, long long v) { c.reload_seconds = static_cast<int>(v); })},
        {"log_requests", "One stderr line per request (method, path, status, ms): 1 or 0.",
         [](const ServerConfig& c) { return std::string(c.log_requests ? "1" : "0"); },
         integer(0, 1, [](ServerConfig& c, long long v) { c.log_requests = v == 1; })},
    };
    return table;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool is_key_text(std::string_view key) {
    if (key.empty() || key.size() > 64) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool has_control_or_bad_utf8(std::string_view text) {
    if (!core::is_valid_utf8(text)) return true;
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = core::decode_utf8_char(text, i);
        if (core::is_control_code_point(decoded.code_point) && decoded.code_point != '\t')
            return true;
        i += decoded.bytes;
    }
    return false;
}

Problem invalid(std::size_t line, std::string_view key, std::string_view reason) {
    return Problem("config.invalid", {{"line", std::to_string(line)},
                                      {"key", std::string(key.substr(0, 64))},
                                      {"reason", std::string(reason)}});
}

}  // namespace

core::Result<ServerConfig> parse_server_config(std::string_view text) {
    if (text.size() > kMaxConfigBytes)
        return Problem("config.too_large", {{"bytes", std::to_string(text.size())},
                                            {"max", std::to_string(kMaxConfigBytes)}});
    ServerConfig config;
    std::set<std::string_view> seen;
    std::size_t line_number = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        ++line_number;
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) return invalid(line_number, "", "syntax");
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        if (!is_key_text(key)) return invalid(line_number, "", "syntax");
        const Key* entry = nullptr;
        for (const auto& k : keys())
            if (k.name == key) entry = &k;
        if (!entry) return invalid(line_number, key, "unknown_key");
        if (!seen.insert(entry->name).second) return invalid(line_number, key, "duplicate");
        if (has_control_or_bad_utf8(value)) return invalid(line_number, key, "invalid_text");
        if (auto reason = entry->set(config, value)) return invalid(line_number, key, *reason);
    }
    if (config.tls_certificate.empty() != config.tls_key.empty())
        return Problem("config.tls_incomplete");
    return config;
}

core::Result<ServerConfig> load_server_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Problem("config.unreadable", {{"path", path}});
    std::string text;
    text.resize(kMaxConfigBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return Problem("config.unreadable", {{"path", path}});
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_server_config(text);
}

std::string default_config_text() {
    std::ostringstream out;
    out << "# cherha-server configuration: key = value, one per line; '#' starts a comment line.\n"
        << "# Every key is optional; the values below are the defaults.\n";
    const ServerConfig defaults;
    for (const auto& key : keys()) {
        const std::string value = key.show(defaults);
        out << "\n# " << key.comment << "\n"
            << key.name << (value.empty() ? " =" : " = " + value) << "\n";
    }
    return out.str();
}

core::Result<bool> write_default_config(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        return Problem("config.unwritable", {{"path", path}});
    }
    const std::string text = default_config_text();
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            ::unlink(path.c_str());
            return Problem("config.unwritable", {{"path", path}});
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return Problem("config.unwritable", {{"path", path}});
    return true;
}

}  // namespace cherha::server
