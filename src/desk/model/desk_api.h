// The desk's calls to the server (docs/api.md, "Staff" and "Supervisors"), typed: each builds the
// request, sends it through a DeskTransport and reads the answer into desk_records.h values.
// Requests that change a booking (actions, call-next, verify attempts made offline) are not
// sent from here but built here and put into the Outbox, which sends them exactly once.
//
// Answers are read leniently (fields the desk does not know are ignored, so an older desk works
// with a newer server) but never trusted: a missing or mistyped field the desk needs is
// desk.bad_answer {what}, never a crash or a half-filled value.
//
// Problem codes of every call:
//   desk.offline {detail}          no answer (transport status 0); detail = libcurl's message
//   desk.bad_answer {what}         the answer is not the JSON this desk reads; what = the
//                                  endpoint or field ("queue.bookings[3].state"); with
//                                  {status} when an error status came without the API's
//                                  error body (a proxy's page)
//   <the server's code> {params}   an error answer: its "error" code and "params" (strings),
//                                  plus {"status": "<HTTP status>"}
//
// Thread-safety: a DeskApi may be used from one thread at a time (the worker thread); it holds
// no state besides the transport reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "core/common/problem.h"
#include "core/verification/presented_document.h"
#include "desk/model/desk_records.h"
#include "desk/model/desk_transport.h"
#include "desk/model/outbox.h"

namespace cherha::desk {

// The HTTP status an API problem came with ("status" param), 0 for desk.offline and for a
// desk.bad_answer of a success.
int problem_status(const core::Problem& problem);
// Whether the problem means "the server could not be reached" (desk.offline, or 502/503/504).
bool is_offline_problem(const core::Problem& problem);

// Readers of the answers' JSON (also used on the cached JSON). `what` names the answer for
// desk.bad_answer. Never throw.
core::Result<CenterInfo> read_center_info(std::string_view json);
core::Result<DayQueueSnapshot> read_day_queue(std::string_view json);
core::Result<QueueBooking> read_queue_booking(const nlohmann::json& booking,
                                              const std::string& what);
core::Result<CenterKeys> read_center_keys(std::string_view json);
core::Result<VerificationAnswer> read_verification(std::string_view json);
core::Result<DayStats> read_day_stats(std::string_view json);
core::Result<std::vector<AuditEntry>> read_audit(std::string_view json);

// An action on a booking, as POST /bookings/{id}/actions takes it.
struct ActionRequest {
    core::BookingAction action = core::BookingAction::Arrive;
    std::optional<core::ServiceResult> result;     // serve of an exam service
    std::optional<core::RefusalReason> refusal;    // refuse
    std::string refusal_note;                      // refuse with reason "other" needs one
    std::optional<core::TransferTarget> transfer;  // transfer
};

// The outbox entries for a clerk's actions (sent later by Outbox::flush).
OutboxRequest action_request(std::int64_t booking_id, const ActionRequest& action,
                             const std::string& staff);
OutboxRequest call_next_request(const std::string& staff);
// A verification attempt made while offline, recorded on the server when it is back.
OutboxRequest verify_request(std::int64_t booking_id, const core::PresentedDocument& document,
                             const std::string& staff);
OutboxRequest verify_mrz_request(std::int64_t booking_id, const std::string& mrz_text,
                                 const std::string& staff);
// The JSON of a presented document, as POST /bookings/{id}/verify takes it.
std::string presented_document_json(const core::PresentedDocument& document);

class DeskApi {
  public:
    explicit DeskApi(DeskTransport& transport) : transport_(transport) {}

    // POST /auth/login; window "" logs in without one.
    core::Result<StaffSession> login(const std::string& login, const std::string& password,
                                     const std::string& window);
    // POST /auth/logout (a failure is ignored by the caller: the session ends anyway).
    core::Result<bool> logout(const std::string& token);
    // GET /services. The answer's text is returned too, for the local cache.
    core::Result<std::pair<CenterInfo, std::string>> center();
    // GET /queue (today). With the answer's text, for the local cache.
    core::Result<std::pair<DayQueueSnapshot, std::string>> queue(const std::string& token);
    // GET /keys. With the answer's text, for the local cache.
    core::Result<std::pair<CenterKeys, std::string>> keys(const std::string& token);
    // POST /desk/find {"scanned"}.
    core::Result<QueueBooking> find(const std::string& token, const std::string& scanned);
    // POST /bookings/{id}/verify with a typed document or MRZ lines ("\n"-joined).
    core::Result<VerificationAnswer> verify(const std::string& token, std::int64_t booking_id,
                                            const core::PresentedDocument& document);
    core::Result<VerificationAnswer> verify_mrz(const std::string& token, std::int64_t booking_id,
                                                const std::string& mrz_text);
    // GET /stats?day= (supervisors).
    core::Result<DayStats> stats(const std::string& token, core::Date day);
    // GET /audit?booking=&limit=1000 (supervisors).
    core::Result<std::vector<AuditEntry>> audit(const std::string& token, std::int64_t booking_id);
    // POST /identities/unblock and POST /alert (supervisors), with a fresh Idempotency-Key.
    // Guarantees: the answer's "unblocked" / "active" (the alert mode now in force).
    core::Result<bool> unblock(const std::string& token, const std::string& identity);
    core::Result<bool> set_alert(const std::string& token, bool active);

  private:
    DeskTransport& transport_;
};

}  // namespace cherha::desk
