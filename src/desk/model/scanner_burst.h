// Tells a hand-held scanner from a person at the keyboard. A 2D scanner in keyboard mode types
// the whole QR content in a burst, each character a few milliseconds after the one before, and
// ends it with Enter; a person types far slower. The main window feeds every character typed
// anywhere in it (ENGINEERING.md: the decision is here, the frame only forwards keys), and opens
// the booking when feed() returns a scan.
//
// Thread-safety: none; the UI thread owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace cherha::desk {

struct BurstSettings {
    // The longest pause between two characters of one scan (the settings dialog's "scanner
    // burst threshold"). Scanners type a character every 1-15 ms; people rarely under 60 ms.
    std::chrono::milliseconds max_gap{35};
    // The fewest characters a scan has: a booking code has 8, a token far more.
    std::size_t min_length = 8;
};

// A burst longer than this many bytes is dropped: no booking token or MRZ line is that long.
inline constexpr std::size_t kMaxScanBytes = 4096;

class ScannerBurst {
  public:
    using Clock = std::chrono::steady_clock;

    explicit ScannerBurst(BurstSettings settings = {}) : settings_(settings) {}

    // One typed character (a Unicode code point) at `at`; Enter is '\r' or '\n'.
    // Guarantees: the scanned text (UTF-8, without the Enter) when `c` is an Enter that ends a
    // burst of at least min_length characters, each at most max_gap after the previous one, the
    // Enter included; otherwise nullopt. A pause longer than max_gap starts a new burst, so a
    // person's typing before a scan does not become part of it. Characters below U+0020 other
    // than Enter, code points over U+10FFFF and surrogates break a burst; so does a burst over
    // kMaxScanBytes.
    std::optional<std::string> feed(char32_t c, Clock::time_point at);

    // How many characters the burst under way holds (for the frame: those characters went to
    // the focused field and are taken back from it when the scan completes).
    std::size_t pending() const { return count_; }

    // Forgets the burst under way (focus moved to another window, a dialog opened).
    void reset();

  private:
    BurstSettings settings_;
    std::string text_;
    std::size_t count_ = 0;
    std::optional<Clock::time_point> last_;
    bool flooded_ = false;  // a burst went over kMaxScanBytes: ignored until a pause or Enter
};

}  // namespace cherha::desk
