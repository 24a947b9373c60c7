#include "center/provisioning.h"

#include <openssl/rand.h>

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "center/demo_schedule_data.h"  // generated: kDemoScheduleJson
#include "core/auth/session_token.h"
#include "core/calendar/center_schedule.h"
#include "core/common/utf8.h"
#include "core/token/signing_key.h"
#include "formats/schedule_json.h"

namespace cherha::center {

namespace {

// Opens a session or returns its problem from the enclosing function.
#define CHERHA_PROVISION_SESSION(var, expr)           \
    auto var##_opened = (expr);                       \
    if (!var##_opened) return var##_opened.problem(); \
    store::StoreSession& var = *var##_opened.value()

std::string details(const std::vector<std::pair<std::string, std::string>>& pairs) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : pairs) out[key] = value;
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<core::Problem> audit(store::StoreSession& session, Instant now,
                                   std::string_view actor, std::string action,
                                   const std::vector<std::pair<std::string, std::string>>& pairs) {
    store::AuditEvent event;
    event.at = now;
    event.actor = std::string(actor);
    event.action = std::move(action);
    event.result = "ok";
    event.details = details(pairs);
    auto appended = session.append_audit(event);
    if (!appended) return appended.problem();
    return std::nullopt;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t at = 0; at < text.size(); ++count)
        at += core::decode_utf8_char(text, at).bytes;
    return count;
}

core::Result<std::string> random_hex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1)
        return core::Problem("center.random_failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes * 2);
    for (unsigned char b : buffer) {
        out += kHex[b >> 4];
        out += kHex[b & 0x0F];
    }
    return out;
}

// The session's staff record for `login`, or staff.not_found.
core::Result<store::StaffRecord> existing_staff(store::StoreSession& session,
                                                std::string_view login) {
    auto found = session.staff_by_login(login);
    if (!found) return found.problem();
    if (!found->has_value())
        return core::Problem("staff.not_found", {{"login", std::string(login)}});
    return **found;
}

std::optional<core::Problem> require_initialised(store::StoreSession& session) {
    auto initialised = is_initialised(session);
    if (!initialised) return initialised.problem();
    if (!*initialised) return core::Problem("center.not_initialised");
    return std::nullopt;
}

// The first problem of a schedule (core::validate_schedule), checked here as well as by
// save_settings so that nothing unusable is ever stored.
std::optional<core::Problem> check_schedule(const core::CenterSchedule& schedule) {
    auto problems = core::validate_schedule(schedule);
    if (problems.empty()) return std::nullopt;
    return problems.front();
}

core::Result<std::string> hash_checked_password(std::string_view password,
                                                core::PasswordHashCost cost) {
    if (auto problem = check_password(password)) return *problem;
    return core::hash_password(password, cost);
}

}  // namespace

std::string_view embedded_demo_schedule_json() {
    return kDemoScheduleJson;
}

core::Result<CenterSettings> default_center_settings() {
    auto reading = formats::load_schedule_json(embedded_demo_schedule_json());
    if (!reading.ok()) {
        const std::string reason =
            reading.problems.empty() ? "unreadable" : reading.problems.front().code;
        return core::Problem("center.settings_invalid",
                             {{"pointer", "/schedule"}, {"reason", reason}});
    }
    CenterSettings settings;
    settings.center_id = 1;
    settings.name_uk = "Сервісний центр МВС";
    settings.name_en = "MIA Service Center";
    settings.schedule = std::move(*reading.schedule);
    return settings;
}

core::Result<bool> is_initialised(store::StoreSession& session) {
    auto settings = session.setting("center");
    if (!settings) return settings.problem();
    return settings->has_value();
}

std::optional<core::Problem> initialise_center(store::StoreSession& session,
                                               const CenterSettings& settings, Instant now,
                                               std::string_view actor) {
    auto initialised = is_initialised(session);
    if (!initialised) return initialised.problem();
    if (*initialised) return core::Problem("center.already_initialised");
    if (auto problem = check_schedule(settings.schedule)) return problem;
    if (auto problem = save_settings(session, settings)) return problem;

    auto key = core::generate_signing_key();
    if (!key) return key.problem();
    store::SigningKeyRecord record;
    record.key_id = key->key_id().hex();
    record.private_pem = key->private_pem();
    record.public_pem = key->verifying_key().public_pem();
    record.activated_at = now;
    if (auto problem = session.insert_signing_key(record)) return problem;

    auto secret = random_hex(32);
    if (!secret) return secret.problem();
    if (auto problem = session.put_setting(kPowSecretSetting, *secret)) return problem;

    return audit(session, now, actor, "center.init",
                 {{"center_id", std::to_string(settings.center_id)}, {"key_id", record.key_id}});
}

