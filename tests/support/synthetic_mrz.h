// Synthetic machine-readable zones (ICAO 9303 TD3 passports and TD1 ID cards) for the tests
// and benchmarks of the core. The check digits are computed here, independently of the
// core's mrz_check_digit, so tests of the MRZ reader do not check it against itself.
#pragma once

#include <cstddef>
#include <string>

namespace cherha::core::synthetic {

// An ICAO 9303 check digit (weights 7, 3, 1; '<' is 0, A..Z are 10..35), written out from
// the standard. Needs: `field` holds only 0-9, A-Z and '<'.
inline char check_char(const std::string& field) {
    const int weights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        const int value = c == '<' ? 0 : (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
        sum += value * weights[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

// `s` filled with '<' (or cut) to `length` characters.
inline std::string padded(std::string s, std::size_t length) {
    s.resize(length, '<');
    return s;
}

// A synthetic passport (TD3). Fields are given as they stand in the MRZ.
struct Td3 {
    std::string code = "P<";
    std::string state = "UKR";
    std::string name = "SHEVCHENKO<<TARAS";
    std::string number = "FX123456<";  // 9 characters
    std::string nationality = "UKR";
    std::string birth = "900115";
    char sex = 'M';
    std::string expiry = "300115";
    std::string personal = "";  // up to 14 characters

    std::string line1() const { return padded(code + state + name, 44); }
    // Line 2 with all check digits right.
    std::string line2() const {
        std::string l = number + check_char(number) + nationality + birth + check_char(birth) +
                        sex + expiry + check_char(expiry);
        const std::string p = padded(personal, 14);
        l += p + check_char(p);
        return with_composite(l.substr(0, 43));
    }
    static std::string with_composite(std::string first43) {
        return first43 +
               check_char(first43.substr(0, 10) + first43.substr(13, 7) + first43.substr(21, 22));
    }
    std::string text() const { return line1() + "\n" + line2(); }
};

// A synthetic ID card (TD1).
struct Td1 {
    std::string code = "ID";
    std::string state = "UKR";
    std::string number = "001234567";  // 9 characters, or longer (continued in optional data)
    std::string optional = "";         // optional data of line 1 after the number
    std::string birth = "900115";
    char sex = 'F';
    std::string expiry = "300115";
    std::string nationality = "UKR";
    std::string optional2 = "";
    std::string name = "KOVAL<IVANOVA<<MARIANA";

    std::string line1() const {
        if (number.size() <= 9)
            return padded(
                code + state + padded(number, 9) + check_char(padded(number, 9)) + optional, 30);
        return padded(code + state + number.substr(0, 9) + "<" + number.substr(9) +
                          check_char(number) + "<" + optional,
                      30);
    }
    std::string line2_first29() const {
        return birth + check_char(birth) + sex + expiry + check_char(expiry) + nationality +
               padded(optional2, 11);
    }
    static std::string composite(const std::string& l1, const std::string& l2_29) {
        return std::string(1, check_char(l1.substr(5, 25) + l2_29.substr(0, 7) +
                                         l2_29.substr(8, 7) + l2_29.substr(18, 11)));
    }
    std::string line2() const { return line2_first29() + composite(line1(), line2_first29()); }
    std::string line3() const { return padded(name, 30); }
    std::string text() const { return line1() + "\n" + line2() + "\n" + line3(); }
};

}  // namespace cherha::core::synthetic
