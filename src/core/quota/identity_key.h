// The keys by which quotas (PRODUCT.md rule 2), no-show blocks (rule 3) and the
// priority-ticket limit (rule 8) count an identity, so that every face (server, desk,
// terminal, command line) builds them the same way. The kinds of key:
//   legal entity                         "edrpou:" + the 8 digits of the entity's EDRPOU
//   natural person's RNOKPP              "rnokpp:" + the 10 digits
//   natural person's document            "doc:" + document_type_id + ":" +
//                                        document_number_key(document_number)
// e.g. "edrpou:12345678", "rnokpp:3284509876", "doc:passport_book:АВ123456". The document
// part folds look-alike letters to Cyrillic and drops spaces and hyphens, so "АВ 123456"
// typed with Latin A and B gives the same key as the Cyrillic one. Keys are UTF-8, at most
// a few dozen bytes for a valid registration (well under kMaxTicketKeyBytes of
// core/tickets/ticket_numbering.h), and compared byte for byte.
//
// One person, several keys. A natural person who has an RNOKPP may also declare "no
// RNOKPP" and book with the document alone; keyed by one key per registration, they would
// get the quota twice. So a natural person's registration carries every identity it names:
// the RNOKPP key (when given) and the document key (always). Rule for callers (the store
// and whatever decides a new registration):
//   - a new registration is counted under EVERY key of quota_identity_keys(): the store
//     records all of them and can find the registration by any one;
//   - before accepting it, for EACH of its keys the caller looks up the existing
//     registrations carrying that key and decides the quota (decide_quota of
//     core/quota/quota_decision.h) on them; the registration is refused when ANY key is
//     over a limit (the first refusal is the one reported);
//   - an empty key list means an invalid registration: refuse it, never count it.
// A registration found under two keys counts once per key, never twice under one key.
// quota_identity_key() is the primary key, the first of that list: the one shown to staff
// and the one the priority-ticket limit (one ticket per identity, day and service) uses.
#pragma once

#include <string>
#include <vector>

#include "core/verification/registration.h"

namespace cherha::core {

// Every quota identity key a registration carries, primary key first:
//   legal entity representative  { "edrpou:…" }   (rule 2 counts per legal entity: the
//                                                   representative's own RNOKPP or
//                                                   document does not matter)
//   natural person with RNOKPP   { "rnokpp:…", "doc:…" }
//   natural person without       { "doc:…" }
// Needs: the registration passed check_registration (core/verification/registration_check.h);
// then the list is never empty. A kind outside RegistrantKind is taken as a natural person;
// for a natural person a valid RNOKPP is carried even when has_no_rnokpp is set, and an
// empty RNOKPP string is "not given".
// Guarantees: keys are distinct, non-empty, and the same identities always give the same
// list (see quota_identity_key for what does not change a key); when non-empty, front()
// equals quota_identity_key(registration). When the precondition is violated so that some
// key cannot be built (no legal entity, an invalid EDRPOU, an invalid non-empty RNOKPP, an
// invalid document type or number of a natural person) the result is empty: callers must
// refuse the registration, never count it under fewer keys.
// Pure, thread-safe, never throws (except std::bad_alloc).
std::vector<std::string> quota_identity_keys(const Registration& registration);

// The primary quota identity key of a registration: for a representative the EDRPOU key,
// for a natural person the RNOKPP key when one is given, else the document key. It is the
// first of quota_identity_keys() whenever that list is non-empty; use it for display and
// for the priority-ticket limit, and quota_identity_keys() for quotas (see the rule above).
// Needs: the registration passed check_registration; then the key is always non-empty.
// Guarantees: the same identity always gives the same key (surrounding spaces of the RNOKPP
// and EDRPOU, case, spaces, hyphens and look-alike letters of the document number do not
// change it); distinct kinds of key never collide (the prefixes differ). When the
// precondition is violated so that no key can be built (no legal entity, an invalid
// EDRPOU, an invalid non-empty RNOKPP, or, without an RNOKPP, an invalid document type or
// number) the result is the empty string: callers must refuse, never count under it. With
// a valid RNOKPP the document is not looked at, so this key can be non-empty while
// quota_identity_keys() is empty (an invalid document): refuse on the list.
// Pure, thread-safe, never throws (except std::bad_alloc).
std::string quota_identity_key(const Registration& registration);

}  // namespace cherha::core
