// RNOKPP: the individual tax number of a natural person (10 digits).
//   check digit: weights -1,5,7,9,4,6,10,5,7 on digits 1..9; (sum mod 11) mod 10 == digit 10
//   digits 1..5: days from 1899-12-31 to the date of birth (00001 = 1900-01-01)
//   digit 9: odd for men, even for women
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

enum class Sex { Male, Female };

struct Rnokpp {
    std::string number;  // exactly 10 ASCII digits
    Date birth_date;     // decoded from digits 1..5
    Sex sex;             // decoded from digit 9
};

// Parses and validates an RNOKPP. Surrounding spaces are ignored, nothing else is.
// Problems (code {params}):
//   rnokpp.empty
//   rnokpp.length      {length, expected=10}
//   rnokpp.not_digits  {position}            (1-based position of the first non-digit)
//   rnokpp.check_digit {expected, actual}
//   rnokpp.birth_date  {days}                (00000: no date can be decoded)
// Thread-safe, pure.
Result<Rnokpp> parse_rnokpp(std::string_view text);

// The check digit for the first nine digits (precondition: 9 ASCII digits).
int rnokpp_check_digit(std::string_view first_nine);

// The date of birth encoded by digits 1..5 (1..99999 days after 1899-12-31).
Date rnokpp_birth_date(int days);

// Builds a valid synthetic RNOKPP for test and demo data: birth date, a serial
// number 0..999 (digits 6..8) and the sex (digit 9 chosen odd/even accordingly).
// Precondition: birth date between 1900-01-01 and 2173-10-14.
std::string compose_rnokpp(Date birth_date, int serial, Sex sex);

// Problem "rnokpp.birth_date_mismatch" {rnokpp_date, registered_date} when the date of
// birth registered with a booking contradicts the one the RNOKPP encodes; nullopt otherwise.
std::optional<Problem> check_rnokpp_birth_date(const Rnokpp& rnokpp, Date registered_birth_date);

}  // namespace cherha::core
