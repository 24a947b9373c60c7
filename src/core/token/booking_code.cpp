#include "core/token/booking_code.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>

#include "core/common/utf8.h"

namespace cherha::core {

namespace {

constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRTVWXYZ";
constexpr int kRadix = 29;
constexpr std::size_t kCodeLength = 8;
static_assert(kAlphabet.size() == kRadix);

// Index of an alphabet character, or -1.
int alphabet_index(char32_t c) {
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        if (static_cast<char32_t>(kAlphabet[i]) == c) return static_cast<int>(i);
    return -1;
}

bool is_separator(char32_t c) {
    switch (c) {
        case U' ':
        case U'\t':
        case U'\n':
        case U'\r':
        case U'\v':
        case U'\f':
        case 0x00A0:
        case 0x2007:
        case 0x2009:
        case 0x202F:  // no-break, thin spaces
        case U'-':
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:
        case 0xFE63:
        case 0xFF0D:  // hyphens, dashes
            return true;
        default:
            return false;
    }
}

// The alphabet character a typed code point stands for, or 0 when it stands for none.
char fold(char32_t c) {
    if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
    if (c == U'S') return '5';
    if (alphabet_index(c) >= 0) return static_cast<char>(c);
    switch (c) {
        case 0x0410:
        case 0x0430:
            return 'A';
        case 0x0412:
        case 0x0432:
            return 'B';
        case 0x0415:
        case 0x0435:
            return 'E';
        case 0x041A:
        case 0x043A:
            return 'K';
        case 0x041C:
        case 0x043C:
            return 'M';
        case 0x041D:
        case 0x043D:
            return 'H';
        case 0x0420:
        case 0x0440:
            return 'P';
        case 0x0421:
        case 0x0441:
            return 'C';
        case 0x0422:
        case 0x0442:
            return 'T';
        case 0x0425:
        case 0x0445:
            return 'X';
        default:
            return 0;
    }
}

int weighted_sum(std::string_view chars) {
    int sum = 0;
    const int n = static_cast<int>(chars.size());
    for (int i = 0; i < n; ++i)
        sum +=
            (static_cast<int>(kCodeLength) - i) * alphabet_index(static_cast<char32_t>(chars[i]));
    return sum % kRadix;
}

}  // namespace

std::string BookingCode::display() const {
    if (canonical.size() != kCodeLength) return canonical;
    return canonical.substr(0, 4) + "-" + canonical.substr(4);
}

std::string_view booking_code_alphabet() {
    return kAlphabet;
}

char booking_code_check_character(std::string_view body) {
    if (body.size() != kCodeLength - 1) return '\0';
    for (char c : body)
        if (alphabet_index(static_cast<unsigned char>(c)) < 0) return '\0';
    // The check character has weight 1: it makes the total sum 0 mod 29.
    const int value = (kRadix - weighted_sum(body)) % kRadix;
    return kAlphabet[static_cast<std::size_t>(value)];
}

Result<BookingCode> parse_booking_code(std::string_view text) {
    std::string code;
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const DecodedChar c = decode_utf8_char(text, pos);
        pos += c.bytes;
        if (c.valid && is_separator(c.code_point)) continue;
        ++count;
        const char folded = c.valid ? fold(c.code_point) : '\0';
        if (folded == '\0')
            return Problem("booking_code.character", {{"position", std::to_string(count)},
                                                      {"character", describe_char(text, start)}});
        if (code.size() <= kCodeLength) code.push_back(folded);
    }
    if (count == 0) return Problem("booking_code.empty");
    if (count != kCodeLength)
        return Problem("booking_code.length", {{"length", std::to_string(count)},
                                               {"expected", std::to_string(kCodeLength)}});
    if (weighted_sum(code) != 0) return Problem("booking_code.check");
    return BookingCode{code};
}

Result<BookingCode> generate_booking_code() {
    // 256 - 256 % 29 = 232: bytes at or above it are dropped so every index is equally likely.
    constexpr unsigned kLimit = 256 - 256 % kRadix;
    std::string body;
    std::array<unsigned char, 32> pool{};
    int attempts = 0;
    while (body.size() < kCodeLength - 1) {
        if (++attempts > 64) return Problem("booking_code.random_unavailable");
        if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1)
            return Problem("booking_code.random_unavailable");
        for (unsigned char b : pool) {
            if (b >= kLimit) continue;
            body.push_back(kAlphabet[b % kRadix]);
            if (body.size() == kCodeLength - 1) break;
        }
    }
    const char check = booking_code_check_character(body);
    return BookingCode{body + check};
}

}  // namespace cherha::core
