#include "desk/model/scan_input.h"

#include <algorithm>
#include <cctype>

#include "core/token/booking_code.h"
#include "core/token/booking_token.h"

namespace cherha::desk {

namespace {

constexpr std::size_t kTd1Line = 30;
constexpr std::size_t kTd3Line = 44;

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

bool is_mrz_line(std::string_view s) {
    if (s.size() != kTd1Line && s.size() != kTd3Line) return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
    });
}

}  // namespace

ScanInput classify_scan(std::string_view typed) {
    const std::string_view text = trimmed(typed);
    const auto& prefix = core::kBookingTokenPrefix;
    if (text.size() > prefix.size() && upper(text.substr(0, prefix.size())) == prefix) {
        // Base32 is upper case: a scanner with Caps Lock on still reads right.
        std::string token = upper(text);
        // Only the shape is read here; the signature, the center and the day are checked by
        // core::verify_booking_token with the center's keys before anything is shown.
        if (core::inspect_booking_token(token)) return {ScanKind::BookingToken, std::move(token)};
        return {ScanKind::Unknown, std::string(text)};
    }
    const std::string line = upper(text);
    if (is_mrz_line(line)) return {ScanKind::MrzLine, line};
    if (text.size() <= 32)
        if (auto code = core::parse_booking_code(text))
            return {ScanKind::BookingCode, code->canonical};
    return {ScanKind::Unknown, std::string(text)};
}

std::optional<std::vector<std::string>> MrzCollector::add(const ScanInput& line,
                                                          Clock::time_point at) {
    if (line.kind != ScanKind::MrzLine) {
        lines_.clear();
        return std::nullopt;
    }
    const bool paused = at < last_ || at - last_ > kMrzLinePause;
    last_ = at;
    if (!lines_.empty() && (paused || lines_.front().size() != line.text.size())) lines_.clear();
    lines_.push_back(line.text);
    const std::size_t needed = line.text.size() == kTd1Line ? 3 : 2;
    if (lines_.size() < needed) return std::nullopt;
    std::vector<std::string> zone = std::move(lines_);
    lines_.clear();
    return zone;
}

}  // namespace cherha::desk
