// The booking code: a short code a citizen reads aloud on the phone or a clerk types,
// e.g. "7KQM-X3PB", that finds a booking together with the visitor's identity.
//
// Alphabet (29 characters): the digits 2-9 and the Latin capitals A-Z without
// I, L, O (taken for 1 and 0), U (taken for V) and S (taken for 5):
//     23456789ABCDEFGHJKMNPQRTVWXYZ
// A code is 8 characters: 7 random ones and a check character, shown as two groups of
// four joined by a hyphen. Check: with v0..v7 the alphabet indexes of the characters,
//     (8*v0 + 7*v1 + 6*v2 + 5*v3 + 4*v4 + 3*v5 + 2*v6 + 1*v7) mod 29 == 0.
// 29 is prime and the weights 8..1 are distinct, non-zero mod 29 and differ by one
// between neighbours, so every single-character substitution and every transposition of
// two adjacent different characters (the check character included) changes the sum and
// is caught. 29^7 (about 1.7e10) codes: the store still makes sure a code is unique.
//
// Tolerant reading (parse_booking_code): case is ignored; white space (ASCII, NBSP) and
// hyphens/dashes (- ‐ ‑ ‒ – — ― −) anywhere are ignored; the Cyrillic look-alikes
// А В Е К М Н Р Т Х С (either case) read as A B E K M H P T X C, because a clerk with a
// Ukrainian keyboard layout types them by mistake; S reads as 5, the only character it
// can stand for. 0, O, 1, I, L and U (and Cyrillic О, І) are refused, not guessed: each
// could stand for more than one character of the alphabet (O: 0 or Q/D, I: 1 or 7, ...),
// and a wrong guess would find someone else's booking.
#pragma once

#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::core {

struct BookingCode {
    std::string canonical;  // 8 characters of the alphabet, no hyphen, e.g. "7KQMX3PB"

    // "7KQM-X3PB": the form shown, printed and read aloud.
    std::string display() const;
    bool operator==(const BookingCode&) const = default;
};

// The 29 characters of the alphabet, in index order.
std::string_view booking_code_alphabet();

// Reads a typed booking code (tolerance: see the top of this file).
// Checks run in this order, the first failure is returned:
//   booking_code.empty                        nothing but white space and hyphens
//   booking_code.character {position, character}
//                                             a character outside the alphabet that is not
//                                             a tolerated look-alike. position: 1-based,
//                                             counting only code characters (white space
//                                             and hyphens do not count); character: the
//                                             character as typed (UTF-8), "U+XXXX" for a
//                                             control character, "0xNN" for a byte that is
//                                             not valid UTF-8
//   booking_code.length {length, expected=8}  length: the number of code characters
//   booking_code.check                        the check character does not match
// Thread-safe, pure. Never throws, any byte sequence is accepted as input.
Result<BookingCode> parse_booking_code(std::string_view text);

// The check character for 7 characters of the alphabet (canonical, upper case), or '\0'
// when `body` is not exactly 7 alphabet characters. Pure.
char booking_code_check_character(std::string_view body);

// A new random booking code from OpenSSL's CSPRNG (RAND_bytes), uniform over the
// alphabet (rejection sampling, no modulo bias). Uniqueness is the store's job.
// Problem: booking_code.random_unavailable when the CSPRNG fails. Thread-safe.
Result<BookingCode> generate_booking_code();

}  // namespace cherha::core
