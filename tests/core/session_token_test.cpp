#include "core/auth/session_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cherha::core {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::string token_ok() {
    auto r = new_session_token();
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : std::string();
}

bool is_base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

TEST(SessionToken, LengthAlphabetAndUniquenessOver1000Draws) {
    std::set<std::string> seen;
    std::set<char> characters;
    for (int i = 0; i < 1000; ++i) {
        const std::string t = token_ok();
        ASSERT_EQ(t.size(), 43u) << t;
        for (char c : t) {
            ASSERT_TRUE(is_base64url_char(c)) << t;
            characters.insert(c);
        }
        EXPECT_TRUE(is_session_token_well_formed(t)) << t;
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 1000u);
    // 43,000 random characters use the whole 64-character alphabet (including - and _).
    EXPECT_EQ(characters.size(), 64u);
}

TEST(SessionToken, WellFormedShape) {
    const std::string t = token_ok();
    EXPECT_TRUE(is_session_token_well_formed(t));
    EXPECT_TRUE(is_session_token_well_formed(std::string(43, 'A')));
    EXPECT_TRUE(is_session_token_well_formed(std::string(42, '_') + "w"));   // w = 48
    EXPECT_FALSE(is_session_token_well_formed(std::string(42, 'A') + "B"));  // padding bit set
    EXPECT_FALSE(is_session_token_well_formed(""));
    EXPECT_FALSE(is_session_token_well_formed(t.substr(0, 42)));
    EXPECT_FALSE(is_session_token_well_formed(t + "A"));
    EXPECT_FALSE(is_session_token_well_formed(t + "="));
    EXPECT_FALSE(is_session_token_well_formed(std::string(42, 'A') + "="));
    EXPECT_FALSE(is_session_token_well_formed(std::string(42, 'A') + "+"));
    EXPECT_FALSE(is_session_token_well_formed("/" + std::string(42, 'A')));
    EXPECT_FALSE(is_session_token_well_formed(std::string(21, 'A') + std::string(1, '\0') +
                                              std::string(21, 'A')));
    EXPECT_FALSE(is_session_token_well_formed(std::string(41, 'A') + "\xd0\x90"));  // Cyrillic А
    EXPECT_FALSE(is_session_token_well_formed(std::string(100000, 'A')));
}

TEST(SessionTokenDigest, KnownValuesStableLowerHex) {
    EXPECT_EQ(session_token_digest(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(session_token_digest("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string t = token_ok();
    const std::string d = session_token_digest(t);
    EXPECT_EQ(d, session_token_digest(t));
    ASSERT_EQ(d.size(), 64u);
    for (char c : d) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << d;
    EXPECT_EQ(d.find(t), std::string::npos);
}

TEST(SessionTokenDigest, DistinguishesNearlyEqualInputs) {
    const std::string t = token_ok();
    std::string flipped = t;
    flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
    EXPECT_NE(session_token_digest(t), session_token_digest(flipped));
    EXPECT_NE(session_token_digest(t), session_token_digest(t + std::string(1, '\0')));
    EXPECT_NE(session_token_digest("a"), session_token_digest("A"));
    EXPECT_EQ(session_token_digest(std::string(1'000'000, 'x')).size(), 64u);
}

const Instant kLogin = Instant{} + hours(24 * 20000);  // some day in 2024

TEST(SessionExpiry, IdleLimitEdge) {
    const SessionPolicy policy;  // 30 min idle, 12 h absolute
    const Instant seen = kLogin + hours(2);
    EXPECT_FALSE(session_expired(kLogin, seen, seen, policy));
    EXPECT_FALSE(session_expired(kLogin, seen, seen + minutes(30) - seconds(1), policy));
    EXPECT_TRUE(session_expired(kLogin, seen, seen + minutes(30), policy));
    EXPECT_TRUE(session_expired(kLogin, seen, seen + minutes(31), policy));
    // right after login
    EXPECT_FALSE(session_expired(kLogin, kLogin, kLogin + seconds(1799)));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin + seconds(1800)));
}

TEST(SessionExpiry, AbsoluteLimitEdgeEvenWhenBusy) {
    const SessionPolicy policy;
    const Instant edge = kLogin + hours(12);
    EXPECT_FALSE(session_expired(kLogin, edge - seconds(2), edge - seconds(1), policy));
    EXPECT_TRUE(session_expired(kLogin, edge - seconds(1), edge, policy));
    EXPECT_TRUE(session_expired(kLogin, edge, edge, policy));
    EXPECT_TRUE(session_expired(kLogin, edge + hours(1), edge + hours(1), policy));
}

TEST(SessionExpiry, CustomPolicy) {
    const SessionPolicy policy{minutes(5), hours(1)};
    EXPECT_FALSE(session_expired(kLogin, kLogin, kLogin + seconds(299), policy));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin + seconds(300), policy));
    const Instant late = kLogin + hours(1);
    EXPECT_FALSE(session_expired(kLogin, late - minutes(1), late - seconds(1), policy));
    EXPECT_TRUE(session_expired(kLogin, late - minutes(1), late, policy));
}

TEST(SessionExpiry, FailsClosedOnInconsistentTimesOrLimits) {
    // last_seen before login, now before last_seen (clock went back)
    EXPECT_TRUE(session_expired(kLogin, kLogin - seconds(1), kLogin));
    EXPECT_TRUE(session_expired(kLogin, kLogin + minutes(1), kLogin + seconds(59)));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin - seconds(1)));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin, SessionPolicy{seconds(0), hours(12)}));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin, SessionPolicy{minutes(30), seconds(0)}));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin, SessionPolicy{seconds(-1), hours(12)}));
    EXPECT_TRUE(session_expired(kLogin, kLogin, kLogin, SessionPolicy{minutes(30), seconds(-1)}));
}

TEST(SessionExpiry, ExtremeInstantsDoNotOverflow) {
    const Instant lo = Instant::min();
    const Instant hi = Instant::max();
    EXPECT_TRUE(session_expired(lo, lo, hi));
    EXPECT_TRUE(session_expired(lo, hi, hi));
    EXPECT_FALSE(session_expired(hi, hi, hi));
    EXPECT_FALSE(session_expired(lo, lo, lo));
    EXPECT_FALSE(session_expired(hi - seconds(10), hi - seconds(5), hi));
    const SessionPolicy huge{seconds::max(), seconds::max()};
    EXPECT_FALSE(session_expired(lo, lo, lo + (seconds::max() - seconds(1)), huge));
    EXPECT_TRUE(session_expired(lo, lo, lo + seconds::max(), huge));
    EXPECT_TRUE(session_expired(lo, lo, hi, huge));  // 2^64 - 1 s apart, beyond any limit
}

}  // namespace
}  // namespace cherha::core
