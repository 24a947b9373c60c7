// Checking the document a visitor presents against the data of their booking, field by
// field, as the clerk does at the window. Any mismatch refuses the service (the refusal is
// then recorded with its reasons by the caller).
//
// Field identifiers: document_type, document_number, surname, given_name, patronymic,
// birth_date, rnokpp, expiry.
//
// Reasons of a field (FieldCheck::reason), code {params}:
//   verification.normalized   {field}     equal after normalisation: names after NFC, case
//                                         folding, spaces, apostrophe and hyphen variants;
//                                         document numbers after case, spaces, hyphens and
//                                         Latin/Cyrillic look-alike letters
//   verification.transliterated {field, transliteration}
//                                         the Latin name equals the KMU-55 transliteration of
//                                         the registered name (given in MRZ form, e.g.
//                                         "MARIANA<KOVAL<IVANOVA")
//   verification.transliteration_different {field, transliteration}
//                                         the Latin name differs from that transliteration
//   verification.different    {field}     the values differ
//   verification.missing      {field, side}   side: registered, presented or both; a missing
//                                         RNOKPP or expiry, a patronymic missing on both
//                                         sides, or one missing on one side of a Latin
//                                         (passport/MRZ) document makes the field not
//                                         comparable; a patronymic missing on one side of a
//                                         Cyrillic document, and a missing surname, given
//                                         name, birth date or document number, is a mismatch
//   verification.rnokpp_declared_absent {field=rnokpp}
//                                         the booking says the person has no RNOKPP but the
//                                         document shows one (a mismatch)
//   document.expired          {expiry}    (field expiry) the document expired before today
//
// Problems of the verdict (Verification::problems), code {params}:
//   document.expired           {expiry}   the document expired before today (ISO date)
//   rnokpp.birth_date_mismatch {rnokpp_date, registered_date}   (see core/identity/rnokpp.h)
//   rnokpp.*                   the registered RNOKPP itself is invalid (codes of parse_rnokpp)
//   mrz.*                      every problem of the MRZ passed in (see core/mrz/mrz.h)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/verification/presented_document.h"
#include "core/verification/registration.h"

namespace cherha::core {

enum class VerifiedField {
    DocumentType,
    DocumentNumber,
    Surname,
    GivenName,
    Patronymic,
    BirthDate,
    Rnokpp,
    Expiry,
};

enum class FieldStatus {
    Match,                    // the same bytes (or, for expiry, not expired)
    MatchAfterNormalization,  // the same after normalisation or transliteration: accepted
    Mismatch,                 // refuses the service
    NotComparable,            // one side has no value: shown, not a failure
};

struct FieldCheck {
    VerifiedField field;
    FieldStatus status;
    std::string registered;         // as registered (dates ISO, document type as its id); may be ""
    std::string presented;          // as presented; may be ""
    std::optional<Problem> reason;  // set unless status is a plain Match
};

enum class Verdict {
    Match,     // the service may be provided
    Mismatch,  // the service is refused
};

struct Verification {
    std::vector<FieldCheck> fields;  // one per VerifiedField, in the enum's order
    Verdict verdict = Verdict::Mismatch;
    std::vector<Problem> problems;  // verdict-level reasons (see above)

    // The check of `field` (always present in a result of verify(); a Verification built
    // otherwise reads as NotComparable with no reason).
    const FieldCheck& field(VerifiedField field) const;
};

// Compares a booking's data with a presented document. Needs: `today` in the center's time
// zone (a document expiring today is still valid); `document_problems`: the problems of the
// MRZ the document was read from (MrzReading::problems), empty when typed by the clerk.
// Guarantees: a check for every field; verdict Match only when no field is a Mismatch and
// there is no verdict-level problem. Names: Cyrillic with compare_names; when
// presented.latin_names, the registered name's mrz_name_form against the presented name,
// case-insensitive, with spaces, hyphens and '<' all word separators. Never throws on any
// input (invalid UTF-8 never matches). Thread-safe, pure.
Verification verify(const Registration& registration, const PresentedDocument& presented,
                    Date today, std::span<const Problem> document_problems = {});

// Stable identifiers: field ids above; statuses "match", "match_after_normalization",
// "mismatch", "not_comparable"; verdicts "match", "mismatch".
std::string_view verified_field_id(VerifiedField field);
std::string_view field_status_id(FieldStatus status);
std::string_view verdict_id(Verdict verdict);

}  // namespace cherha::core
