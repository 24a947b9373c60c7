// cherha token keygen|sign|verify|inspect: the signed booking token of the QR code.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "text/problem_text.h"
#include "core/token/booking_token.h"
#include "core/token/signing_key.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

namespace fs = std::filesystem;
constexpr size_t kMaxKeyFile = 64 * 1024;

// Writes `text` to a new file at `path`: created atomically with O_EXCL (never overwrites,
// never follows a symbolic link planted at `path`), mode 0600 for a private key and 0644 for a
// public one (both further narrowed by the caller's umask).
bool write_new_file(Io& io, const fs::path& path, const std::string& text, bool private_file) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          private_file ? 0600 : 0644);
    if (fd < 0) {
        if (errno == EEXIST || errno == ELOOP) {
            usage_error(io, "usage.file_exists",
                        fill(tr("\"{path}\" already exists; a key is never overwritten."),
                             {{"path", path.string()}}));
        } else {
            usage_error(io, "usage.file_unwritable",
                        fill(tr("Cannot write the file \"{path}\"."), {{"path", path.string()}}));
        }
        return false;
    }
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        written += static_cast<size_t>(n);
    }
    const bool ok = written == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        usage_error(io, "usage.file_unwritable",
                    fill(tr("Cannot write the file \"{path}\"."), {{"path", path.string()}}));
        std::error_code ec;
        fs::remove(path, ec);
        return false;
    }
    return true;
}

fs::path public_path_for(const fs::path& private_path) {
    fs::path p = private_path;
    if (p.extension() == ".pem") p.replace_extension();
    p += ".pub.pem";
    return p;
}

int run_keygen(const Arguments& args, Io& io) {
    auto out = args.option("out");
    if (!out || !args.positional.empty())
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha token keygen --out KEY.pem");
    auto key = core::generate_signing_key();
    if (!key) return refused(io, key.problem());
    const fs::path private_path = *out;
    const fs::path public_path = public_path_for(private_path);
    if (!write_new_file(io, public_path, key->verifying_key().public_pem(), false))
        return kExitUsage;
    if (!write_new_file(io, private_path, key->private_pem(), true)) {
        std::error_code ec;
        fs::remove(public_path, ec);
        return kExitUsage;
    }
    const std::string id = key->key_id().hex();
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"key_id", id},
                        {"private_key", private_path.string()},
                        {"public_key", public_path.string()}});
    } else {
        io.out << fill(tr("New signing key {key_id}."), {{"key_id", id}}) << "\n"
               << "  " << tr("Private key (keep it secret, mode 0600):") << " "
               << private_path.string() << "\n"
               << "  " << tr("Public key (give it to the desks):") << " " << public_path.string()
               << "\n";
    }
    return kExitOk;
}

std::optional<int> parse_slot_minute(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto h = parse_count(text.substr(0, 2), 23);
    auto m = parse_count(text.substr(3, 2), 59);
    if (!h || !m) return std::nullopt;
    return static_cast<int>(*h * 60 + *m);
}

