#include "core/abuse/proof_of_work.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

namespace cherha::core {
namespace {

using namespace std::chrono_literals;

const std::string kSecret = "test-secret-0123456789abcdef";         // 28 bytes, synthetic
const Instant kNow = Instant(std::chrono::seconds(1'795'000'000));  // 2026-11-18T11:06:40Z

std::string issue(Instant now = kNow, int difficulty = 8, const std::string& secret = kSecret) {
    auto text = issue_challenge(secret, now, difficulty);
    EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.problem().code);
    return text.ok() ? text.value() : std::string();
}

std::string solve(const std::string& text) {
    auto nonce = solve_challenge(text, 1'000'000);
    EXPECT_TRUE(nonce.has_value());
    return nonce.value_or("");
}

std::string code_of(const std::optional<Problem>& p) {
    return p ? p->code : "ok";
}

// Replaces field `index` (0 = version .. 4 = mac) of a challenge text.
std::string with_field(const std::string& text, int index, const std::string& value) {
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) start = text.find('.', start) + 1;
    std::size_t end = text.find('.', start);
    if (end == std::string::npos) end = text.size();
    return text.substr(0, start) + value + text.substr(end);
}

std::string field(const std::string& text, int index) {
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) start = text.find('.', start) + 1;
    std::size_t end = text.find('.', start);
    if (end == std::string::npos) end = text.size();
    return text.substr(start, end - start);
}

TEST(ProofOfWork, IssuedTextHasDocumentedShape) {
    const std::string text = issue();
    EXPECT_LE(text.size(), kPowMaxChallengeLength);
    for (char c : text) {
        const bool url_safe = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '.';
        EXPECT_TRUE(url_safe) << text;
    }
    EXPECT_EQ(field(text, 0), "1");
    EXPECT_EQ(field(text, 1).size(), 32u);
    EXPECT_EQ(field(text, 2), "1795000000");
    EXPECT_EQ(field(text, 3), "8");
    EXPECT_EQ(field(text, 4).size(), 64u);
}

TEST(ProofOfWork, ValidSolutionAccepted) {
    const std::string text = issue();
    const std::string nonce = solve(text);
    EXPECT_GE(pow_leading_zero_bits(text, nonce), 8);
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow), std::nullopt);
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow + 1min), std::nullopt);
}

TEST(ProofOfWork, DefaultDifficultyIs18) {
    auto text = issue_challenge(kSecret, kNow);
    ASSERT_TRUE(text.ok());
    auto parsed = parse_challenge(text.value());
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->difficulty, 18);
}

TEST(ProofOfWork, DifficultyZeroAcceptsAnyWellFormedNonce) {
    const std::string text = issue(kNow, 0);
    EXPECT_EQ(check_solution(kSecret, text, "0", kNow), std::nullopt);
    EXPECT_EQ(check_solution(kSecret, text, "99999999999999999999999999999999", kNow),
              std::nullopt);
}

TEST(ProofOfWork, DifficultyBounds) {
    EXPECT_TRUE(issue_challenge(kSecret, kNow, 0).ok());
    EXPECT_TRUE(issue_challenge(kSecret, kNow, 32).ok());
    auto high = issue_challenge(kSecret, kNow, 33);
    ASSERT_FALSE(high.ok());
    EXPECT_EQ(high.problem().code, "pow.difficulty_invalid");
    EXPECT_EQ(high.problem().param("difficulty"), "33");
    EXPECT_EQ(high.problem().param("maximum"), "32");
    auto low = issue_challenge(kSecret, kNow, -1);
    ASSERT_FALSE(low.ok());
    EXPECT_EQ(low.problem().code, "pow.difficulty_invalid");
    EXPECT_EQ(low.problem().param("difficulty"), "-1");
}

TEST(ProofOfWork, SecretLength) {
    const std::string short_secret(15, 'k');
    const std::string enough(16, 'k');
    auto refused = issue_challenge(short_secret, kNow, 8);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.problem().code, "pow.secret_too_short");
    EXPECT_EQ(refused.problem().param("minimum"), "16");
    EXPECT_FALSE(issue_challenge("", kNow, 8).ok());
    const std::string text = issue(kNow, 8, enough);
    const std::string nonce = solve(text);
    EXPECT_EQ(check_solution(enough, text, nonce, kNow), std::nullopt);
    EXPECT_EQ(code_of(check_solution(short_secret, text, nonce, kNow)), "pow.secret_too_short");
}

TEST(ProofOfWork, SecretWithNulBytesIsUsedWhole) {
    const std::string a("0123456789abcdef\0x", 18);
    const std::string b("0123456789abcdef\0y", 18);
    const std::string text = issue(kNow, 8, a);
    const std::string nonce = solve(text);
    EXPECT_EQ(check_solution(a, text, nonce, kNow), std::nullopt);
    EXPECT_EQ(code_of(check_solution(b, text, nonce, kNow)), "pow.bad_signature");
}

TEST(ProofOfWork, WrongSecretIsBadSignature) {
    const std::string text = issue();
    const std::string nonce = solve(text);
    EXPECT_EQ(code_of(check_solution("another-secret-0123456789", text, nonce, kNow)),
              "pow.bad_signature");
}

