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

// Parses and validates an RNOKPP. Surrounding spaces (ASCII space, tab, CR, LF) are
// ignored, nothing else is. The checks run in the order listed; the first failure is
// returned. Any byte sequence is accepted as input (invalid UTF-8 is just "not digits").
// Problems (code {params}):
//   rnokpp.empty                             (nothing but spaces)
//   rnokpp.not_digits  {position}            (1-based character position of the first
//                                             non-digit, counted after trimming)
//   rnokpp.length      {length, expected=10} (all digits, but not ten of them)
//   rnokpp.check_digit {expected, actual}    (single digits "0".."9")
//   rnokpp.birth_date  {days="00000"}        (00000: no date can be decoded)
// Thread-safe, pure.
Result<Rnokpp> parse_rnokpp(std::string_view text);

// The check digit for the first nine digits (precondition: 9 ASCII digits; a missing or
// non-digit character counts as 0, extra characters are ignored). Result 0..9. Thread-safe.
int rnokpp_check_digit(std::string_view first_nine);

// The date of birth encoded by digits 1..5 (1..99999 days after 1899-12-31).
// `days` outside 0..99999 is clamped into it (0 gives 1899-12-31). Thread-safe.
Date rnokpp_birth_date(int days);

// Builds a valid synthetic RNOKPP for test and demo data: birth date, a serial
// number 0..999 (digits 6..8) and the sex (digit 9 chosen odd/even accordingly).
// Precondition: birth date between 1900-01-01 and 2173-10-14. Out-of-range dates are
// clamped to those bounds (an invalid date gives 1900-01-01) and the serial to 0..999, so
// the result is always 10 digits with a valid check digit. Digit 9 is (serial % 5) * 2,
// plus 1 for a man, so synthetic data covers every value. Thread-safe.
std::string compose_rnokpp(Date birth_date, int serial, Sex sex);

// Problem "rnokpp.birth_date_mismatch" {rnokpp_date, registered_date} when the date of
// birth registered with a booking contradicts the one the RNOKPP encodes; nullopt otherwise.
// Both params are ISO dates "YYYY-MM-DD". Thread-safe.
std::optional<Problem> check_rnokpp_birth_date(const Rnokpp& rnokpp, Date registered_birth_date);

}  // namespace cherha::core
