// The document a clerk types at the window (or an MRZ reader fills in), from the text of the
// verify panel's fields to the core's PresentedDocument. Dates are taken as the clerk writes
// them: "15.01.1990" (as printed on Ukrainian documents) or "1990-01-15".
//
// Problems (the first field that is wrong, in the fields' order):
//   desk.document_field {field, reason}   field: document_type, document_number, surname,
//                                         given_name, birth_date, expiry_date, rnokpp;
//                                         reason: empty (a required field), date (not a real
//                                         date in either form), too_long (over 200 bytes),
//                                         invalid_utf8, unknown (document type id)
// Thread-safety: pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/verification/presented_document.h"

namespace cherha::desk {

struct DocumentFields {
    std::string document_type = "id_card";  // core::document_type_id
    std::string document_number;
    std::string surname;
    std::string given_name;
    std::string patronymic;   // optional
    std::string birth_date;   // required
    std::string expiry_date;  // optional (an old passport book has none)
    std::string rnokpp;       // optional
    bool latin_names = false;
};

// A date as a clerk types it: DD.MM.YYYY (also D.M.YYYY) or YYYY-MM-DD, spaces around ignored.
std::optional<core::Date> parse_typed_date(std::string_view text);

core::Result<core::PresentedDocument> presented_document(const DocumentFields& fields);

// The fields an MRZ fills in (dates as DD.MM.YYYY), for the clerk to see what was read.
DocumentFields document_fields(const core::PresentedDocument& document);

}  // namespace cherha::desk