TEST(ProofOfWork, EveryTamperedFieldIsBadSignature) {
    const std::string text = issue(kNow, 16);
    const std::string id = field(text, 1);
    std::string other_id = id;
    other_id[0] = other_id[0] == 'a' ? 'b' : 'a';
    std::string other_mac = field(text, 4);
    other_mac[63] = other_mac[63] == '0' ? '1' : '0';
    const std::string tampered[] = {
        with_field(text, 1, other_id),     with_field(text, 2, "1795000001"),
        with_field(text, 2, "1794999999"), with_field(text, 3, "8"),
        with_field(text, 3, "0"),          with_field(text, 3, "15"),
        with_field(text, 4, other_mac),
    };
    for (const auto& t : tampered) {
        ASSERT_NE(t, text);
        ASSERT_TRUE(parse_challenge(t).ok()) << t;  // still well formed
        const auto nonce = solve_challenge(t, 1'000'000);
        ASSERT_TRUE(nonce.has_value());
        EXPECT_EQ(code_of(check_solution(kSecret, t, *nonce, kNow)), "pow.bad_signature") << t;
    }
}

TEST(ProofOfWork, ExpiryBoundary) {
    const std::string text = issue();
    const std::string nonce = solve(text);
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow + 5min), std::nullopt);
    const auto late = check_solution(kSecret, text, nonce, kNow + 5min + 1s);
    ASSERT_TRUE(late.has_value());
    EXPECT_EQ(late->code, "pow.expired");
    EXPECT_EQ(late->param("issued_at"), "2026-11-18T11:06:40Z");
    // Custom max_age, both sides.
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow + 60s, 60s), std::nullopt);
    EXPECT_EQ(code_of(check_solution(kSecret, text, nonce, kNow + 61s, 60s)), "pow.expired");
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow, 0s), std::nullopt);
    EXPECT_EQ(code_of(check_solution(kSecret, text, nonce, kNow + 1s, 0s)), "pow.expired");
    EXPECT_EQ(code_of(check_solution(kSecret, text, nonce, kNow, -1s)), "pow.expired");
}

TEST(ProofOfWork, FutureBoundary) {
    const std::string text = issue();
    const std::string nonce = solve(text);
    EXPECT_EQ(check_solution(kSecret, text, nonce, kNow - 30s), std::nullopt);
    EXPECT_EQ(code_of(check_solution(kSecret, text, nonce, kNow - 31s)), "pow.future");
    EXPECT_EQ(code_of(check_solution(kSecret, text, nonce, kNow - 24h)), "pow.future");
}

TEST(ProofOfWork, ExtremeInstantsDoNotOverflow) {
    using Lim = std::numeric_limits<std::int64_t>;
    const Instant earliest{std::chrono::seconds(Lim::min())};
    const Instant latest{std::chrono::seconds(Lim::max())};
    const std::string old_text = issue(earliest, 0);
    EXPECT_EQ(field(old_text, 2), std::to_string(Lim::min()));
    const auto expired = check_solution(kSecret, old_text, "1", latest);
    ASSERT_TRUE(expired.has_value());
    EXPECT_EQ(expired->code, "pow.expired");
    EXPECT_EQ(expired->param("issued_at"), std::to_string(Lim::min()));
    EXPECT_EQ(check_solution(kSecret, old_text, "1", earliest, std::chrono::seconds(Lim::max())),
              std::nullopt);
    const std::string new_text = issue(latest, 0);
    EXPECT_EQ(code_of(check_solution(kSecret, new_text, "1", earliest)), "pow.future");
    EXPECT_EQ(check_solution(kSecret, new_text, "1", latest), std::nullopt);
}

TEST(ProofOfWork, InsufficientWork) {
    const std::string text = issue(kNow, 16);
    // A nonce with at least 8 but fewer than 16 leading zero bits.
    std::string nonce;
    for (std::uint64_t n = 0; n < 1'000'000 && nonce.empty(); ++n) {
        const int bits = pow_leading_zero_bits(text, std::to_string(n));
        if (bits >= 8 && bits < 16) nonce = std::to_string(n);
    }
    ASSERT_FALSE(nonce.empty());
    const auto p = check_solution(kSecret, text, nonce, kNow);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->code, "pow.insufficient");
    EXPECT_EQ(p->param("difficulty"), "16");
    // The same nonce would do for difficulty 8, and a real solution for 16 passes.
    EXPECT_GE(pow_leading_zero_bits(text, nonce), 8);
    EXPECT_EQ(check_solution(kSecret, text, solve(text), kNow), std::nullopt);
    // A nonce that answers another challenge does not answer this one.
    const std::string other = issue(kNow, 16);
    const std::string other_nonce = solve(other);
    if (pow_leading_zero_bits(text, other_nonce) < 16) {
        EXPECT_EQ(code_of(check_solution(kSecret, text, other_nonce, kNow)), "pow.insufficient");
    }
}

