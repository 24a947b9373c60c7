// The refusal carried by a core decision (quota, no-show block, retake pause), for tests.
#pragma once

#include "core/common/problem.h"

namespace cherha::core {

// The refusal of a decision, or a placeholder that fails any comparison (never dereferences
// an empty optional, so a broken rule fails the test instead of crashing it).
template <class Decision>
Problem refusal_of(const Decision& d) {
    return d.refusal.value_or(Problem("test.no_refusal"));
}

}  // namespace cherha::core
