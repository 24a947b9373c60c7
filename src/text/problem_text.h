// Words for the core's Problems, in the active language.
#pragma once

#include <map>
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

// The tables behind describe_problem() and describe_value(), in English msgids (with their
// "{name}" placeholders), for a face that translates by itself (the server's web pages get
// them through MoCatalog). Code/value -> msgid; static, thread-safe to read.
const std::map<std::string_view, const char*>& problem_sentences();
const std::map<std::string_view, const char*>& value_words();

}  // namespace cherha::text
