// `cherha`: the administrator's command line.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace cherha::cli {

// Runs `cherha` with `words` (argv without the program name). Global options, accepted
// anywhere before "--": --lang uk|en, --json, --help, --version.
// Returns the exit status (0 ok, 1 negative answer, 2 usage error). Never throws.
int run_cherha(const std::vector<std::string>& words, std::istream& in, std::ostream& out,
               std::ostream& err);

}  // namespace cherha::cli
