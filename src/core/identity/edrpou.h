// EDRPOU: the identification code of a legal entity (8 digits).
//   weights 1..7 on the first seven digits, or 7,1,2,3,4,5,6 when the code lies
//   between 30000000 and 60000000 (30000000 <= code < 60000000, i.e. the first seven
//   digits are 3000000..5999999); remainder mod 11; if it is 10, repeat with each
//   weight + 2; if it is 10 again the check digit is 0.
#pragma once

#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::core {

struct Edrpou {
    std::string code;  // exactly 8 ASCII digits
};

// Parses and validates an EDRPOU code. Surrounding ASCII spaces (space, tab, CR, LF) are
// ignored, nothing else is. Checks run in this order, the first failure is returned:
//   edrpou.empty                            (nothing but spaces)
//   edrpou.not_digits  {position}           (1-based character position of the first
//                                            non-digit, counted after trimming)
//   edrpou.length      {length, expected=8} (all digits, but not eight of them)
//   edrpou.check_digit {expected, actual}   (single digits "0".."9")
// Thread-safe, pure.
Result<Edrpou> parse_edrpou(std::string_view text);

// The check digit (0..9) for the first seven digits (precondition: 7 ASCII digits; a
// missing or non-digit character counts as 0, extra characters are ignored). Thread-safe.
int edrpou_check_digit(std::string_view first_seven);

// A valid synthetic EDRPOU from its first seven digits (0..9999999, clamped into that
// range), for tests and demo data: 7 zero-padded digits + check digit. Thread-safe.
std::string compose_edrpou(int first_seven);

}  // namespace cherha::core