TEST(ProofOfWork, LeadingZeroBitsCountsFromMostSignificantBit) {
    // SHA-256("abc:") etc. are fixed; check consistency with a difficulty-0 search.
    const std::string text = issue(kNow, 12);
    const std::string nonce = solve(text);
    EXPECT_GE(pow_leading_zero_bits(text, nonce), 12);
    for (std::uint64_t n = 0; n < std::stoull(nonce); ++n)
        EXPECT_LT(pow_leading_zero_bits(text, std::to_string(n)), 12);
}

TEST(ProofOfWork, InvalidNonces) {
    const std::string text = issue(kNow, 0);
    const std::string bad[] = {
        "",
        "12a",
        " 1",
        "1 ",
        "-1",
        "+1",
        "1.5",
        std::string("1\0", 2),
        "\xd9\xa1",            // ARABIC-INDIC DIGIT ONE
        "\xff\xfe",            // invalid UTF-8
        std::string(33, '1'),  // 33 digits
        std::string(1'000'000, '7'),
    };
    for (const auto& n : bad)
        EXPECT_EQ(code_of(check_solution(kSecret, text, n, kNow)), "pow.nonce_invalid") << n.size();
    EXPECT_EQ(check_solution(kSecret, text, std::string(32, '1'), kNow), std::nullopt);
    EXPECT_EQ(check_solution(kSecret, text, "007", kNow), std::nullopt);
}

TEST(ProofOfWork, MalformedTexts) {
    const std::string text = issue();
    const std::string nonce = solve(text);
    std::string upper = text;
    for (char& c : upper)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    const std::string bad[] = {
        "",
        "1",
        "1....",
        text + ".",
        "." + text,
        text + "0",
        text.substr(0, text.size() - 1),
        upper,
        with_field(text, 0, "2"),
        with_field(text, 0, "01"),
        with_field(text, 1, field(text, 1) + "00"),
        with_field(text, 1, field(text, 1).substr(2)),
        with_field(text, 1, "g" + field(text, 1).substr(1)),
        with_field(text, 2, "01795000000"),
        with_field(text, 2, "+1795000000"),
        with_field(text, 2, "-0"),
        with_field(text, 2, ""),
        with_field(text, 2, "99999999999999999999"),
        with_field(text, 3, "08"),
        with_field(text, 3, "33"),
        with_field(text, 3, "-1"),
        with_field(text, 3, "100"),
        with_field(text, 3, ""),
        text.substr(0, 10) + std::string(1, '\0') + text.substr(11),
        text.substr(0, 10) + "\xd0\x90" + text.substr(12),  // Cyrillic А
        text.substr(0, 10) + "\xff" + text.substr(11),      // invalid UTF-8
        std::string(1'000'000, 'a'),
        text + std::string(1'000'000, '0'),
    };
    for (const auto& t : bad) {
        EXPECT_EQ(code_of(check_solution(kSecret, t, nonce, kNow)), "pow.malformed") << t.size();
        auto parsed = parse_challenge(t);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.problem().code, "pow.malformed");
        EXPECT_EQ(solve_challenge(t, 10), std::nullopt);
    }
}

TEST(ProofOfWork, ParseExposesIdForSingleUse) {
    const std::string a = issue();
    const std::string b = issue();
    EXPECT_NE(a, b);
    auto pa = parse_challenge(a);
    auto pb = parse_challenge(b);
    ASSERT_TRUE(pa.ok());
    ASSERT_TRUE(pb.ok());
    EXPECT_EQ(pa->id_hex, field(a, 1));
    EXPECT_NE(pa->id, pb->id);
    EXPECT_EQ(pa->issued_at, kNow);
    EXPECT_EQ(pa->difficulty, 8);
    // id bytes match the hex text.
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (auto byte : pa->id) {
        hex.push_back(digits[byte >> 4]);
        hex.push_back(digits[byte & 0xf]);
    }
    EXPECT_EQ(hex, pa->id_hex);
    // A caller's spent-id store: ids of many challenges are distinct.
    std::set<std::string> ids;
    for (int i = 0; i < 200; ++i) ids.insert(parse_challenge(issue())->id_hex);
    EXPECT_EQ(ids.size(), 200u);
}

TEST(ProofOfWork, SolveGivesUpAfterMaxTries) {
    const std::string text = issue(kNow, 32);
    EXPECT_EQ(solve_challenge(text, 0), std::nullopt);
    EXPECT_EQ(solve_challenge(text, 50), std::nullopt);  // 2^-32 per try: practically never
    const std::string easy = issue(kNow, 0);
    EXPECT_EQ(solve_challenge(easy, 1), "0");
    EXPECT_EQ(solve_challenge(easy, 0), std::nullopt);
}

TEST(ProofOfWork, OrderOfChecks) {
    const std::string text = issue();
    // Bad signature is reported before expiry and nonce problems.
    EXPECT_EQ(code_of(check_solution("another-secret-0123456789", text, "x", kNow + 1h)),
              "pow.bad_signature");
    // Expiry before the nonce.
    EXPECT_EQ(code_of(check_solution(kSecret, text, "x", kNow + 1h)), "pow.expired");
    EXPECT_EQ(code_of(check_solution(kSecret, text, "x", kNow - 1h)), "pow.future");
}

}  // namespace
}  // namespace cherha::core
