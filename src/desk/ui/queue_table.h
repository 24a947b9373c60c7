// The day's queue as a virtual wxDataViewCtrl model (the wx dataview sample's and Poedit's
// pattern, ENGINEERING.md "Virtual list models"): rows are indexes into DayQueue::visible(),
// so thousands of bookings cost nothing until they are drawn.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <wx/dataview.h>

#include "desk/model/day_queue.h"
#include "desk/model/desk_records.h"

namespace cherha::desk::ui {

class QueueTable : public wxDataViewVirtualListModel {
  public:
    enum Column { Time, Ticket, Channel, Service, Visitor, Status, Window, ColumnCount };

    QueueTable(const DayQueue& queue, const CenterInfo& center);

    // Who looks at the table (the full names are shown only to the serving window).
    void set_viewer(std::string window_id, bool supervisor);
    void set_filter(QueueFilter filter);
    const QueueFilter& filter() const { return filter_; }
    // Re-reads the queue after it changed and tells the control.
    void refresh();

    std::size_t row_count() const { return rows_.size(); }
    // The booking id in `row`, 0 when out of range; the row of `id`, -1 when not shown.
    std::int64_t booking_at(unsigned row) const;
    int row_of(std::int64_t booking_id) const;

    // Adds the columns to `view` (translated titles).
    static void add_columns(wxDataViewCtrl& view);

    // wxDataViewVirtualListModel
    unsigned GetColumnCount() const override { return ColumnCount; }
    wxString GetColumnType(unsigned) const override { return "string"; }
    unsigned GetCount() const override { return static_cast<unsigned>(rows_.size()); }
    void GetValueByRow(wxVariant& value, unsigned row, unsigned column) const override;
    bool GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }

  private:
    const DayQueue& queue_;
    const CenterInfo& center_;
    std::string viewer_window_;
    bool supervisor_ = false;
    QueueFilter filter_;
    std::vector<std::size_t> rows_;
};

// The state's name as the clerk reads it (translated).
wxString state_name(core::BookingState state);
// The channel's name (translated).
wxString channel_name(core::BookingChannel channel);

}  // namespace cherha::desk::ui
