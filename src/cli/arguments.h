// Command-line arguments: positional words, options with a value, and flags.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cherha::cli {

struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // --name VALUE or --name=VALUE
    std::set<std::string> flags;                 // --name

    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    std::optional<std::string> option(const std::string& name) const {
        auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        return it->second;
    }
};

// What a command accepts: which --names take a value and which are flags.
struct ArgumentSpec {
    std::set<std::string> value_options;
    std::set<std::string> flags;
};

struct ArgumentError {
    std::string code;  // "usage.unknown_option", "usage.missing_value"
    std::string option;
};

// Parses `words` by `spec`. "--" ends option parsing; a lone "-" is positional.
// On error returns nullopt and fills `error`. Never throws.
std::optional<Arguments> parse_arguments(const std::vector<std::string>& words,
                                         const ArgumentSpec& spec, ArgumentError& error);

}  // namespace cherha::cli
