#include "center/data_dir.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

namespace cherha::center {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

std::optional<std::string> password_database_home() {
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    if (size <= 0) size = 16384;
    std::vector<char> buffer(static_cast<std::size_t>(size));
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found ||
        !found->pw_dir || !*found->pw_dir)
        return std::nullopt;
    return std::string(found->pw_dir);
}

core::Problem invalid(const fs::path& dir, const char* reason) {
    return core::Problem("data_dir.invalid", {{"path", dir.string()}, {"reason", reason}});
}

}  // namespace

fs::path default_data_dir() {
    if (auto dir = environment("CHERHA_DATA_DIR")) return fs::path(*dir);
    if (auto xdg = environment("XDG_DATA_HOME"); xdg && fs::path(*xdg).is_absolute())
        return fs::path(*xdg) / "cherha";
    auto home = environment("HOME");
    if (!home) home = password_database_home();
    if (home) return fs::path(*home) / ".local" / "share" / "cherha";
    return fs::path("cherha-data");
}

fs::path database_path(const fs::path& dir) {
    return dir / "cherha.db";
}

std::optional<core::Problem> ensure_data_dir(const fs::path& dir) {
    if (dir.empty()) return invalid(dir, "empty");
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) return invalid(dir, "not_a_directory");
        return std::nullopt;
    }
    // The parents with the default mode, the directory itself private.
    const fs::path parent = dir.parent_path();
    if (!parent.empty()) {
        fs::create_directories(parent, ec);
        if (ec && !fs::is_directory(parent)) return invalid(dir, "cannot_create");
    }
    if (::mkdir(dir.c_str(), 0700) != 0) {
        if (errno == EEXIST) {
            // Created by someone else meanwhile, or a file or dangling link is there.
            if (fs::is_directory(dir, ec)) return std::nullopt;
            return invalid(dir, "not_a_directory");
        }
        return invalid(dir, "cannot_create");
    }
    return std::nullopt;
}

}  // namespace cherha::center