std::optional<core::Problem> initialise_center(store::CenterStore& store,
                                               const CenterSettings& settings, Instant now,
                                               std::string_view actor) {
    CHERHA_PROVISION_SESSION(session, store.write());
    if (auto problem = initialise_center(session, settings, now, actor)) return problem;
    return session.commit();
}

core::Result<CenterSettings> update_center_details(store::CenterStore& store,
                                                   const CenterDetailsChange& change, Instant now,
                                                   std::string_view actor) {
    CHERHA_PROVISION_SESSION(session, store.write());
    auto loaded = load_settings(session);
    if (!loaded) return loaded.problem();
    CenterSettings settings = std::move(loaded).value();
    std::string changed;
    const auto apply = [&changed](const std::optional<std::string>& value, std::string& field,
                                  const char* name) {
        if (!value) return;
        field = *value;
        changed += (changed.empty() ? "" : ",") + std::string(name);
    };
    apply(change.name_uk, settings.name_uk, "name_uk");
    apply(change.name_en, settings.name_en, "name_en");
    apply(change.address_uk, settings.address_uk, "address_uk");
    apply(change.address_en, settings.address_en, "address_en");
    if (auto problem = save_settings(session, settings)) return *problem;
    auto stored = load_settings(session);  // as stored (text that is not UTF-8 is replaced)
    if (!stored) return stored.problem();
    if (auto problem = audit(session, now, actor, "center.update", {{"fields", changed}}))
        return *problem;
    if (auto problem = session.commit()) return *problem;
    return stored;
}

std::optional<core::Problem> check_login(std::string_view login) {
    const auto invalid = [] {
        return core::Problem("staff.login_invalid", {{"min", std::to_string(kMinLoginLength)},
                                                     {"max", std::to_string(kMaxLoginLength)}});
    };
    if (login.size() < kMinLoginLength || login.size() > kMaxLoginLength) return invalid();
    for (char c : login) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return invalid();
    }
    return std::nullopt;
}

std::optional<core::Problem> check_display_name(std::string_view name) {
    const core::Problem invalid("staff.name_invalid",
                                {{"max", std::to_string(kMaxDisplayNameCharacters)}});
    if (name.empty() || !core::is_valid_utf8(name)) return invalid;
    std::size_t count = 0;
    for (std::size_t at = 0; at < name.size(); ++count) {
        const auto c = core::decode_utf8_char(name, at);
        if (core::is_control_code_point(c.code_point)) return invalid;
        at += c.bytes;
    }
    if (count > kMaxDisplayNameCharacters) return invalid;
    return std::nullopt;
}

std::optional<core::Problem> check_password(std::string_view password) {
    if (password.size() > core::kMaximumPasswordBytes)
        return core::Problem("staff.password_too_long",
                             {{"max", std::to_string(core::kMaximumPasswordBytes)}});
    if (code_points(password) < kMinPasswordCharacters)
        return core::Problem("staff.password_too_short",
                             {{"min", std::to_string(kMinPasswordCharacters)}});
    if (password.find('\0') != std::string_view::npos) return core::Problem("password.nul_byte");
    return std::nullopt;
}

std::optional<core::Problem> check_device_name(std::string_view name) {
    const core::Problem invalid("device.name_invalid",
                                {{"min", "1"}, {"max", std::to_string(kMaxDeviceNameLength)}});
    if (name.empty() || name.size() > kMaxDeviceNameLength) return invalid;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return invalid;
    }
    return std::nullopt;
}

