// Problems the core reports: a stable code with named parameters, never a sentence.
// Each face (desk, server, command line) turns a Problem into words in the user's
// language; the code and parameter names are part of the public contract (they
// appear in the command line's --json output and later in the HTTP API).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cherha::core {

// A reason something was refused or could not be parsed.
//   code:   dotted, lower-case, stable, e.g. "rnokpp.check_digit"
//   params: name/value pairs the wording may use, e.g. {"expected","7"}
struct Problem {
    std::string code;
    std::vector<std::pair<std::string, std::string>> params;

    Problem() = default;
    explicit Problem(std::string c) : code(std::move(c)) {}
    Problem(std::string c, std::vector<std::pair<std::string, std::string>> p)
        : code(std::move(c)), params(std::move(p)) {}

    // The value of parameter `name`, or an empty string when it is absent.
    std::string param(std::string_view name) const {
        for (const auto& [k, v] : params)
            if (k == name) return v;
        return {};
    }
    Problem& with(std::string name, std::string value) {
        params.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    bool operator==(const Problem&) const = default;
};

// Either a value or the Problem that prevented it (a small std::expected for C++20).
template <class T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit on purpose
    Result(Problem problem) : v_(std::move(problem)) {}  // NOLINT: implicit on purpose

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(v_); }
    T& value() & { return std::get<T>(v_); }
    T&& value() && { return std::get<T>(std::move(v_)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }
    const Problem& problem() const { return std::get<Problem>(v_); }

  private:
    std::variant<T, Problem> v_;
};

}  // namespace cherha::core
