// A problem code of the core, the server or the desk, worded for the clerk in the active
// language (text/problem_text.h), as wx text.
#pragma once

#include <wx/string.h>

#include "core/common/problem.h"
#include "text/problem_text.h"

namespace cherha::desk::ui {

inline wxString problem_text(const core::Problem& problem) {
    return wxString::FromUTF8(text::describe_problem(problem));
}

}  // namespace cherha::desk::ui
