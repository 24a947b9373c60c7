// EDRPOU: the identification code of a legal entity (8 digits).
//   weights 1..7 on the first seven digits, or 7,1,2,3,4,5,6 when the code lies
//   between 30000000 and 60000000; remainder mod 11; if it is 10, repeat with each
//   weight + 2; if it is 10 again the check digit is 0.
#pragma once

#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::core {

struct Edrpou {
    std::string code;  // exactly 8 ASCII digits
};

// Problems: edrpou.empty, edrpou.length {length, expected=8}, edrpou.not_digits {position},
//           edrpou.check_digit {expected, actual}. Thread-safe, pure.
Result<Edrpou> parse_edrpou(std::string_view text);

// The check digit for the first seven digits (precondition: 7 ASCII digits).
int edrpou_check_digit(std::string_view first_seven);

// A valid synthetic EDRPOU from its first seven digits (0..9999999), for tests and demo data.
std::string compose_edrpou(int first_seven);

}  // namespace cherha::core
