#include "core/common/utf8.h"

#include <cstdio>

namespace cherha::core {

DecodedChar decode_utf8_char(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return {lead, 1, true};
    std::size_t length = 0;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07u;
    } else {
        return {};  // a continuation byte, C0, C1 or F5..FF as a lead
    }
    if (length > text.size() - at) return {};
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char b = byte(at + i);
        if ((b & 0xC0u) != 0x80u) return {};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return {};
    return {cp, length, true};
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const DecodedChar c = decode_utf8_char(text, at);
        if (!c.valid) return false;
        at += c.bytes;
    }
    return true;
}

bool append_utf8(std::string& out, char32_t cp) {
    const auto put = [&](char32_t bits) { out.push_back(static_cast<char>(bits)); };
    if (cp < 0x80) {
        put(cp);
    } else if (cp < 0x800) {
        put(0xC0 | (cp >> 6));
        put(0x80 | (cp & 0x3F));
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        return false;
    } else if (cp < 0x10000) {
        put(0xE0 | (cp >> 12));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    } else if (cp <= 0x10FFFF) {
        put(0xF0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    } else {
        return false;
    }
    return true;
}

std::string code_point_label(char32_t code_point) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(code_point));
    return buf;
}

std::string byte_label(unsigned char byte) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(byte));
    return buf;
}

bool is_control_code_point(char32_t code_point) {
    return code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0);
}

std::string describe_char(std::string_view text, std::size_t at, bool (*spell_out)(char32_t)) {
    const DecodedChar c = decode_utf8_char(text, at);
    if (!c.valid) return byte_label(static_cast<unsigned char>(text[at]));
    if (spell_out(c.code_point)) return code_point_label(c.code_point);
    return std::string(text.substr(at, c.bytes));
}

}  // namespace cherha::core
