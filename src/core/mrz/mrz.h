// The machine-readable zone of a travel or identity document (ICAO 9303), as a hand-held
// reader types it into the desk: TD1 (ID cards, 3 lines of 30 characters) and TD3 (passports,
// 2 lines of 44). Parsing separates two kinds of trouble:
//   - structural problems (no text, wrong number or length of lines, characters outside
//     A-Z 0-9 '<', an unknown document code) make the reading fail: nothing can be trusted;
//   - content problems (wrong check digits, impossible dates, an unknown sex marker) are all
//     collected beside the parsed fields, so the clerk sees everything wrong at once.
//
// Problems (code {params}); `line` is 1-based within the MRZ, `column` 1-based within the line:
//   mrz.empty                                    nothing but white space was typed
//   mrz.too_long       {length, max}             the text is longer than any MRZ (bytes)
//   mrz.format         {lines, lengths}          not 3 lines of 30 nor 2 lines of 44 (lengths in
//                                                characters, comma-separated, at most 4 listed
//                                                then ",...")
//   mrz.character      {line, column, character} a character outside A-Z, 0-9 and '<'
//                                                (printable ASCII and other visible characters
//                                                as themselves; controls and space as "U+XXXX";
//                                                bytes of invalid UTF-8 as "0xNN")
//   mrz.document_code  {line, code}              TD3 code not starting with P, or TD1 code not
//                                                starting with A, C or I
//   mrz.check_digit    {line, field, expected, actual}
//                      field: document_number, birth_date, expiry_date, optional_data,
//                      composite; expected: the computed digit; actual: the character found
//   mrz.date           {line, field}             field birth_date or expiry_date is not a
//                                                calendar date (YYMMDD)
//   mrz.sex            {line, character}         the sex marker is not M, F, '<' or X
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

enum class MrzFormat {
    Td1,  // ID-1 card: 3 lines of 30
    Td3,  // passport: 2 lines of 44
};

enum class MrzSex { Male, Female, Unspecified };

// The fields of an MRZ. Text fields are upper-case ASCII with the filler '<' removed at
// their ends; inside names '<' became a single space.
struct Mrz {
    MrzFormat format = MrzFormat::Td3;
    std::string document_code;    // "P", "PO", "I", "ID", ...
    std::string issuing_state;    // "UKR", "UTO", "D"
    std::string document_number;  // TD1: a long number is joined with its continuation
    std::string nationality;
    std::optional<Date> birth_date;  // nullopt when not a date (see mrz.date)
    MrzSex sex = MrzSex::Unspecified;
    std::optional<Date> expiry_date;  // nullopt when not a date (see mrz.date)
    std::string surname;              // primary identifier
    std::string given_names;          // secondary identifier, words separated by spaces
    // TD3: the personal number. TD1: the optional data of line 1 (after the continuation of
    // a long document number and its check digit, when there is one).
    std::string optional_data;
    std::string optional_data_2;     // TD1: the optional data of line 2; TD3: empty
    std::vector<std::string> lines;  // the lines as read: trimmed, upper case
};

// A parsed MRZ and every content problem found in it (empty when all check digits are right
// and all dates and markers valid).
struct MrzReading {
    Mrz mrz;
    std::vector<Problem> problems;  // mrz.check_digit, mrz.date, mrz.sex, in line order

    bool all_checks_passed() const { return problems.empty(); }
};

// The ICAO 9303 check digit of `field` (weights 7, 3, 1 repeating; 0-9 are their value,
// A-Z are 10-35, '<' is 0). Lower-case letters count as upper case; any other character
// counts as 0. Thread-safe, pure.
int mrz_check_digit(std::string_view field);

// Reads an MRZ typed as one text. Needs: `today`, the date used to place a two-digit birth
// year in its century (20YY unless that date is after `today`, then 19YY); expiry years are
// always 20YY. Accepts line ends \n, \r\n and \r, blank lines, spaces and tabs around each
// line, lower-case letters, and a TD3 (88 characters) or TD1 (90 characters) typed without
// line breaks. Guarantees: a reading whenever the structure is right, with all content
// problems listed; otherwise the first structural problem (mrz.empty, mrz.too_long,
// mrz.format, mrz.character, mrz.document_code). Never throws on any input.
// Thread-safe, pure.
Result<MrzReading> read_mrz(std::string_view text, Date today);

// The same for lines given separately (each may still carry spaces and line ends).
Result<MrzReading> read_mrz_lines(const std::vector<std::string>& lines, Date today);

// Stable identifiers: "td1", "td3"; "male", "female", "unspecified".
std::string_view mrz_format_id(MrzFormat format);
std::string_view mrz_sex_id(MrzSex sex);

}  // namespace cherha::core
