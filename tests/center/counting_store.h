// A CenterStore around the real one that counts write sessions and commits, can hold the first
// write session until the test lets it go, and can make commits fail. Test-only: everything
// else is the real store's behaviour.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "store/center_store.h"

namespace cherha::store::testing {

class CountingStore final : public CenterStore {
  public:
    explicit CountingStore(CenterStore& inner) : inner_(inner) {}

    core::Result<std::unique_ptr<StoreSession>> read() override { return inner_.read(); }
    core::Result<std::unique_ptr<StoreSession>> write() override;
    std::optional<core::Problem> backup_to(const std::string& path) override {
        return inner_.backup_to(path);
    }

    // While the gate is closed, write() waits in it (before the real session begins).
    void close_gate() {
        std::lock_guard lock(mutex_);
        gate_closed_ = true;
    }
    void open_gate() {
        {
            std::lock_guard lock(mutex_);
            gate_closed_ = false;
        }
        gate_.notify_all();
    }
    // Whether a write() waits in the gate.
    bool held_at_gate() {
        std::lock_guard lock(mutex_);
        return at_gate_ > 0;
    }

    std::atomic<int> writes{0};             // write sessions opened
    std::atomic<int> commits{0};            // write sessions committed (successfully)
    std::atomic<bool> fail_commits{false};  // commit() rolls back and gives store.transaction

  private:
    CenterStore& inner_;
    std::mutex mutex_;
    std::condition_variable gate_;
    bool gate_closed_ = false;
    int at_gate_ = 0;
};

// Forwards everything to the real session; counts or refuses commit().
class CountingSession final : public StoreSession {
  public:
    CountingSession(std::unique_ptr<StoreSession> inner, CountingStore& store)
        : inner_(std::move(inner)), store_(store) {}

    std::optional<core::Problem> commit() override {
        if (store_.fail_commits) {
            inner_.reset();  // rolls back, as a failed COMMIT does
            return core::Problem("store.transaction",
                                 {{"operation", "commit"}, {"reason", "disk I/O error (test)"}});
        }
        auto problem = inner_->commit();
        if (!problem) ++store_.commits;
        return problem;
    }

