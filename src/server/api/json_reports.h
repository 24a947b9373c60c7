// JSON of what staff read besides bookings: a verification's field-by-field result, the day's
// statistics, audit log entries and the public signing keys.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "center/service_center.h"
#include "core/verification/verification.h"
#include "store/center_store.h"

namespace cherha::server::api {

// {"verdict", "fields": [{"field", "status", "registered", "presented", "reason"}],
//  "problems": [{"code", "message", "params"}]}. Thread-safe once the language is chosen.
nlohmann::json verification_json(const core::Verification& verification);

// The day's statistics (DayStatistics field by field; alert periods with ISO instants).
nlohmann::json statistics_json(const center::DayStatistics& stats);

// {"seq", "at", "actor", "window", "action", "booking", "result", "details", "prev_hash",
//  "hash"}; details as the JSON object it holds (or its text when not JSON).
nlohmann::json audit_entry_json(const store::AuditEntry& entry);

// {"key_id", "public_pem", "activated_at", "retired"}: never the private part.
nlohmann::json key_json(const store::SigningKeyRecord& key);

}  // namespace cherha::server::api
