// Numbers of the documents a visitor brings. Clerks and readers mix Latin and
// Cyrillic look-alike letters (А/A, В/B, Е/E, І/I, К/K, М/M, Н/H, О/O, Р/P, С/C,
// Т/T, Х/X): those are the same letter in a document number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::core {

enum class DocumentType {
    IdCard,           // ID card: 9 digits
    PassportBook,     // old passport book: 2 Cyrillic letters + 6 digits
    ForeignPassport,  // passport for travel abroad: 2 Latin letters + 6 digits
    DrivingLicence,   // driving licence: 3 letters + 6 digits (Cyrillic series)
    ResidencePermit,  // residence permit: 9 digits (card) or 2 letters + 6 digits (booklet)
};

// Stable identifiers: "id_card", "passport_book", "foreign_passport", "driving_licence",
// "residence_permit" (used in files, JSON and the command line). document_type_from_id is
// exact (case-sensitive) and returns nullopt for anything else. Thread-safe.
std::string_view document_type_id(DocumentType type);
std::optional<DocumentType> document_type_from_id(std::string_view id);

struct DocumentNumber {
    DocumentType type;
    // Canonical form: upper case, spaces and hyphens removed, look-alike letters folded
    // into the document's alphabet (Cyrillic for passport book, driving licence and
    // booklet residence permit; Latin for the foreign passport).
    std::string canonical;
};

// Validates `text` as a number of a document of `type`. Case, look-alike letters of the
// other alphabet, spaces (any Unicode white space, NBSP included) and hyphens (every
// is_hyphen_variant of core/names/person_name.h) are accepted and canonicalised.
// Digits are ASCII 0-9 only. Cyrillic means the Ukrainian alphabet (Ъ Ы Э Ё are not in
// it); Latin means A-Z. Shapes: id_card 9 digits; passport_book 2 Cyrillic + 6 digits;
// foreign_passport 2 Latin + 6 digits; driving_licence 3 Cyrillic + 6 digits;
// residence_permit 9 digits (card) or 2 Cyrillic + 6 digits (booklet), told apart by
// length.
// Checks run in this order, the first failure is returned:
//   document.empty                        (nothing but spaces and hyphens)
//   document.length {length, expected}    length: characters without spaces/hyphens;
//                                         expected: "9", "8", or "8|9" (residence permit)
//   document.format {type, expected}      (type: the document_type_id; expected: a pattern
//                                         code "9d", "2C6d", "2L6d" or "3C6d": count + C
//                                         Cyrillic letters / L Latin letters / d digits; a
//                                         letter where a digit belongs, or anything that is
//                                         neither letter nor digit)
//   document.letter {position, letter}    (a letter with no counterpart in the document's
//                                         alphabet, e.g. Ж in a foreign passport or D in a
//                                         passport book; position: 1-based character
//                                         position in `text` as given, spaces included;
//                                         letter: the letter as typed, UTF-8)
// Invalid UTF-8 is read as U+FFFD (so it fails as format or letter). Thread-safe, pure.
Result<DocumentNumber> parse_document_number(DocumentType type, std::string_view text);

// The canonical key of any document-like text, without validating its shape: upper case,
// look-alikes folded to Cyrillic, spaces and hyphens removed (as in parse_document_number),
// other characters kept (invalid UTF-8 as U+FFFD). Two texts that are the same number
// written with look-alikes have the same key. Thread-safe, pure.
std::string document_number_key(std::string_view text);

}  // namespace cherha::core
