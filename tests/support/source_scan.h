// Reading the project's own sources in tests: every problem code a part of the program can
// report, found as string literals "family.name", so a test can check each has its sentence.
#pragma once

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace cherha::test {

// Every match of `literal` (two groups: family and name) in the .cpp and .h files below the
// source folders `dirs` (relative to CHERHA_SOURCE_DIR) whose family is in `families`, as
// "family.name".
inline std::set<std::string> problem_codes_in_sources(std::initializer_list<const char*> dirs,
                                                      const std::set<std::string>& families,
                                                      const std::regex& literal) {
    namespace fs = std::filesystem;
    std::set<std::string> codes;
    for (const char* dir : dirs) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(CHERHA_SOURCE_DIR) / dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end;
                 ++it) {
                if (families.count((*it)[1].str()))
                    codes.insert((*it)[1].str() + "." + (*it)[2].str());
            }
        }
    }
    return codes;
}

}  // namespace cherha::test
