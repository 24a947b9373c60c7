// GoogleTest printers for core types, so a failed expectation reads "code {name=value ...}"
// instead of a byte dump. Include in any core test that compares Problems.
#pragma once

#include <ostream>

#include "core/common/problem.h"

namespace cherha::core {

// Found by GoogleTest through argument-dependent lookup.
inline void PrintTo(const Problem& p, std::ostream* os) {
    *os << p.code << " {";
    for (const auto& [k, v] : p.params) *os << k << '=' << v << ' ';
    *os << '}';
}

}  // namespace cherha::core
