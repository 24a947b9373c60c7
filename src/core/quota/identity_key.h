// The one key by which quotas (PRODUCT.md rule 2), no-show blocks (rule 3) and the
// priority-ticket limit (rule 8) count an identity, so that every face (server, desk,
// terminal, command line) builds it the same way:
//   legal entity representative          "edrpou:" + the 8 digits of the entity's EDRPOU
//   natural person with an RNOKPP        "rnokpp:" + the 10 digits
//   natural person without an RNOKPP     "doc:" + document_type_id + ":" +
//                                        document_number_key(document_number)
// e.g. "edrpou:12345678", "rnokpp:3284509876", "doc:passport_book:АВ123456". The document
// part folds look-alike letters to Cyrillic and drops spaces and hyphens, so "АВ 123456"
// typed with Latin A and B gives the same key as the Cyrillic one. Keys are UTF-8, at most
// a few dozen bytes for a valid registration (well under kMaxTicketKeyBytes of
// core/tickets/ticket_numbering.h), and compared byte for byte.
#pragma once

#include <string>

#include "core/verification/registration.h"

namespace cherha::core {

// The quota identity key of a registration.
// Needs: the registration passed check_registration (core/verification/registration_check.h);
// then the key is always non-empty. For a representative, the representative's own RNOKPP
// or document does not matter: the registrations count for the entity. A kind outside
// RegistrantKind is taken as a natural person; for a natural person a valid RNOKPP wins over
// has_no_rnokpp.
// Guarantees: the same identity always gives the same key (surrounding spaces of the RNOKPP
// and EDRPOU, case, spaces, hyphens and look-alike letters of the document number do not
// change it); distinct kinds of key never collide (the prefixes differ). When the
// precondition is violated so that no key can be built (no legal entity, an invalid
// EDRPOU, an invalid non-empty RNOKPP, an invalid document type or number) the result is
// the empty string: callers must refuse, never count under it.
// Pure, thread-safe, never throws (except std::bad_alloc).
std::string quota_identity_key(const Registration& registration);

}  // namespace cherha::core
