// The audit log's hash chain: the documented serialisation, sensitivity to every field, and
// the verifier's verdict on edited, reordered, missing and inserted entries.
#include "store/audit_chain.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <string>
#include <vector>

namespace cherha::store {
namespace {

using namespace std::string_literals;

Instant unix_time(std::int64_t seconds) {
    return Instant(std::chrono::seconds(seconds));
}

AuditEvent sample_event(int n) {
    return AuditEvent{unix_time(1700000000 + n), "staff:anna",         "w" + std::to_string(n % 3),
                      "booking.serve",           std::int64_t{40 + n}, "ok",
                      R"({"service":"exam"})"};
}

// A sound chain of `count` entries.
std::vector<AuditEntry> chain(int count) {
    std::vector<AuditEntry> entries;
    std::string prev;
    for (int i = 1; i <= count; ++i) {
        AuditEntry e{i, sample_event(i), prev, ""};
        e.hash = audit_entry_hash(e.seq, e.prev_hash, e.event);
        prev = e.hash;
        entries.push_back(e);
    }
    return entries;
}

std::string field(const std::string& bytes) {
    std::string out;
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((bytes.size() >> shift) & 0xff));
    return out + bytes;
}

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    std::string out;
    static const char* hex = "0123456789abcdef";
    for (unsigned char c : digest) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return out;
}

TEST(AuditEntryHash, IsSha256OfTheDocumentedSerialisation) {
    const AuditEvent event{unix_time(1700000123), "citizen", "", "booking.create", 17, "ok", "{}"};
    const std::string prev(64, 'a');
    const std::string expected = sha256_hex(
        "cherha.audit.v1"s + field(prev) + field("5") + field("1700000123") + field("citizen") +
        field("") + field("booking.create") + field("#17") + field("ok") + field("{}"));
    EXPECT_EQ(audit_entry_hash(5, prev, event), expected);

    AuditEvent no_booking = event;
    no_booking.booking_id.reset();
    EXPECT_EQ(audit_entry_hash(5, prev, no_booking),
              sha256_hex("cherha.audit.v1"s + field(prev) + field("5") + field("1700000123") +
                         field("citizen") + field("") + field("booking.create") + field("") +
                         field("ok") + field("{}")));
}

TEST(AuditEntryHash, IsLowerHexAndDeterministic) {
    const AuditEvent event = sample_event(1);
    const std::string hash = audit_entry_hash(1, "", event);
    ASSERT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(audit_entry_hash(1, "", event), hash);
}

TEST(AuditEntryHash, EveryFieldCounts) {
    const AuditEvent base = sample_event(1);
    const std::string hash = audit_entry_hash(3, "prev", base);
    EXPECT_NE(audit_entry_hash(4, "prev", base), hash);
    EXPECT_NE(audit_entry_hash(3, "prev2", base), hash);
    std::vector<AuditEvent> variants(8, base);
    variants[0].at += std::chrono::seconds(1);
    variants[1].actor += "x";
    variants[2].window_id += "x";
    variants[3].action += "x";
    variants[4].booking_id = *base.booking_id + 1;
    variants[5].booking_id.reset();
    variants[6].result += "x";
    variants[7].details += " ";
    for (std::size_t i = 0; i < variants.size(); ++i)
        EXPECT_NE(audit_entry_hash(3, "prev", variants[i]), hash) << "variant " << i;
}

TEST(AuditEntryHash, FieldBoundariesAreUnambiguous) {
    AuditEvent a = sample_event(1);
    AuditEvent b = a;
    a.actor = "staff:an";
    a.window_id = "na";
    b.actor = "staff:anna";
    b.window_id = "";
    EXPECT_NE(audit_entry_hash(1, "", a), audit_entry_hash(1, "", b));
    // Separators and NUL bytes inside a field cannot imitate a boundary either.
    a.actor = "x\0\0\0\0\0\0\0\1y"s;
    a.window_id = "";
    b.actor = "x";
    b.window_id = "y";
    EXPECT_NE(audit_entry_hash(1, "", a), audit_entry_hash(1, "", b));
    // An absent booking is not booking 0, and not the text "#0" elsewhere.
    AuditEvent none = sample_event(1);
    none.booking_id.reset();
    AuditEvent zero = none;
    zero.booking_id = 0;
    EXPECT_NE(audit_entry_hash(1, "", none), audit_entry_hash(1, "", zero));
}

TEST(AuditChainVerifier, AcceptsASoundChainAndAnEmptyOne) {
    auto entries = chain(5);
    auto verdict = verify_audit_entries(entries);
    EXPECT_EQ(verdict.entries, 5);
    EXPECT_FALSE(verdict.first_broken.has_value());
    auto empty = verify_audit_entries({});
    EXPECT_EQ(empty.entries, 0);
    EXPECT_FALSE(empty.first_broken.has_value());
}

TEST(AuditChainVerifier, NamesTheEditedEntry) {
    auto entries = chain(6);
    entries[3].event.result = "refused";  // seq 4 edited, hash left as it was
    auto verdict = verify_audit_entries(entries);
    EXPECT_EQ(verdict.entries, 6);
    EXPECT_EQ(verdict.first_broken, 4);
}

TEST(AuditChainVerifier, AnEditWithARecomputedHashBreaksTheNextEntry) {
    auto entries = chain(6);
    entries[3].event.details = "{}";
    entries[3].hash = audit_entry_hash(4, entries[3].prev_hash, entries[3].event);
    EXPECT_EQ(verify_audit_entries(entries).first_broken, 5);
}

TEST(AuditChainVerifier, MissingReorderedAndInsertedEntriesBreakTheChain) {
    auto missing = chain(5);
    missing.erase(missing.begin() + 2);  // seq 3 gone
    EXPECT_EQ(verify_audit_entries(missing).first_broken, 4);

    auto swapped = chain(5);
    std::swap(swapped[1], swapped[2]);
    EXPECT_EQ(verify_audit_entries(swapped).first_broken, 3);

    auto first_missing = chain(3);
    first_missing.erase(first_missing.begin());
    EXPECT_EQ(verify_audit_entries(first_missing).first_broken, 2);

    // A forged entry with its own sound hash still does not link to its neighbours.
    auto inserted = chain(4);
    AuditEntry forged{3, sample_event(99), inserted[1].hash, ""};
    forged.hash = audit_entry_hash(3, forged.prev_hash, forged.event);
    inserted.insert(inserted.begin() + 2, forged);
    EXPECT_EQ(verify_audit_entries(inserted).first_broken, 3);  // the old seq 3 follows seq 3

    auto blank = chain(2);
    blank[0].hash.clear();
    EXPECT_EQ(verify_audit_entries(blank).first_broken, 1);
}

TEST(AuditChainVerifier, CountsEveryEntryButJudgesOnlyUpToTheBreak) {
    auto entries = chain(4);
    entries[0].prev_hash = "not empty";
    AuditChainVerifier verifier;
    EXPECT_FALSE(verifier.add(entries[0]));
    for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_FALSE(verifier.add(entries[i]));
    EXPECT_EQ(verifier.result().entries, 4);
    EXPECT_EQ(verifier.result().first_broken, 1);
}

}  // namespace
}  // namespace cherha::store
