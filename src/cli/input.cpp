#include <chrono>
#include <filesystem>
#include <fstream>
#include <istream>
#include <sstream>

#include "cli/command.h"
#include "text/i18n.h"
#include "core/calendar/center_time.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem

std::optional<std::string> read_input(Io& io, size_t max_bytes) {
    std::string text;
    char buf[8192];
    while (io.in.read(buf, sizeof buf) || io.in.gcount() > 0) {
        text.append(buf, static_cast<size_t>(io.in.gcount()));
        if (text.size() > max_bytes) {
            usage_error(io, "usage.input_too_large",
                        fill(tr("The input is larger than {max} bytes."),
                             {{"max", std::to_string(max_bytes)}}));
            return std::nullopt;
        }
    }
    return text;
}

std::optional<std::string> read_file(Io& io, const std::string& path, size_t max_bytes) {
    std::ifstream file(path, std::ios::binary);
    std::error_code ec;
    if (!file || std::filesystem::is_directory(path, ec)) {
        usage_error(io, "usage.file_unreadable",
                    fill(tr("Cannot read the file \"{path}\"."), {{"path", path}}));
        return std::nullopt;
    }
    std::string text;
    char buf[8192];
    while (file.read(buf, sizeof buf) || file.gcount() > 0) {
        text.append(buf, static_cast<size_t>(file.gcount()));
        if (text.size() > max_bytes) {
            usage_error(io, "usage.file_too_large",
                        fill(tr("The file \"{path}\" is larger than {max} bytes."),
                             {{"path", path}, {"max", std::to_string(max_bytes)}}));
            return std::nullopt;
        }
    }
    return text;
}

std::optional<unsigned long long> parse_count(const std::string& text, unsigned long long max) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    unsigned long long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<unsigned long long>(c - '0');
        if (value > (max - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::optional<core::Date> today_option(const Arguments& args, Io& io) {
    if (auto given = args.option("today")) {
        auto date = core::parse_iso_date(*given);
        if (!date) {
            usage_error(
                io, "usage.bad_date",
                fill(tr("\"{value}\" is not a date of the form YYYY-MM-DD."), {{"value", *given}}));
        }
        return date;
    }
    // Today in the center's time zone (not the machine's: a server may run on UTC).
    const std::string zone_name = args.option("time-zone").value_or("Europe/Kyiv");
    auto zone = core::locate_center_zone(zone_name);
    if (!zone) {
        usage_error(io, "usage.bad_time_zone",
                    fill(tr("Unknown time zone \"{time_zone}\": use an IANA name such as "
                            "Europe/Kyiv."),
                         {{"time_zone", zone_name}}));
        return std::nullopt;
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return core::local_date_of(now, **zone);
}

}  // namespace cherha::cli
