// Made-up people for the demo center (and for tests that need many): registrations whose
// RNOKPP and EDRPOU check digits are right (computed by the core's compose_rnokpp /
// compose_edrpou), whose RNOKPP encodes the registered date of birth and sex, and whose
// document numbers have the shape of their document type. Names come from short lists of
// common Ukrainian names. No real persons: every number is generated.
#pragma once

#include <cstdint>
#include <random>

#include "core/identity/document_number.h"
#include "core/identity/rnokpp.h"
#include "core/verification/registration.h"

namespace cherha::center {

// A reproducible stream of synthetic identities: the same seed gives the same people.
// Within one generator the RNOKPPs are distinct for the first 1000 people (the serial digits
// count up) and the document numbers are distinct for the first 99999 (they count up too).
// Thread-safety: none; one generator per thread.
class SyntheticIdentities {
  public:
    explicit SyntheticIdentities(std::uint32_t seed = 20260820);

    // A natural person with an RNOKPP, born 1950..2004, bringing a document of `type`.
    // Guarantees: core::check_registration() finds nothing wrong on any day of 2019..2099.
    core::Registration person(core::DocumentType type = core::DocumentType::IdCard);

    // A natural person who declared having no RNOKPP, bringing an old passport book.
    core::Registration person_without_rnokpp();

    // A person representing a legal entity (a synthetic EDRPOU and company name), with an
    // RNOKPP and an ID card.
    core::Registration representative();

  private:
    int pick(int n);  // 0..n-1
    core::Date birth_date();
    std::string digits(int count, long long counter);
    std::string document_number(core::DocumentType type);

    std::mt19937 random_;
    int rnokpp_serial_ = 0;
    long long document_counter_ = 0;
};

}  // namespace cherha::center
