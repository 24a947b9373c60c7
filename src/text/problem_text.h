// Words for the core's Problems, in the active language.
#pragma once

#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::text {

// The sentence for `problem` with its parameters filled in. A code without a sentence of
// its own gets a generic one that still names the code, so nothing is ever silent.
std::string describe_problem(const core::Problem& problem);

// True when `code` has a sentence of its own (not the generic fallback).
bool has_sentence(std::string_view code);

// Words for enumerated values that appear in parameters and output: document types
// ("id_card"), MRZ fields ("birth_date"), verification fields, sexes, channels.
std::string describe_value(std::string_view value);

}  // namespace cherha::text
