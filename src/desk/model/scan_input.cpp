#include "desk/model/scan_input.h"

#include <algorithm>
#include <cctype>

#include "core/common/utf8.h"
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

std::string latin_key_positions(std::string_view text) {
    // The Ukrainian layout (ЙЦУКЕН) over the US one, key by key; shifted letters are capitals
    // in both, and the shifted punctuation a token or an MRZ line has (':' and '<') sits under
    // Ж and Б.
    static const std::pair<char32_t, char> kKeys[] = {
        {U'й', 'q'}, {U'ц', 'w'},  {U'у', 'e'}, {U'к', 'r'}, {U'е', 't'}, {U'н', 'y'}, {U'г', 'u'},
        {U'ш', 'i'}, {U'щ', 'o'},  {U'з', 'p'}, {U'х', '['}, {U'ї', ']'}, {U'ф', 'a'}, {U'і', 's'},
        {U'в', 'd'}, {U'а', 'f'},  {U'п', 'g'}, {U'р', 'h'}, {U'о', 'j'}, {U'л', 'k'}, {U'д', 'l'},
        {U'ж', ';'}, {U'є', '\''}, {U'я', 'z'}, {U'ч', 'x'}, {U'с', 'c'}, {U'м', 'v'}, {U'и', 'b'},
        {U'т', 'n'}, {U'ь', 'm'},  {U'б', ','}, {U'ю', '.'}, {U'Й', 'Q'}, {U'Ц', 'W'}, {U'У', 'E'},
        {U'К', 'R'}, {U'Е', 'T'},  {U'Н', 'Y'}, {U'Г', 'U'}, {U'Ш', 'I'}, {U'Щ', 'O'}, {U'З', 'P'},
        {U'Ф', 'A'}, {U'І', 'S'},  {U'В', 'D'}, {U'А', 'F'}, {U'П', 'G'}, {U'Р', 'H'}, {U'О', 'J'},
        {U'Л', 'K'}, {U'Д', 'L'},  {U'Ж', ':'}, {U'Я', 'Z'}, {U'Ч', 'X'}, {U'С', 'C'}, {U'М', 'V'},
        {U'И', 'B'}, {U'Т', 'N'},  {U'Ь', 'M'}, {U'Б', '<'}, {U'Ю', '>'},
    };
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto decoded = core::decode_utf8_char(text, at);
        if (!decoded.valid) return std::string(text);
        char mapped = 0;
        for (const auto& [cyrillic, latin] : kKeys)
            if (cyrillic == decoded.code_point) mapped = latin;
        if (mapped != 0)
            out += mapped;
        else if (decoded.code_point < 0x80)
            out += static_cast<char>(decoded.code_point);
        else
            return std::string(text);  // not typed on those keys
        at += decoded.bytes;
    }
    return out;
}

namespace {

ScanInput classify_as_typed(std::string_view typed);

}  // namespace

ScanInput classify_scan(std::string_view typed) {
    ScanInput input = classify_as_typed(typed);
    if (input.kind != ScanKind::Unknown) return input;
    // A scanner types key positions: with the Ukrainian layout on, "CHERHA:" arrives as
    // "СРУКРФЖ". Read through the US layout, the text is taken only when it is a scan.
    const std::string latin = latin_key_positions(trimmed(typed));
    if (latin == trimmed(typed)) return input;
    ScanInput remapped = classify_as_typed(latin);
    return remapped.kind == ScanKind::Unknown ? input : remapped;
}

namespace {

ScanInput classify_as_typed(std::string_view typed) {
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

}  // namespace

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
