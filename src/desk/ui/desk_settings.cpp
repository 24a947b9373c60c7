#include "desk/ui/desk_settings.h"

#include <wx/fileconf.h>

namespace cherha::desk::ui {
namespace {

std::string text(wxFileConfig& config, const char* key, const std::string& fallback) {
    wxString value;
    if (!config.Read(key, &value)) return fallback;
    return value.utf8_string();
}

wxFileConfig open_config(const std::filesystem::path& file) {
    return wxFileConfig(wxEmptyString, wxEmptyString, wxString::FromUTF8(file.string()),
                        wxEmptyString, wxCONFIG_USE_LOCAL_FILE);
}

// A server address as a config group name: '/' would start a subgroup.
wxString pin_key(const std::string& server) {
    wxString key = "pins/";
    for (const char c : server) key += (c == '/' || c == '\\' || c == '=') ? '_' : c;
    return key;
}

}  // namespace

DeskSettings DeskSettings::load(const std::filesystem::path& file) {
    DeskSettings settings;
    auto config = open_config(file);
    settings.server = text(config, "server", settings.server);
    settings.login = text(config, "login", settings.login);
    settings.window = text(config, "window", settings.window);
    const auto language = text(config, "language", settings.language);
    if (language == "uk" || language == "en") settings.language = language;
    long gap = settings.burst_gap_ms;
    if (config.Read("burst_gap_ms", &gap) && gap >= kMinBurstGapMs && gap <= kMaxBurstGapMs)
        settings.burst_gap_ms = static_cast<int>(gap);
    return settings;
}

bool DeskSettings::save(const std::filesystem::path& file) const {
    auto config = open_config(file);
    bool ok = config.Write("server", wxString::FromUTF8(server));
    ok = config.Write("login", wxString::FromUTF8(login)) && ok;
    ok = config.Write("window", wxString::FromUTF8(window)) && ok;
    ok = config.Write("language", wxString::FromUTF8(language)) && ok;
    ok = config.Write("burst_gap_ms", static_cast<long>(burst_gap_ms)) && ok;
    return config.Flush() && ok;
}

std::string DeskSettings::pinned_fingerprint(const std::filesystem::path& file,
                                             const std::string& server) {
    auto config = open_config(file);
    wxString value;
    if (!config.Read(pin_key(server), &value)) return "";
    return value.utf8_string();
}

bool DeskSettings::pin_fingerprint(const std::filesystem::path& file, const std::string& server,
                                   const std::string& fingerprint) {
    auto config = open_config(file);
    return config.Write(pin_key(server), wxString::FromUTF8(fingerprint)) && config.Flush();
}

}  // namespace cherha::desk::ui
