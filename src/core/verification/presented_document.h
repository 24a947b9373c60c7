// The document a visitor presents at the window, as the clerk types it or as an MRZ reader
// gives it.
//
// Problems (code {params}):
//   mrz.date {line, field=birth_date}   the MRZ's date of birth is not a date, so no
//                                       presented document can be made from it
#pragma once

#include <optional>
#include <string>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/identity/document_number.h"
#include "core/mrz/mrz.h"

namespace cherha::core {

struct PresentedDocument {
    DocumentType document_type = DocumentType::IdCard;
    std::string document_number;
    std::string surname;                    // UTF-8; Latin when latin_names
    std::string given_name;                 // all given names, separated by spaces
    std::optional<std::string> patronymic;  // nullopt or empty: the document shows none
    Date birth_date{};
    std::optional<Date> expiry_date;    // nullopt: the document has no expiry (old book)
    std::optional<std::string> rnokpp;  // shown on the ID card
    bool latin_names = false;           // names in Latin letters (passport, MRZ)
};

// Makes the presented document an MRZ describes: TD3 -> passport for travel abroad, TD1 ->
// ID card; names in Latin (latin_names = true), no patronymic (an MRZ has none); for a
// Ukrainian TD1 (issuing state UKR) the RNOKPP when a '<'-separated word of the optional
// data is 10 digits forming a valid RNOKPP (the record number, 13 digits, is not taken).
// Needs: an Mrz from read_mrz (its content problems are the caller's to pass to verify()).
// Guarantees: the document, or mrz.date when the date of birth is missing. Thread-safe, pure.
Result<PresentedDocument> presented_document_from_mrz(const Mrz& mrz);

}  // namespace cherha::core