    std::optional<core::Problem> savepoint() override { return inner_->savepoint(); }
    std::optional<core::Problem> release_savepoint() override {
        return inner_->release_savepoint();
    }
    std::optional<core::Problem> rollback_to_savepoint() override {
        return inner_->rollback_to_savepoint();
    }
    int savepoint_depth() const override { return inner_->savepoint_depth(); }
    core::Result<std::optional<std::string>> setting(std::string_view key) override {
        return inner_->setting(key);
    }
    std::optional<core::Problem> put_setting(std::string_view key,
                                             std::string_view value) override {
        return inner_->put_setting(key, value);
    }
    core::Result<BookingRecord> insert_booking(const BookingRecord& booking) override {
        return inner_->insert_booking(booking);
    }
    core::Result<std::optional<BookingRecord>> booking(std::int64_t id) override {
        return inner_->booking(id);
    }
    core::Result<std::optional<BookingRecord>> booking_by_code(std::string_view code) override {
        return inner_->booking_by_code(code);
    }
    std::optional<core::Problem> update_booking(const BookingRecord& booking) override {
        return inner_->update_booking(booking);
    }
    core::Result<std::vector<BookingRecord>> day_bookings(Date day,
                                                          const BookingFilter& filter) override {
        return inner_->day_bookings(day, filter);
    }
    core::Result<std::map<int, int>> slot_occupancy(Date day,
                                                    std::string_view service_id) override {
        return inner_->slot_occupancy(day, service_id);
    }
    core::Result<std::vector<IdentityBooking>> identity_bookings(
        const std::vector<std::string>& keys, Date from, Date to) override {
        return inner_->identity_bookings(keys, from, to);
    }
    std::optional<core::Problem> add_unblock(const std::vector<std::string>& keys, Instant at,
                                             std::int64_t staff_id) override {
        return inner_->add_unblock(keys, at, staff_id);
    }
    core::Result<std::optional<Instant>> last_unblock(
        const std::vector<std::string>& keys) override {
        return inner_->last_unblock(keys);
    }
    core::Result<StaffRecord> insert_staff(const StaffRecord& staff) override {
        return inner_->insert_staff(staff);
    }
    core::Result<std::optional<StaffRecord>> staff_by_login(std::string_view login) override {
        return inner_->staff_by_login(login);
    }
    core::Result<std::optional<StaffRecord>> staff_by_id(std::int64_t id) override {
        return inner_->staff_by_id(id);
    }
    core::Result<std::vector<StaffRecord>> all_staff() override { return inner_->all_staff(); }
    std::optional<core::Problem> update_staff(const StaffRecord& staff) override {
        return inner_->update_staff(staff);
    }
    std::optional<core::Problem> insert_session(const SessionRecord& session) override {
        return inner_->insert_session(session);
    }
    core::Result<std::optional<SessionRecord>> session(std::string_view token_digest) override {
        return inner_->session(token_digest);
    }
    std::optional<core::Problem> touch_session(std::string_view token_digest,
                                               Instant last_seen) override {
        return inner_->touch_session(token_digest, last_seen);
    }
    std::optional<core::Problem> delete_session(std::string_view token_digest) override {
        return inner_->delete_session(token_digest);
    }
    std::optional<core::Problem> delete_staff_sessions(std::int64_t staff_id) override {
        return inner_->delete_staff_sessions(staff_id);
    }
    core::Result<std::int64_t> delete_expired_sessions(Instant idle_before,
                                                       Instant created_before) override {
        return inner_->delete_expired_sessions(idle_before, created_before);
    }
    core::Result<DeviceRecord> insert_device(const DeviceRecord& device) override {
        return inner_->insert_device(device);
    }
    core::Result<std::optional<DeviceRecord>> device_by_token(
        std::string_view token_digest) override {
        return inner_->device_by_token(token_digest);
    }
    core::Result<std::vector<DeviceRecord>> all_devices() override { return inner_->all_devices(); }
    std::optional<core::Problem> revoke_device(std::string_view name, Instant at) override {
        return inner_->revoke_device(name, at);
    }
    std::optional<core::Problem> insert_signing_key(const SigningKeyRecord& key) override {
        return inner_->insert_signing_key(key);
    }
    core::Result<std::vector<SigningKeyRecord>> signing_keys() override {
        return inner_->signing_keys();
    }
    std::optional<core::Problem> retire_signing_key(std::string_view key_id) override {
        return inner_->retire_signing_key(key_id);
    }
    core::Result<AuditEntry> append_audit(const AuditEvent& event) override {
        return inner_->append_audit(event);
    }
    core::Result<std::vector<AuditEntry>> audit_entries(
        std::int64_t after_seq, int limit, std::optional<std::int64_t> booking_id) override {
        return inner_->audit_entries(after_seq, limit, booking_id);
    }
    core::Result<AuditVerification> verify_audit_chain() override {
        return inner_->verify_audit_chain();
    }
    core::Result<std::optional<StoredResponse>> idempotent_response(std::int64_t staff_id,
                                                                    std::string_view key) override {
        return inner_->idempotent_response(staff_id, key);
    }
    std::optional<core::Problem> save_idempotent_response(std::int64_t staff_id,
                                                          std::string_view key,
                                                          const StoredResponse& response,
                                                          Instant at) override {
        return inner_->save_idempotent_response(staff_id, key, response, at);
    }
    core::Result<std::int64_t> delete_idempotent_responses(Instant before) override {
        return inner_->delete_idempotent_responses(before);
    }
    core::Result<std::int64_t> delete_unblocks(Instant before) override {
        return inner_->delete_unblocks(before);
    }
    core::Result<bool> spend_pow(std::string_view id, Instant expires_at) override {
        return inner_->spend_pow(id, expires_at);
    }
    std::optional<core::Problem> purge_spent_pow(Instant now) override {
        return inner_->purge_spent_pow(now);
    }
    std::optional<core::Problem> count_abuse(Date day, std::string_view kind,
                                             std::int64_t n = 1) override {
        return inner_->count_abuse(day, kind, n);
    }
    core::Result<std::map<std::string, std::int64_t>> abuse_counts(Date day) override {
        return inner_->abuse_counts(day);
    }
    core::Result<std::optional<AlertPeriod>> open_alert() override { return inner_->open_alert(); }
    std::optional<core::Problem> start_alert(Instant at, std::string_view by) override {
        return inner_->start_alert(at, by);
    }
    std::optional<core::Problem> end_alert(Instant at, std::string_view by) override {
        return inner_->end_alert(at, by);
    }
    core::Result<std::vector<AlertPeriod>> alerts_between(Instant from, Instant to) override {
        return inner_->alerts_between(from, to);
    }
    core::Result<std::int64_t> erase_personal_data(Date before_day, Instant at) override {
        return inner_->erase_personal_data(before_day, at);
    }

  private:
    std::unique_ptr<StoreSession> inner_;
    CountingStore& store_;
};

inline core::Result<std::unique_ptr<StoreSession>> CountingStore::write() {
    {
        std::unique_lock lock(mutex_);
        ++at_gate_;
        gate_.wait(lock, [&] { return !gate_closed_; });
        --at_gate_;
    }
    auto session = inner_.write();
    if (!session) return session.problem();
    ++writes;
    return std::unique_ptr<StoreSession>(
        std::make_unique<CountingSession>(std::move(session).value(), *this));
}

}  // namespace cherha::store::testing

namespace cherha::center::testing {
using store::testing::CountingStore;
}  // namespace cherha::center::testing
