#include "desk/ui/queue_table.h"

#include <wx/intl.h>

#include "text/i18n.h"

namespace cherha::desk::ui {

wxString state_name(core::BookingState state) {
    using S = core::BookingState;
    switch (state) {
        case S::Booked:
            return _("booked");
        case S::Arrived:
            return _("arrived");
        case S::Called:
            return _("called");
        case S::InService:
            return _("in service");
        case S::Served:
            return _("served");
        case S::Refused:
            return _("refused");
        case S::NoShow:
            return _("no-show");
        case S::Cancelled:
            return _("cancelled");
    }
    return {};
}

wxString channel_name(core::BookingChannel channel) {
    // TRANSLATORS: how a booking was made: on the website, or at the terminal in the center.
    return channel == core::BookingChannel::Online ? _("online") : _("terminal");
}

QueueTable::QueueTable(const DayQueue& queue, const CenterInfo& center)
    : wxDataViewVirtualListModel(0), queue_(queue), center_(center) {}

void QueueTable::set_viewer(std::string window_id, bool supervisor) {
    viewer_window_ = std::move(window_id);
    supervisor_ = supervisor;
}

void QueueTable::set_filter(QueueFilter filter) {
    filter_ = std::move(filter);
    refresh();
}

void QueueTable::refresh() {
    rows_ = queue_.visible(filter_);
    Reset(static_cast<unsigned>(rows_.size()));
}

std::int64_t QueueTable::booking_at(unsigned row) const {
    if (row >= rows_.size() || rows_[row] >= queue_.bookings().size()) return 0;
    return queue_.bookings()[rows_[row]].id;
}

int QueueTable::row_of(std::int64_t booking_id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i] < queue_.bookings().size() && queue_.bookings()[rows_[i]].id == booking_id)
            return static_cast<int>(i);
    return -1;
}

void QueueTable::add_columns(wxDataViewCtrl& view) {
    const auto add = [&](const wxString& title, Column column, int width) {
        view.AppendTextColumn(title, column, wxDATAVIEW_CELL_INERT, view.FromDIP(width),
                              wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    };
    add(_("Time"), Time, 52);
    add(_("Ticket"), Ticket, 72);
    add(_("Channel"), Channel, 76);
    add(_("Service"), Service, 180);
    add(_("Visitor"), Visitor, 180);
    add(_("Status"), Status, 130);
    add(_("Window"), Window, 56);
}

void QueueTable::GetValueByRow(wxVariant& value, unsigned row, unsigned column) const {
    value = wxString();
    if (row >= rows_.size() || rows_[row] >= queue_.bookings().size()) return;
    const QueueBooking& b = queue_.bookings()[rows_[row]];
    switch (column) {
        case Time:
            value = wxString::FromUTF8(b.time);
            break;
        case Ticket: {
            wxString ticket = wxString::FromUTF8(b.ticket_display);
            // A priority ticket (PRODUCT.md: priority categories) is marked with a star.
            if (b.ticket && b.ticket->category) ticket += wxString::FromUTF8(" \u2605");
            value = ticket;
            break;
        }
        case Channel:
            value = channel_name(b.channel);
            break;
        case Service: {
            const auto language = std::string(text::language_code(text::active_language()));
            value = wxString::FromUTF8(center_.service_name(b.waiting_service(), language));
            break;
        }
        case Visitor:
            if (b.personal_data_erased)
                value = _("(erased)");
            else
                value = wxString::FromUTF8(DayQueue::visitor_name(b, viewer_window_, supervisor_));
            break;
        case Status:
            value = state_name(b.state);
            break;
        case Window: {
            const int number = center_.window_number(b.window_id);
            value = number > 0 ? wxString::Format("%d", number) : wxString();
            break;
        }
        default:
            break;
    }
}

bool QueueTable::GetAttrByRow(unsigned row, unsigned, wxDataViewItemAttr& attr) const {
    if (row >= rows_.size() || rows_[row] >= queue_.bookings().size()) return false;
    const QueueBooking& b = queue_.bookings()[rows_[row]];
    // Pale backgrounds, dark text: readable on every row, told apart at a glance.
    switch (status_tone(b.state)) {
        case StatusTone::Waiting:
            if (b.state == core::BookingState::Arrived) {
                attr.SetBackgroundColour(wxColour(0xE8, 0xF1, 0xFB));
                return true;
            }
            return false;
        case StatusTone::Called:
            attr.SetBackgroundColour(wxColour(0xFF, 0xF4, 0xC2));
            attr.SetBold(true);
            return true;
        case StatusTone::InService:
            attr.SetBackgroundColour(wxColour(0xD8, 0xF0, 0xD8));
            return true;
        case StatusTone::Done:
            attr.SetColour(wxColour(0x55, 0x55, 0x55));
            return true;
        case StatusTone::Refused:
            attr.SetBackgroundColour(wxColour(0xF9, 0xDA, 0xDA));
            return true;
        case StatusTone::Missed:
            attr.SetColour(wxColour(0x80, 0x80, 0x80));
            attr.SetItalic(true);
            return true;
    }
    return false;
}

}  // namespace cherha::desk::ui
