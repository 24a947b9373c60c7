// Where a center keeps its files: the data directory (the SQLite database and, later, the
// server's config file) and its default location.
//
// Problem codes (params in braces):
//   data_dir.invalid {path, reason}   the directory cannot be used; reason:
//                                     "empty"            no path given
//                                     "not_a_directory"  something else exists at the path
//                                     "cannot_create"    it could not be created (permissions,
//                                                        a missing parent that cannot be made)
#pragma once

#include <filesystem>
#include <optional>

#include "core/common/problem.h"

namespace cherha::center {

// The default data directory, from the environment:
//   $CHERHA_DATA_DIR                      when set and not empty
//   $XDG_DATA_HOME/cherha                 when XDG_DATA_HOME is set to an absolute path
//                                         (the XDG spec says relative values are ignored)
//   $HOME/.local/share/cherha             when HOME is set and not empty
//   <home of the user in the password database>/.local/share/cherha   otherwise
//   "cherha-data" (relative to the working directory) when even that is unknown.
// Reads the environment only; creates nothing. Thread-safe as long as nobody changes the
// environment at the same time (getenv).
std::filesystem::path default_data_dir();

// The database file of a data directory: dir / "cherha.db". Pure, thread-safe.
std::filesystem::path database_path(const std::filesystem::path& dir);

// Makes sure `dir` exists and is a directory. A missing directory is created with mode 0700
// (only its owner may read the personal data in it); missing parents are created with the
// default mode. An existing directory is used as it is (its mode is not changed).
// Problem: data_dir.invalid {path, reason} (see the top). Never throws. Thread-safe.
std::optional<core::Problem> ensure_data_dir(const std::filesystem::path& dir);

}  // namespace cherha::center
