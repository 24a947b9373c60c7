// What a scan or a typed line is: a booking's QR token, a typed booking code, or a line of a
// document's machine-readable zone (an MRZ reader types its lines like a scanner); and the
// collection of MRZ lines into one whole MRZ. The rules of each format are the core's
// (core/token, core/mrz); this only decides which of them applies.
//
// Thread-safety: classify_scan is pure; an MrzCollector belongs to one thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cherha::desk {

enum class ScanKind {
    BookingToken,  // "CHERHA:..." (core/token/booking_token.h): open the booking, verify offline
    BookingCode,   // 8 characters of the booking-code alphabet with a valid check character
    MrzLine,       // 30 or 44 characters of A-Z 0-9 '<': one line of a TD1 or TD3 zone
    Unknown,
};

struct ScanInput {
    ScanKind kind = ScanKind::Unknown;
    std::string text;  // trimmed; a booking code in its canonical form
};

// Which kind `typed` is. Tolerates spaces and line ends around it, lower-case letters in a
// token or an MRZ line, and the look-alikes a booking code tolerates. Never throws.
// A scanner types key positions, so a scan made while the Ukrainian keyboard layout is on
// arrives in Cyrillic ("CHERHA:" as "СРУКРФЖ"): when the text is no scan as typed, it is read
// again through the US layout, and taken when that makes it a token, an MRZ line or a valid
// booking code.
ScanInput classify_scan(std::string_view typed);

// `text` with each character of the Ukrainian (ЙЦУКЕН) layout replaced by the US layout's
// character on the same key; `text` itself when it holds another non-ASCII character.
std::string latin_key_positions(std::string_view text);

// Collects MRZ lines typed one after another until they form a whole zone: 3 lines of 30
// (TD1) or 2 of 44 (TD3). A line of another length, any other scan, or a pause longer than
// kMrzLinePause since the last line (a new document on the reader after a half-read one)
// starts over.
inline constexpr std::chrono::milliseconds kMrzLinePause{2000};

class MrzCollector {
  public:
    using Clock = std::chrono::steady_clock;
    // Adds one line read at `at`; guarantees: the whole zone's lines once complete (and the
    // collector is empty again), else nullopt.
    std::optional<std::vector<std::string>> add(const ScanInput& line, Clock::time_point at);
    void reset() { lines_.clear(); }
    std::size_t pending() const { return lines_.size(); }

  private:
    std::vector<std::string> lines_;
    Clock::time_point last_{};
};

}  // namespace cherha::desk