std::string format_slot_minute(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

nlohmann::json claims_json(const core::BookingToken& token) {
    const auto& c = token.claims;
    return {{"format_version", token.format_version},
            {"key_id", token.key_id.hex()},
            {"booking_id", c.booking_id},
            {"center_id", c.center_id},
            {"day", core::format_iso_date(c.visit_day)},
            {"slot", format_slot_minute(c.slot_minute)},
            {"channel", c.channel == core::TokenChannel::Online ? "online" : "terminal"}};
}

void print_claims(Io& io, const core::BookingToken& token) {
    const auto& c = token.claims;
    io.out << "  " << tr("Booking:") << " " << c.booking_id << "\n"
           << "  " << tr("Center:") << " " << c.center_id << "\n"
           << "  " << tr("Day and time:") << " " << core::format_iso_date(c.visit_day) << " "
           << format_slot_minute(c.slot_minute) << "\n"
           << "  " << tr("Channel:") << " "
           << describe_value(c.channel == core::TokenChannel::Online ? "online" : "terminal")
           << "\n"
           << "  " << tr("Signing key:") << " " << token.key_id.hex() << "\n";
}

int bad_option(Io& io, const char* option, const std::string& value) {
    return usage_error(io, "usage.bad_value",
                       fill(tr("Invalid value \"{value}\" for {option}."),
                            {{"value", value}, {"option", option}}));
}

int run_sign(const Arguments& args, Io& io) {
    const char* usage =
        "cherha token sign --key KEY.pem --booking N --center N --day YYYY-MM-DD --slot HH:MM "
        "[--channel online|terminal]";
    auto key_file = args.option("key");
    auto booking = args.option("booking");
    auto center = args.option("center");
    auto day = args.option("day");
    auto slot = args.option("slot");
    if (!key_file || !booking || !center || !day || !slot || !args.positional.empty())
        return usage_error(io, "usage.arguments", std::string(tr("Usage:")) + " " + usage);
    core::BookingTokenClaims claims;
    auto booking_id = parse_count(*booking, UINT64_MAX);
    if (!booking_id) return bad_option(io, "--booking", *booking);
    auto center_id = parse_count(*center, UINT32_MAX);
    if (!center_id) return bad_option(io, "--center", *center);
    auto visit_day = core::parse_iso_date(*day);
    if (!visit_day) return bad_option(io, "--day", *day);
    auto minute = parse_slot_minute(*slot);
    if (!minute) return bad_option(io, "--slot", *slot);
    const std::string channel = args.option("channel").value_or("online");
    if (channel != "online" && channel != "terminal") return bad_option(io, "--channel", channel);
    claims.booking_id = *booking_id;
    claims.center_id = static_cast<std::uint32_t>(*center_id);
    claims.visit_day = *visit_day;
    claims.slot_minute = *minute;
    claims.channel =
        channel == "online" ? core::TokenChannel::Online : core::TokenChannel::Terminal;

    auto pem = read_file(io, *key_file, kMaxKeyFile);
    if (!pem) return kExitUsage;
    struct stat st {};
    if (::stat(key_file->c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
        io.err << "cherha: "
               << fill(tr("Warning: the private key \"{path}\" can be read by other users; "
                          "run: chmod 600 {path}"),
                       {{"path", *key_file}})
               << "\n";
    }
    auto key = core::load_signing_key_pem(*pem);
    if (!key) return refused(io, key.problem());
    auto token = core::sign_booking_token(claims, *key);
    if (!token) return refused(io, token.problem());
    if (io.json)
        print_json(io, {{"ok", true}, {"token", *token}, {"key_id", key->key_id().hex()}});
    else
        io.out << *token << "\n";
    return kExitOk;
}

// The public keys of --keys: one PEM file, or every *.pem file of a directory.
std::optional<core::KeyRing> load_key_ring(Io& io, const std::string& where, int& status) {
    status = kExitUsage;
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(where, ec)) {
        // Only public keys: a folder may hold private keys too, and they are not read here.
        for (const auto& entry : fs::directory_iterator(where, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.size() > 8 && name.ends_with(".pub.pem")) files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
    } else {
        files.emplace_back(where);
    }
    core::KeyRing ring;
    for (const auto& file : files) {
        auto pem = read_file(io, file.string(), kMaxKeyFile);
        if (!pem) return std::nullopt;
        auto key = core::load_verifying_key_pem(*pem);
        if (!key) {
            status = refused(io, key.problem());
            return std::nullopt;
        }
        ring.add(*key, std::chrono::sys_seconds{});  // a duplicate file adds nothing new
    }
    if (ring.size() == 0) {
        usage_error(io, "usage.no_keys",
                    fill(tr("No public key found in \"{path}\"."), {{"path", where}}));
        return std::nullopt;
    }
    return ring;
}

int run_verify(const Arguments& args, Io& io) {
    const char* usage =
        "cherha token verify TOKEN --keys PUBLIC.pem|DIR --center N [--today YYYY-MM-DD]";
    auto keys = args.option("keys");
    auto center = args.option("center");
    if (args.positional.size() != 1 || !keys || !center)
        return usage_error(io, "usage.arguments", std::string(tr("Usage:")) + " " + usage);
    auto center_id = parse_count(*center, UINT32_MAX);
    if (!center_id) return bad_option(io, "--center", *center);
    auto today = today_option(args, io);
    if (!today) return kExitUsage;
    int status = kExitOk;
    auto ring = load_key_ring(io, *keys, status);
    if (!ring) return status;
    core::TokenExpectation expected{static_cast<std::uint32_t>(*center_id), *today};
    auto token = core::verify_booking_token(args.positional[0], *ring, expected);
    if (!token) return refused(io, token.problem());
    if (io.json) {
        auto doc = claims_json(*token);
        doc["ok"] = true;
        print_json(io, doc);
    } else {
        io.out << tr("The booking code is genuine: signed by this center's key, for today.")
               << "\n";
        print_claims(io, *token);
    }
    return kExitOk;
}

int run_inspect(const Arguments& args, Io& io) {
    if (args.positional.size() != 1)
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha token inspect TOKEN");
    auto token = core::inspect_booking_token(args.positional[0]);
    if (!token) return refused(io, token.problem());
    if (io.json) {
        auto doc = claims_json(*token);
        doc["ok"] = true;
        doc["signature_checked"] = false;
        print_json(io, doc);
    } else {
        io.out << tr("Contents of the token (the signature is NOT checked; use token verify):")
               << "\n";
        print_claims(io, *token);
    }
    return kExitOk;
}

}  // namespace

Command token_keygen_command() {
    return {{"token", "keygen"},
            "token keygen --out KEY.pem",
            N_("Create an Ed25519 key pair for signing booking QR codes (KEY.pem and "
               "KEY.pub.pem)."),
            {{"out"}, {}},
            run_keygen};
}

Command token_sign_command() {
    return {{"token", "sign"},
            "token sign --key KEY.pem --booking N --center N --day YYYY-MM-DD --slot HH:MM "
            "[--channel online|terminal]",
            N_("Sign a booking token (what a booking's QR code says)."),
            {{"key", "booking", "center", "day", "slot", "channel"}, {}},
            run_sign};
}

Command token_verify_command() {
    return {{"token", "verify"},
            "token verify TOKEN --keys PUBLIC.pem|DIR --center N [--today YYYY-MM-DD] "
            "[--time-zone ZONE]",
            N_("Verify a booking token: signature, key, center and day, each with its own "
               "answer."),
            {{"keys", "center", "today", "time-zone"}, {}},
            run_verify};
}

Command token_inspect_command() {
    return {{"token", "inspect"},
            "token inspect TOKEN",
            N_("Show what a booking token says without checking its signature."),
            {{}, {}},
            run_inspect};
}

}  // namespace cherha::cli
