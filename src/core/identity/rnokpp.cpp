#include "core/identity/rnokpp.h"

#include <algorithm>
#include <array>

namespace cherha::core {

namespace {

constexpr std::array<int, 9> kWeights{-1, 5, 7, 9, 4, 6, 10, 5, 7};
constexpr int kMaxDays = 99999;

// Day zero of the RNOKPP birth-date count.
constexpr date::sys_days epoch() {
    return date::sys_days{date::year{1899} / date::December / date::day{31}};
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Characters (UTF-8 sequences) in `text`: every byte that is not a continuation byte
// starts one, so invalid input is still counted and never over-read.
std::size_t count_characters(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

}  // namespace

int rnokpp_check_digit(std::string_view first_nine) {
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size() && i < first_nine.size(); ++i) {
        const char c = first_nine[i];
        const int digit = is_digit(c) ? c - '0' : 0;
        sum += kWeights[i] * digit;
    }
    // The sum may be negative (weight -1 on the first digit): take the non-negative residue.
    const int remainder = ((sum % 11) + 11) % 11;
    return remainder % 10;
}

Date rnokpp_birth_date(int days) {
    return Date{epoch() + date::days{std::clamp(days, 0, kMaxDays)}};
}

Result<Rnokpp> parse_rnokpp(std::string_view text) {
    const std::string_view number = trim_spaces(text);
    if (number.empty()) return Problem("rnokpp.empty");

    for (std::size_t i = 0; i < number.size(); ++i) {
        if (!is_digit(number[i])) {
            const std::size_t position = count_characters(number.substr(0, i)) + 1;
            return Problem("rnokpp.not_digits", {{"position", std::to_string(position)}});
        }
    }
    if (number.size() != 10) {
        return Problem("rnokpp.length",
                       {{"length", std::to_string(number.size())}, {"expected", "10"}});
    }

    const int expected = rnokpp_check_digit(number.substr(0, 9));
    const int actual = number[9] - '0';
    if (expected != actual) {
        return Problem("rnokpp.check_digit", {{"expected", std::to_string(expected)},
                                              {"actual", std::to_string(actual)}});
    }

    int days = 0;
    for (std::size_t i = 0; i < 5; ++i) days = days * 10 + (number[i] - '0');
    if (days == 0) return Problem("rnokpp.birth_date", {{"days", "00000"}});

    const int sex_digit = number[8] - '0';
    return Rnokpp{std::string(number), rnokpp_birth_date(days),
                  sex_digit % 2 == 1 ? Sex::Male : Sex::Female};
}

std::string compose_rnokpp(Date birth_date, int serial, Sex sex) {
    const Date valid_date = birth_date.ok() ? birth_date : rnokpp_birth_date(1);
    const auto span = (date::sys_days{valid_date} - epoch()).count();
    const int days = static_cast<int>(std::clamp<decltype(span)>(span, 1, kMaxDays));
    const int serial_digits = std::clamp(serial, 0, 999);
    // Vary the sex digit with the serial so synthetic data covers every digit value.
    const int sex_digit = (serial_digits % 5) * 2 + (sex == Sex::Male ? 1 : 0);

    std::string number(9, '0');
    int rest = days;
    for (int i = 4; i >= 0; --i, rest /= 10)
        number[static_cast<std::size_t>(i)] = static_cast<char>('0' + rest % 10);
    rest = serial_digits;
    for (int i = 7; i >= 5; --i, rest /= 10)
        number[static_cast<std::size_t>(i)] = static_cast<char>('0' + rest % 10);
    number[8] = static_cast<char>('0' + sex_digit);
    number += static_cast<char>('0' + rnokpp_check_digit(number));
    return number;
}

std::optional<Problem> check_rnokpp_birth_date(const Rnokpp& rnokpp, Date registered_birth_date) {
    if (rnokpp.birth_date == registered_birth_date) return std::nullopt;
    return Problem("rnokpp.birth_date_mismatch",
                   {{"rnokpp_date", format_iso_date(rnokpp.birth_date)},
                    {"registered_date", format_iso_date(registered_birth_date)}});
}

}  // namespace cherha::core
