// Hall tickets of one center on one working day (PRODUCT.md rule 8).
//
// Regular tickets are numbered 1000, 1001, ... 9999. Priority visitors (people with
// disabilities and their companions, families of fallen defenders, serving military) get
// tickets 1, 2, ... 999 in their own sequence, at most one per working day per service per
// identity; a visitor refused a second priority ticket can still take a regular one.
//
// Overflow is refused, not wrapped: a 9001st regular ticket (or a 1000th priority ticket) in
// one day gets ticket.sequence_exhausted. Wrapping would put two visitors with the same number
// on the board the same day, and a fifth digit would not fit the board's ticket column; no
// center serves thousands of visitors a day, so reaching the end means something is wrong
// (a runaway kiosk) and a supervisor should look.
//
// Display: the board and the printed ticket show a regular ticket as its four digits ("1000")
// and a priority ticket as a letter, a hyphen and three digits ("П-001"). The letter is words
// of the face (Ukrainian "П" for "пріоритетний"; an English board may choose "P"): use
// ticket_digits() plus the face's own prefix, or format_ticket() for the Ukrainian default.
//
// Problem codes:
//   ticket.identity_required {}                 priority ticket without an identity key
//   ticket.identity_invalid {max}               identity key longer than max bytes
//   ticket.service_required {}                  priority ticket without a service id
//   ticket.service_invalid {max}                service id longer than max bytes
//   ticket.category_invalid {}                  a value outside PriorityCategory
//   ticket.priority_already_issued {number}     this identity already has priority ticket
//                                               `number` for this service today
//   ticket.sequence_exhausted {sequence, last}  sequence "regular" / "priority" is used up;
//                                               last = its last number ("9999" / "999")
//   ticket.number_out_of_range {sequence, number}  restore() of a number outside its sequence
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

enum class TicketSequence { Regular, Priority };

// Who may take a priority ticket.
enum class PriorityCategory {
    PersonWithDisability,
    DisabilityCompanion,   // accompanying a person with a disability
    FallenDefenderFamily,  // family of a defender of Ukraine who was killed
    ServingMilitary,
};

inline constexpr int kFirstRegularTicket = 1000;
inline constexpr int kLastRegularTicket = 9999;
inline constexpr int kFirstPriorityTicket = 1;
inline constexpr int kLastPriorityTicket = 999;
inline constexpr std::size_t kMaxTicketKeyBytes = 128;

// Stable ids: "regular", "priority"; "person_with_disability", "disability_companion",
// "fallen_defender_family", "serving_military". Parse functions accept exactly these ids.
// Pure, thread-safe.
std::string_view ticket_sequence_id(TicketSequence sequence);
std::optional<TicketSequence> parse_ticket_sequence(std::string_view id);
std::string_view priority_category_id(PriorityCategory category);
std::optional<PriorityCategory> parse_priority_category(std::string_view id);

struct Ticket {
    TicketSequence sequence = TicketSequence::Regular;
    int number = 0;
    std::optional<PriorityCategory> category;  // set for priority tickets
    bool operator==(const Ticket&) const = default;
};

// The day's ticket numbers of one center: pure state, no storage. The server keeps one per
// center and working day and restores it from the stored tickets after a restart.
// Thread-safety: none; the owner serialises access (one book is one center's day).
class TicketBook {
  public:
    // Needs: any center id and day (they only label the book).
    TicketBook(std::string center_id, Date day);

    const std::string& center_id() const { return center_id_; }
    Date day() const { return day_; }

    // The next regular ticket (1000 first).
    // Guarantees: numbers strictly increase and are never reused within the book;
    // ticket.sequence_exhausted {sequence="regular", last="9999"} after 9999.
    Result<Ticket> issue_regular();

    // The next priority ticket (1 first) for `identity_key` (the caller's normalised RNOKPP,
    // document number or EDRPOU; compared byte for byte) and `service_id`.
    // Guarantees: at most one per (identity, service) in this book, else
    // ticket.priority_already_issued {number}; a refused call consumes no number. Other
    // problems: ticket.identity_required / identity_invalid / service_required /
    // service_invalid / category_invalid / sequence_exhausted.
    Result<Ticket> issue_priority(PriorityCategory category, std::string_view identity_key,
                                  std::string_view service_id);

    // As above for a person known under several keys (the RNOKPP and the document number, or
    // the EDRPOU: quota_identity_keys()): refused when ANY of them already holds a priority
    // ticket for `service_id`, whichever document the person showed then; the new ticket is
    // held under all of them. An empty list is ticket.identity_required; every key is checked
    // as a single one is.
    Result<Ticket> issue_priority(PriorityCategory category,
                                  const std::vector<std::string>& identity_keys,
                                  std::string_view service_id);

    // Re-enter a ticket issued earlier today (from storage). Later issues continue after the
    // highest restored number; a restored priority ticket also restores its (identity,
    // service) claim. Same problems as the issue functions, plus ticket.number_out_of_range.
    Result<Ticket> restore(const Ticket& ticket, std::string_view identity_key = {},
                           std::string_view service_id = {});
    // As above with every key of the ticket's holder (see the issue_priority above).
    Result<Ticket> restore(const Ticket& ticket, const std::vector<std::string>& identity_keys,
                           std::string_view service_id);

    // Whether `identity_key` already holds a priority ticket for `service_id` in this book.
    bool has_priority_ticket(std::string_view identity_key, std::string_view service_id) const;

    // How many numbers of each sequence have been used (highest number - first + 1).
    int regular_used() const { return next_regular_ - kFirstRegularTicket; }
    int priority_used() const { return next_priority_ - kFirstPriorityTicket; }

  private:
    std::optional<Problem> check_priority_request(const std::vector<std::string>& identity_keys,
                                                  std::string_view service_id) const;

    std::string center_id_;
    Date day_;
    int next_regular_ = kFirstRegularTicket;
    int next_priority_ = kFirstPriorityTicket;
    // (identity key, service id) -> the priority ticket number issued for it.
    std::map<std::pair<std::string, std::string>, int> priority_claims_;
};

// The ticket's digits: a regular ticket's number ("1000"), a priority ticket's number padded
// to three digits ("001"). Pure, thread-safe.
std::string ticket_digits(const Ticket& ticket);

// The default (Ukrainian) display form: "1000" for a regular ticket, "П-001" for a priority
// ticket (UTF-8). Pure, thread-safe.
std::string format_ticket(const Ticket& ticket);

}  // namespace cherha::core
