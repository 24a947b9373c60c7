// Versioned schema of the Cherha database.
//
// The table schema_version holds one row per applied migration (version, applied_at).
// At open, migrations newer than the database's version are applied in order, each in its own
// BEGIN IMMEDIATE transaction together with its schema_version row, so a crash leaves the
// database at some whole version, and two processes opening at once apply each step once.
//
// Problem codes reported here (params in braces):
//   store.schema_too_new {found, supported}  the database was written by a newer Cherha
//   store.migration      {version, reason}   migration `version` failed and was rolled back
//   store.busy           {reason}            another connection held the write lock too long
//   plus store.open {path, reason} from open_database().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/problem.h"
#include "store/sqlite/connection.h"

namespace cherha::store {

struct Migration {
    std::int64_t version;  // strictly increasing from 1 in a migration list
    std::string_view sql;  // one or more statements
};

// This program's migrations, in order. The last version is the one it supports.
std::span<const Migration> cherha_migrations();

// The highest version applied to the database (0 for a fresh one without schema_version).
// Guarantees: the version, or store.busy / store.execute / store.prepare problems.
core::Result<std::int64_t> schema_version(sqlite::Connection& connection);

// Brings the database up to the last version of `migrations` (by default Cherha's own).
// Needs: `migrations` sorted by strictly increasing version. Guarantees: std::nullopt with the
// database at that version; store.schema_too_new {found, supported} without touching a
// database that is newer; store.migration {version, reason} with every earlier migration kept
// and the failing one rolled back. Idempotent: running it again changes nothing.
std::optional<core::Problem> migrate(sqlite::Connection& connection,
                                     std::span<const Migration> migrations = cherha_migrations());

// Connection::open followed by migrate(): the way faces open the Cherha database.
core::Result<sqlite::Connection> open_database(const std::string& path,
                                               sqlite::ConnectionOptions options = {});

}  // namespace cherha::store
