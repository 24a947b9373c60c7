// The supervisor's hourly chart: arrivals per hour of the day as bars, drawn with
// wxGraphicsContext so the same drawing goes on screen and into the PDF report.
#pragma once

#include <map>

#include <wx/panel.h>

class wxGraphicsContext;

namespace cherha::desk::ui {

// Draws the bars of `per_hour` (hour 0..23 -> count) into the rectangle; hours from the first
// to the last one with a count (at least 8:00-18:00).
void draw_hourly_chart(wxGraphicsContext& gc, const std::map<int, int>& per_hour, double x,
                       double y, double width, double height);

class HourlyChart : public wxPanel {
  public:
    explicit HourlyChart(wxWindow* parent);
    void set(std::map<int, int> per_hour);
    const std::map<int, int>& values() const { return per_hour_; }

  private:
    std::map<int, int> per_hour_;
};

}  // namespace cherha::desk::ui
