// The small questions some outcomes ask before they are recorded: the exam's result, the
// reason of a refusal (data mismatch pre-selected after a failed verification), where a
// transfer goes. Each returns nullopt when the clerk cancels.
#pragma once

#include <optional>
#include <string>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "desk/model/desk_records.h"

class wxWindow;

namespace cherha::desk::ui {

std::optional<core::ServiceResult> ask_exam_result(wxWindow* parent);

struct RefusalChoice {
    core::RefusalReason reason = core::RefusalReason::DataMismatch;
    std::string note;
};
std::optional<RefusalChoice> ask_refusal(wxWindow* parent, bool after_mismatch);

std::optional<core::TransferTarget> ask_transfer(wxWindow* parent, const CenterInfo& center,
                                                 const QueueBooking& booking);

}  // namespace cherha::desk::ui
