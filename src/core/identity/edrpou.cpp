#include "core/identity/edrpou.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace cherha::core {

namespace {

constexpr std::array<int, 7> kLowWeights{1, 2, 3, 4, 5, 6, 7};
constexpr std::array<int, 7> kMiddleWeights{7, 1, 2, 3, 4, 5, 6};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::size_t count_characters(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

int weighted_remainder(const std::array<int, 7>& digits, const std::array<int, 7>& weights,
                       int extra) {
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) sum += digits[i] * (weights[i] + extra);
    return sum % 11;
}

}  // namespace

int edrpou_check_digit(std::string_view first_seven) {
    std::array<int, 7> digits{};
    int value = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const char c = i < first_seven.size() ? first_seven[i] : '0';
        digits[i] = is_digit(c) ? c - '0' : 0;
        value = value * 10 + digits[i];
    }
    // 30000000 <= code < 60000000 exactly when the first seven digits lie in
    // 3000000..5999999, whatever the check digit.
    const auto& weights = (value >= 3000000 && value < 6000000) ? kMiddleWeights : kLowWeights;
    int remainder = weighted_remainder(digits, weights, 0);
    if (remainder == 10) remainder = weighted_remainder(digits, weights, 2);
    return remainder == 10 ? 0 : remainder;
}

Result<Edrpou> parse_edrpou(std::string_view text) {
    const std::string_view code = trim_spaces(text);
    if (code.empty()) return Problem("edrpou.empty");
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (!is_digit(code[i])) {
            const std::size_t position = count_characters(code.substr(0, i)) + 1;
            return Problem("edrpou.not_digits", {{"position", std::to_string(position)}});
        }
    }
    if (code.size() != 8) {
        return Problem("edrpou.length",
                       {{"length", std::to_string(code.size())}, {"expected", "8"}});
    }
    const int expected = edrpou_check_digit(code.substr(0, 7));
    const int actual = code[7] - '0';
    if (expected != actual) {
        return Problem("edrpou.check_digit", {{"expected", std::to_string(expected)},
                                              {"actual", std::to_string(actual)}});
    }
    return Edrpou{std::string(code)};
}

std::string compose_edrpou(int first_seven) {
    int rest = std::clamp(first_seven, 0, 9999999);
    std::string code(7, '0');
    for (int i = 6; i >= 0; --i, rest /= 10)
        code[static_cast<std::size_t>(i)] = static_cast<char>('0' + rest % 10);
    code += static_cast<char>('0' + edrpou_check_digit(code));
    return code;
}

}  // namespace cherha::core
