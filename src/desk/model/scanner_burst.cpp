#include "desk/model/scanner_burst.h"

#include "core/common/utf8.h"

namespace cherha::desk {

std::optional<std::string> ScannerBurst::feed(char32_t c, Clock::time_point at) {
    const bool in_time = last_ && at >= *last_ && at - *last_ <= settings_.max_gap;
    last_ = at;
    const bool enter = c == U'\r' || c == U'\n';
    if (flooded_ && (enter || !in_time)) {
        flooded_ = false;  // the flood ended
        text_.clear();
        count_ = 0;
        if (enter) return std::nullopt;
    } else if (flooded_) {
        return std::nullopt;
    }
    if (enter) {
        std::optional<std::string> scan;
        if (in_time && count_ >= settings_.min_length) scan = std::move(text_);
        text_.clear();
        count_ = 0;
        return scan;
    }
    if (c < 0x20 || c == 0x7F || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        reset();
        return std::nullopt;
    }
    if (!in_time) {  // a pause: what came before was typed by a person
        text_.clear();
        count_ = 0;
    }
    core::append_utf8(text_, c);
    ++count_;
    if (text_.size() > kMaxScanBytes) {
        text_.clear();
        count_ = 0;
        flooded_ = true;  // the rest of this flood starts no new scan
    }
    return std::nullopt;
}

void ScannerBurst::reset() {
    flooded_ = false;
    text_.clear();
    count_ = 0;
    last_.reset();
}

}  // namespace cherha::desk
