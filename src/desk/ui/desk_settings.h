// The desk's settings, kept in `<data dir>/cherha-desk.ini` (wxFileConfig): the server's address,
// the last login and window, the language, the scanner's burst threshold, and the pinned
// certificate fingerprint of each HTTPS server (pinned on first use).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace cherha::desk::ui {

// The settings file's name in the data directory.
inline constexpr const char* kSettingsFile = "cherha-desk.ini";

struct DeskSettings {
    std::string server = "http://127.0.0.1:8470";
    std::string login;
    std::string window = "w1";
    std::string language = "uk";  // "uk" or "en"
    int burst_gap_ms = 35;        // the scanner burst threshold (BurstSettings::max_gap)

    static DeskSettings load(const std::filesystem::path& file);
    // Writes the settings; false when the file cannot be written.
    bool save(const std::filesystem::path& file) const;

    // The pinned SHA-256 fingerprint of `server`'s certificate, "" when none yet.
    static std::string pinned_fingerprint(const std::filesystem::path& file,
                                          const std::string& server);
    static bool pin_fingerprint(const std::filesystem::path& file, const std::string& server,
                                const std::string& fingerprint);
};

// The burst threshold the settings dialog accepts, in milliseconds.
inline constexpr int kMinBurstGapMs = 5;
inline constexpr int kMaxBurstGapMs = 200;

}  // namespace cherha::desk::ui
