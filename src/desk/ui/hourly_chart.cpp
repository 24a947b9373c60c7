#include "desk/ui/hourly_chart.h"

#include <algorithm>
#include <memory>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

namespace cherha::desk::ui {

void draw_hourly_chart(wxGraphicsContext& gc, const std::map<int, int>& per_hour, double x,
                       double y, double width, double height) {
    int first = 8;
    int last = 18;
    int top = 1;
    for (const auto& [hour, count] : per_hour) {
        if (hour < 0 || hour > 23) continue;
        first = std::min(first, hour);
        last = std::max(last, hour);
        top = std::max(top, count);
    }
    const int hours = last - first + 1;
    const double label_height = 18;
    const double bar_area = height - 2 * label_height;
    const double slot = width / hours;
    gc.SetFont(wxFont(wxFontInfo(8)), *wxBLACK);
    gc.SetPen(wxPen(wxColour(0x90, 0x90, 0x90)));
    gc.StrokeLine(x, y + label_height + bar_area, x + width, y + label_height + bar_area);
    for (int hour = first; hour <= last; ++hour) {
        const auto it = per_hour.find(hour);
        const int count = it == per_hour.end() ? 0 : it->second;
        const double left = x + (hour - first) * slot;
        const double bar = bar_area * count / top;
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.SetBrush(wxBrush(wxColour(0x1E, 0x66, 0xB0)));
        if (count > 0)
            gc.DrawRectangle(left + slot * 0.15, y + label_height + bar_area - bar, slot * 0.7,
                             bar);
        const wxString value = wxString::Format("%d", count);
        double tw = 0;
        double th = 0;
        gc.GetTextExtent(value, &tw, &th);
        if (count > 0)
            gc.DrawText(value, left + (slot - tw) / 2, y + label_height + bar_area - bar - th);
        const wxString label = wxString::Format("%02d", hour);
        gc.GetTextExtent(label, &tw, &th);
        gc.DrawText(label, left + (slot - tw) / 2, y + label_height + bar_area + 2);
    }
}

HourlyChart::HourlyChart(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(480, 180)));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (!gc) return;
        const auto size = GetClientSize();
        draw_hourly_chart(*gc, per_hour_, 8, 4, size.x - 16, size.y - 8);
    });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        Refresh();
        event.Skip();
    });
}

void HourlyChart::set(std::map<int, int> per_hour) {
    per_hour_ = std::move(per_hour);
    Refresh();
}

}  // namespace cherha::desk::ui
