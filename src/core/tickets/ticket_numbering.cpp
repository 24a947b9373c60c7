#include "core/tickets/ticket_numbering.h"

#include <array>
#include <cstdio>

namespace cherha::core {

namespace {

constexpr std::array kAllCategories{
    PriorityCategory::PersonWithDisability, PriorityCategory::DisabilityCompanion,
    PriorityCategory::FallenDefenderFamily, PriorityCategory::ServingMilitary};

std::pair<std::string, std::string> claim_key(std::string_view identity_key,
                                              std::string_view service_id) {
    return {std::string(identity_key), std::string(service_id)};
}

Problem exhausted(TicketSequence sequence) {
    const int last = sequence == TicketSequence::Regular ? kLastRegularTicket : kLastPriorityTicket;
    return Problem(
        "ticket.sequence_exhausted",
        {{"sequence", std::string(ticket_sequence_id(sequence))}, {"last", std::to_string(last)}});
}

}  // namespace

std::string_view ticket_sequence_id(TicketSequence sequence) {
    switch (sequence) {
        case TicketSequence::Regular:
            return "regular";
        case TicketSequence::Priority:
            return "priority";
    }
    return "unknown";
}

std::optional<TicketSequence> parse_ticket_sequence(std::string_view id) {
    if (id == "regular") return TicketSequence::Regular;
    if (id == "priority") return TicketSequence::Priority;
    return std::nullopt;
}

std::string_view priority_category_id(PriorityCategory category) {
    switch (category) {
        case PriorityCategory::PersonWithDisability:
            return "person_with_disability";
        case PriorityCategory::DisabilityCompanion:
            return "disability_companion";
        case PriorityCategory::FallenDefenderFamily:
            return "fallen_defender_family";
        case PriorityCategory::ServingMilitary:
            return "serving_military";
    }
    return "unknown";
}

std::optional<PriorityCategory> parse_priority_category(std::string_view id) {
    for (PriorityCategory c : kAllCategories)
        if (priority_category_id(c) == id) return c;
    return std::nullopt;
}

TicketBook::TicketBook(std::string center_id, Date day)
    : center_id_(std::move(center_id)), day_(day) {}

Result<Ticket> TicketBook::issue_regular() {
    if (next_regular_ > kLastRegularTicket) return exhausted(TicketSequence::Regular);
    return Ticket{TicketSequence::Regular, next_regular_++, std::nullopt};
}

std::optional<Problem> TicketBook::check_priority_request(
    const std::vector<std::string>& identity_keys, std::string_view service_id) const {
    const std::string max = std::to_string(kMaxTicketKeyBytes);
    if (identity_keys.empty()) return Problem("ticket.identity_required");
    for (const auto& key : identity_keys) {
        if (key.empty()) return Problem("ticket.identity_required");
        if (key.size() > kMaxTicketKeyBytes)
            return Problem("ticket.identity_invalid", {{"max", max}});
    }
    if (service_id.empty()) return Problem("ticket.service_required");
    if (service_id.size() > kMaxTicketKeyBytes)
        return Problem("ticket.service_invalid", {{"max", max}});
    for (const auto& key : identity_keys) {
        auto it = priority_claims_.find(claim_key(key, service_id));
        if (it != priority_claims_.end())
            return Problem("ticket.priority_already_issued",
                           {{"number", std::to_string(it->second)}});
    }
    return std::nullopt;
}

Result<Ticket> TicketBook::issue_priority(PriorityCategory category, std::string_view identity_key,
                                          std::string_view service_id) {
    return issue_priority(category, std::vector<std::string>{std::string(identity_key)},
                          service_id);
}

Result<Ticket> TicketBook::issue_priority(PriorityCategory category,
                                          const std::vector<std::string>& identity_keys,
                                          std::string_view service_id) {
    if (!parse_priority_category(priority_category_id(category)))
        return Problem("ticket.category_invalid");
    if (auto p = check_priority_request(identity_keys, service_id)) return *p;
    if (next_priority_ > kLastPriorityTicket) return exhausted(TicketSequence::Priority);
    const int number = next_priority_++;
    for (const auto& key : identity_keys)
        priority_claims_.emplace(claim_key(key, service_id), number);
    return Ticket{TicketSequence::Priority, number, category};
}

Result<Ticket> TicketBook::restore(const Ticket& ticket, std::string_view identity_key,
                                   std::string_view service_id) {
    return restore(ticket, std::vector<std::string>{std::string(identity_key)}, service_id);
}

Result<Ticket> TicketBook::restore(const Ticket& ticket,
                                   const std::vector<std::string>& identity_keys,
                                   std::string_view service_id) {
    auto out_of_range = [&] {
        return Problem("ticket.number_out_of_range",
                       {{"sequence", std::string(ticket_sequence_id(ticket.sequence))},
                        {"number", std::to_string(ticket.number)}});
    };
    switch (ticket.sequence) {
        case TicketSequence::Regular:
            if (ticket.number < kFirstRegularTicket || ticket.number > kLastRegularTicket)
                return out_of_range();
            if (ticket.number >= next_regular_) next_regular_ = ticket.number + 1;
            return Ticket{TicketSequence::Regular, ticket.number, std::nullopt};
        case TicketSequence::Priority: {
            if (ticket.number < kFirstPriorityTicket || ticket.number > kLastPriorityTicket)
                return out_of_range();
            if (!ticket.category ||
                !parse_priority_category(priority_category_id(*ticket.category)))
                return Problem("ticket.category_invalid");
            if (auto p = check_priority_request(identity_keys, service_id)) return *p;
            for (const auto& key : identity_keys)
                priority_claims_.emplace(claim_key(key, service_id), ticket.number);
            if (ticket.number >= next_priority_) next_priority_ = ticket.number + 1;
            return ticket;
        }
    }
    return out_of_range();
}

bool TicketBook::has_priority_ticket(std::string_view identity_key,
                                     std::string_view service_id) const {
    return priority_claims_.count(claim_key(identity_key, service_id)) != 0;
}

std::string ticket_digits(const Ticket& ticket) {
    char buf[24];
    if (ticket.sequence == TicketSequence::Priority)
        std::snprintf(buf, sizeof buf, "%03d", ticket.number);
    else
        std::snprintf(buf, sizeof buf, "%d", ticket.number);
    return buf;
}

std::string format_ticket(const Ticket& ticket) {
    if (ticket.sequence == TicketSequence::Priority)
        return "\xD0\x9F-" + ticket_digits(ticket);  // "П-"
    return ticket_digits(ticket);
}

}  // namespace cherha::core
