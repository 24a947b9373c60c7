// Nesting depth of JSON text, counted outside strings before a parser runs, so neither the parser
// nor a reader walking the tree ever goes deeper than a limit (hostile input: "[[[[...").
// Shared by the schedule files and the server's request bodies.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cherha::formats {

// The byte offset of the first '[' or '{' that opens a level deeper than `max_depth`, or nullopt.
// Brackets inside strings (with their escapes) do not count. Works on any bytes. Pure.
std::optional<std::size_t> first_too_deep(std::string_view text, int max_depth);

}  // namespace cherha::formats