core::Result<store::StaffRecord> insert_staff(store::StoreSession& session, std::string_view login,
                                              std::string_view display_name, store::StaffRole role,
                                              std::string password_hash, Instant now,
                                              std::string_view actor) {
    if (auto problem = check_login(login)) return *problem;
    const std::string_view name = display_name.empty() ? login : display_name;
    if (auto problem = check_display_name(name)) return *problem;
    if (auto problem = require_initialised(session)) return *problem;
    store::StaffRecord record;
    record.login = std::string(login);
    record.display_name = std::string(name);
    record.role = role;
    record.password_hash = std::move(password_hash);
    record.created_at = now;
    auto inserted = session.insert_staff(record);
    if (!inserted) return inserted.problem();
    if (auto problem =
            audit(session, now, actor, "staff.add",
                  {{"login", record.login}, {"role", std::string(store::staff_role_id(role))}}))
        return *problem;
    store::StaffRecord result = std::move(inserted).value();
    result.password_hash.clear();
    return result;
}

core::Result<store::StaffRecord> add_staff(store::CenterStore& store, std::string_view login,
                                           std::string_view display_name, store::StaffRole role,
                                           std::string_view password, core::PasswordHashCost cost,
                                           Instant now, std::string_view actor) {
    // Cheap checks first, so a bad login does not cost a password hash.
    if (auto problem = check_login(login)) return *problem;
    if (auto problem = check_display_name(display_name.empty() ? login : display_name))
        return *problem;
    if (auto problem = check_password(password)) return *problem;
    {
        // A taken login or a missing center is refused before the slow hash (checked again in
        // the write session, which decides).
        CHERHA_PROVISION_SESSION(session, store.read());
        if (auto problem = require_initialised(session)) return *problem;
        auto existing = session.staff_by_login(login);
        if (!existing) return existing.problem();
        if (existing->has_value())
            return core::Problem("store.duplicate", {{"what", "staff_login"}});
    }
    auto hash = hash_checked_password(password, cost);
    if (!hash) return hash.problem();
    CHERHA_PROVISION_SESSION(session, store.write());
    auto record =
        insert_staff(session, login, display_name, role, std::move(hash).value(), now, actor);
    if (!record) return record.problem();
    if (auto problem = session.commit()) return *problem;
    return record;
}

std::optional<core::Problem> set_password(store::CenterStore& store, std::string_view login,
                                          std::string_view password, core::PasswordHashCost cost,
                                          Instant now, std::string_view actor) {
    if (auto problem = check_password(password)) return problem;
    {
        // An unknown login is refused before the slow hash.
        CHERHA_PROVISION_SESSION(session, store.read());
        auto record = existing_staff(session, login);
        if (!record) return record.problem();
    }
    auto hash = hash_checked_password(password, cost);
    if (!hash) return hash.problem();
    CHERHA_PROVISION_SESSION(session, store.write());
    auto record = existing_staff(session, login);
    if (!record) return record.problem();
    store::StaffRecord staff = std::move(record).value();
    staff.password_hash = std::move(hash).value();
    staff.failed_logins = 0;
    staff.locked_until.reset();
    if (auto problem = session.update_staff(staff)) return problem;
    if (auto problem = session.delete_staff_sessions(staff.id)) return problem;
    if (auto problem = audit(session, now, actor, "staff.password", {{"login", staff.login}}))
        return problem;
    return session.commit();
}

std::optional<core::Problem> disable_staff(store::CenterStore& store, std::string_view login,
                                           Instant now, std::string_view actor) {
    CHERHA_PROVISION_SESSION(session, store.write());
    auto record = existing_staff(session, login);
    if (!record) return record.problem();
    store::StaffRecord staff = std::move(record).value();
    staff.disabled = true;
    if (auto problem = session.update_staff(staff)) return problem;
    if (auto problem = session.delete_staff_sessions(staff.id)) return problem;
    if (auto problem = audit(session, now, actor, "staff.disable", {{"login", staff.login}}))
        return problem;
    return session.commit();
}

core::Result<std::vector<store::StaffRecord>> list_staff(store::CenterStore& store) {
    CHERHA_PROVISION_SESSION(session, store.read());
    auto staff = session.all_staff();
    if (!staff) return staff.problem();
    std::vector<store::StaffRecord> result = std::move(staff).value();
    for (auto& record : result) record.password_hash.clear();
    return result;
}

