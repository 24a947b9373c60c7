// cherha: the administrator's command line (see `cherha --help`).
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    return cherha::cli::run_cherha(words, std::cin, std::cout, std::cerr);
}
