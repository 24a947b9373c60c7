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
// "residence_permit" (used in files, JSON and the command line).
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
// other alphabet, spaces and hyphens are accepted and canonicalised.
// Problems: document.empty, document.length {length, expected},
//           document.format {type, expected}   (expected: a pattern code such as "9d", "2C6d",
//                                              "2L6d", "3C6d"; the face words it),
//           document.letter {position, letter} (a letter with no counterpart in the alphabet)
// Thread-safe, pure.
Result<DocumentNumber> parse_document_number(DocumentType type, std::string_view text);

// The canonical key of any document-like text, without validating its shape: upper case,
// look-alikes folded to Cyrillic, spaces and hyphens removed. Two texts that are the same
// number written with look-alikes have the same key.
std::string document_number_key(std::string_view text);

}  // namespace cherha::core