core::Result<NewDevice> add_device(store::StoreSession& session, std::string_view name,
                                   store::DeviceKind kind, Instant now, std::string_view actor) {
    if (auto problem = check_device_name(name)) return *problem;
    if (auto problem = require_initialised(session)) return *problem;
    auto token = core::new_session_token();
    if (!token) return token.problem();
    store::DeviceRecord record;
    record.name = std::string(name);
    record.kind = kind;
    record.token_digest = core::session_token_digest(*token);
    record.created_at = now;
    auto inserted = session.insert_device(record);
    if (!inserted) return inserted.problem();
    if (auto problem =
            audit(session, now, actor, "device.add",
                  {{"name", record.name}, {"kind", std::string(store::device_kind_id(kind))}}))
        return *problem;
    return NewDevice{std::move(inserted).value(), std::move(token).value()};
}

core::Result<NewDevice> add_device(store::CenterStore& store, std::string_view name,
                                   store::DeviceKind kind, Instant now, std::string_view actor) {
    if (auto problem = check_device_name(name)) return *problem;
    CHERHA_PROVISION_SESSION(session, store.write());
    auto device = add_device(session, name, kind, now, actor);
    if (!device) return device.problem();
    if (auto problem = session.commit()) return *problem;
    return device;
}

std::optional<core::Problem> revoke_device(store::CenterStore& store, std::string_view name,
                                           Instant now, std::string_view actor) {
    CHERHA_PROVISION_SESSION(session, store.write());
    if (auto problem = session.revoke_device(name, now)) {
        if (problem->code == "store.not_found")
            return core::Problem("device.not_found", {{"name", std::string(name)}});
        return problem;
    }
    if (auto problem = audit(session, now, actor, "device.revoke", {{"name", std::string(name)}}))
        return problem;
    return session.commit();
}

core::Result<std::vector<store::DeviceRecord>> list_devices(store::CenterStore& store) {
    CHERHA_PROVISION_SESSION(session, store.read());
    return session.all_devices();
}

core::Result<KeyRotation> rotate_signing_key(store::CenterStore& store, Instant now,
                                             std::string_view actor) {
    auto key = core::generate_signing_key();
    if (!key) return key.problem();
    CHERHA_PROVISION_SESSION(session, store.write());
    if (auto problem = require_initialised(session)) return *problem;
    auto existing = session.signing_keys();
    if (!existing) return existing.problem();
    KeyRotation rotation;
    Instant activated = now;
    for (const auto& old : *existing) {
        rotation.verifying_ids.push_back(old.key_id);
        if (old.activated_at >= activated) activated = old.activated_at + std::chrono::seconds(1);
    }
    store::SigningKeyRecord record;
    record.key_id = key->key_id().hex();
    record.private_pem = key->private_pem();
    record.public_pem = key->verifying_key().public_pem();
    record.activated_at = activated;
    if (auto problem = session.insert_signing_key(record)) return *problem;
    std::string previous;
    for (const auto& id : rotation.verifying_ids) previous += (previous.empty() ? "" : ",") + id;
    if (auto problem = audit(session, now, actor, "key.rotate",
                             {{"key_id", record.key_id}, {"verifying", previous}}))
        return *problem;
    if (auto problem = session.commit()) return *problem;
    rotation.new_key_id = record.key_id;
    return rotation;
}

core::Result<std::vector<store::SigningKeyRecord>> list_signing_keys(store::CenterStore& store) {
    CHERHA_PROVISION_SESSION(session, store.read());
    auto keys = session.signing_keys();
    if (!keys) return keys.problem();
    std::vector<store::SigningKeyRecord> result = std::move(keys).value();
    for (auto& key : result) key.private_pem.clear();
    return result;
}

std::optional<core::Problem> import_schedule(store::CenterStore& store,
                                             const core::CenterSchedule& schedule, Instant now,
                                             std::string_view actor) {
    if (auto problem = check_schedule(schedule)) return problem;
    CHERHA_PROVISION_SESSION(session, store.write());
    auto settings = load_settings(session);
    if (!settings) return settings.problem();
    CenterSettings updated = std::move(settings).value();
    updated.schedule = schedule;
    if (auto problem = save_settings(session, updated)) return problem;
    if (auto problem = audit(session, now, actor, "schedule.import",
                             {{"services", std::to_string(schedule.services.size())},
                              {"windows", std::to_string(schedule.windows.size())}}))
        return problem;
    return session.commit();
}

}  // namespace cherha::center
