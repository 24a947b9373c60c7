#include "core/auth/password_hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cherha::core {
namespace {

// Cheap cost for everything but the one default-cost test (sanitizer builds are slow).
constexpr PasswordHashCost kTestCost = PasswordHashCost::insecure_for_tests(1000);

// Computed independently (Python hashlib.pbkdf2_hmac("sha256", "пароль-1" as UTF-8,
// b"0123456789abcdef", 1000, 32)).
constexpr std::string_view kKnown =
    "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJMo=";
constexpr std::string_view kKnownPassword = "пароль-1";

std::string hash_ok(std::string_view password, PasswordHashCost cost = kTestCost) {
    auto r = hash_password(password, cost);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.problem().code);
    return r.ok() ? r.value() : std::string();
}

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string s(text);
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

TEST(PasswordHash, KnownAnswerFromIndependentImplementation) {
    EXPECT_TRUE(verify_password(kKnownPassword, kKnown));
    EXPECT_FALSE(verify_password("пароль-2", kKnown));
}

TEST(PasswordHash, RoundTripAndEncodedShape) {
    const std::string encoded = hash_ok("Secret-Пароль 1");
    EXPECT_TRUE(encoded.starts_with("pbkdf2-sha256$1000$")) << encoded;
    // scheme(13) + $ + 4 digits + $ + 24 salt + $ + 44 hash
    EXPECT_EQ(encoded.size(), 13u + 1 + 4 + 1 + 24 + 1 + 44);
    EXPECT_TRUE(verify_password("Secret-Пароль 1", encoded));
}

TEST(PasswordHash, WrongPasswordIsRefused) {
    const std::string encoded = hash_ok("correct horse");
    EXPECT_FALSE(verify_password("correct hors", encoded));
    EXPECT_FALSE(verify_password("correct horse ", encoded));
    EXPECT_FALSE(verify_password("Correct horse", encoded));
    EXPECT_FALSE(verify_password(std::string("correct horse\0", 14), encoded));
    EXPECT_FALSE(verify_password("", encoded));
}

TEST(PasswordHash, PasswordBytesAreTakenAsGiven) {
    const std::string invalid_utf8 = "\xff\xfe\xc0\x80";
    EXPECT_TRUE(verify_password(invalid_utf8, hash_ok(invalid_utf8)));
    // Mixed scripts: Latin "a" and Cyrillic "а" are different passwords.
    EXPECT_FALSE(verify_password("p\xd0\xb0ss", hash_ok("pass")));
}

TEST(PasswordHash, NulBytesAreRefused) {
    // HMAC zero-pads its key: without this rule "pw\0" would verify against "pw".
    for (const std::string& pw :
         {std::string("a\0b", 3), std::string("pw\0", 3), std::string(1, '\0')}) {
        auto r = hash_password(pw, kTestCost);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem(), Problem("password.nul_byte"));
    }
    const std::string encoded = hash_ok("pw");
    EXPECT_TRUE(verify_password("pw", encoded));
    EXPECT_FALSE(verify_password(std::string("pw\0", 3), encoded));
    EXPECT_FALSE(verify_password(std::string("pw\0\0\0", 5), encoded));
}

TEST(PasswordHash, SameInputGivesDifferentSaltsAndHashes) {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) seen.insert(hash_ok("same password"));
    EXPECT_EQ(seen.size(), 20u);
    for (const auto& e : seen) EXPECT_TRUE(verify_password("same password", e));
}

TEST(PasswordHash, OneBitChangesAreRefused) {
    ASSERT_TRUE(verify_password(kKnownPassword, kKnown));
    // 'M'(12) -> 'N'(13): first salt byte differs in one bit.
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "$MDEy", "$NDEy")));
    // 'E'(4) -> 'F'(5): first hash byte differs in one bit.
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "$EMUz", "$FMUz")));
    // In the last group of the hash: 'M'(12) -> 'I'(8) flips one bit of the last byte but one.
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "JMo=", "JIo=")));
    // iterations 1000 -> 1008 (one bit) and off by one either way.
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "$1000$", "$1008$")));
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "$1000$", "$1001$")));
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "$1000$", "$999$")));
    // scheme one letter off.
    EXPECT_FALSE(verify_password(kKnownPassword, replaced(kKnown, "sha256", "sha255")));
}

TEST(PasswordHash, MalformedEncodingsAreRefused) {
    const std::string k(kKnown);
    const std::string salt = "MDEyMzQ1Njc4OWFiY2RlZg==";
    const std::string hash = "EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJMo=";
    const std::vector<std::string> bad = {
        "",
        "$",
        "$$$",
        "pbkdf2-sha256",
        "pbkdf2-sha256$1000",
        "pbkdf2-sha256$1000$" + salt,
        "pbkdf2-sha256$1000$" + salt + "$",
        "pbkdf2-sha256$$" + salt + "$" + hash,
        "pbkdf2-sha256$1000$$" + hash,
        k + "$",
        k + "$extra",
        "$" + k,
        " " + k,
        k + " ",
        k + "\n",
        std::string(k) + std::string(1, '\0'),
        "PBKDF2-SHA256$1000$" + salt + "$" + hash,
        "pbkdf2-sha1$1000$" + salt + "$" + hash,
        "scrypt$1000$" + salt + "$" + hash,
        // iteration counts: zero, sign, leading zero, spaces, hex, over the cap, huge
        "pbkdf2-sha256$0$" + salt + "$" + hash,
        "pbkdf2-sha256$-1000$" + salt + "$" + hash,
        "pbkdf2-sha256$+1000$" + salt + "$" + hash,
        "pbkdf2-sha256$01000$" + salt + "$" + hash,
        "pbkdf2-sha256$ 1000$" + salt + "$" + hash,
        "pbkdf2-sha256$0x3e8$" + salt + "$" + hash,
        "pbkdf2-sha256$1e3$" + salt + "$" + hash,
        "pbkdf2-sha256$10000001$" + salt + "$" + hash,
        "pbkdf2-sha256$1000000000000$" + salt + "$" + hash,
        "pbkdf2-sha256$99999999999999999999999999$" + salt + "$" + hash,
        // base64: bad characters, missing padding, wrong lengths, non-canonical bits,
        // url alphabet, white space inside
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg*=$" + hash,
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg$" + hash,
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2Rl$" + hash,
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZmc=$" + hash,
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZh==$" + hash,
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4 WFiY2RlZg==$" + hash,
        "pbkdf2-sha256$1000$" + salt + "$EMUzrl75n4Kd-Ww-7UmbD7XDZ_UYqwdYJGPnE0YPJMo=",
        "pbkdf2-sha256$1000$" + salt + "$EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJMp=",
        "pbkdf2-sha256$1000$" + salt + "$EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJM==",
        "pbkdf2-sha256$1000$" + salt + "$" + hash + "AAAA",
        "pbkdf2-sha256$1000$" + salt + "$" + salt,
        "pbkdf2-sha256$1000$" + hash + "$" + salt,
        "pbkdf2-sha256$1000$" + salt + "$" + std::string(10000, 'A'),
        std::string(100000, '$'),
        "пароль$1000$" + salt + "$" + hash,
    };
    for (const auto& e : bad) {
        EXPECT_FALSE(verify_password(kKnownPassword, e)) << e.substr(0, 120);
        EXPECT_TRUE(password_needs_rehash(e)) << e.substr(0, 120);
    }
}

TEST(PasswordHash, IterationCapEdge) {
    // kMaximumPasswordIterations itself is parseable (needs_rehash answers without
    // running it); one more is malformed.
    const std::string tail =
        "$MDEyMzQ1Njc4OWFiY2RlZg==$EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJMo=";
    EXPECT_FALSE(password_needs_rehash("pbkdf2-sha256$10000000" + tail));
    EXPECT_TRUE(password_needs_rehash("pbkdf2-sha256$10000001" + tail));
}

TEST(PasswordHash, NeedsRehashBelowDefaultCost) {
    const std::string tail =
        "$MDEyMzQ1Njc4OWFiY2RlZg==$EMUzrl75n4Kd+Ww+7UmbD7XDZ/UYqwdYJGPnE0YPJMo=";
    EXPECT_TRUE(password_needs_rehash(kKnown));
    EXPECT_TRUE(password_needs_rehash("pbkdf2-sha256$599999" + tail));
    EXPECT_FALSE(password_needs_rehash("pbkdf2-sha256$600000" + tail));
    EXPECT_FALSE(password_needs_rehash("pbkdf2-sha256$600001" + tail));
}

TEST(PasswordHash, EmptyAndTooLongPasswordsAreRefused) {
    auto empty = hash_password("", kTestCost);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.problem(), Problem("password.empty"));
    EXPECT_EQ(hash_password("").problem(), Problem("password.empty"));

    const std::string at_limit(kMaximumPasswordBytes, 'x');
    const std::string over(kMaximumPasswordBytes + 1, 'x');
    const std::string encoded = hash_ok(at_limit);
    EXPECT_TRUE(verify_password(at_limit, encoded));
    auto too_long = hash_password(over, kTestCost);
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.problem(), Problem("password.too_long", {{"max", "1024"}}));
    EXPECT_FALSE(hash_password(std::string(1'000'000, 'x'), kTestCost).ok());
    EXPECT_FALSE(verify_password(over, encoded));
    EXPECT_EQ(hash_ok("x").size(), encoded.size());
}

TEST(PasswordHash, ProductionOverloadRefusesLowCost) {
    auto low = hash_password("pw", 99'999);
    ASSERT_FALSE(low.ok());
    EXPECT_EQ(low.problem(),
              Problem("password.iterations_too_low", {{"min", "100000"}, {"found", "99999"}}));
    EXPECT_EQ(hash_password("pw", 1000).problem().code, "password.iterations_too_low");
    EXPECT_EQ(hash_password("pw", 0).problem().code, "password.iterations_too_low");
    EXPECT_EQ(hash_password("pw", -5).problem().code, "password.iterations_too_low");
    auto high = hash_password("pw", kMaximumPasswordIterations + 1);
    ASSERT_FALSE(high.ok());
    EXPECT_EQ(high.problem(), Problem("password.iterations_too_high",
                                      {{"max", "10000000"}, {"found", "10000001"}}));
}

TEST(PasswordHash, MinimumProductionCostIsAccepted) {
    auto r = hash_password("pw", kMinimumPasswordIterations);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value().starts_with("pbkdf2-sha256$100000$"));
    EXPECT_TRUE(verify_password("pw", r.value()));
    EXPECT_TRUE(password_needs_rehash(r.value()));
}

TEST(PasswordHash, TestOnlyCostBounds) {
    EXPECT_TRUE(verify_password("pw", hash_ok("pw", PasswordHashCost::insecure_for_tests(1))));
    auto zero = hash_password("pw", PasswordHashCost::insecure_for_tests(0));
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.problem(),
              Problem("password.iterations_too_low", {{"min", "1"}, {"found", "0"}}));
    auto high = hash_password("pw", PasswordHashCost::insecure_for_tests(10'000'001));
    ASSERT_FALSE(high.ok());
    EXPECT_EQ(high.problem().code, "password.iterations_too_high");
    EXPECT_EQ(PasswordHashCost::standard().iterations(), 600'000);
}

TEST(PasswordHash, FullDefaultCostOnce) {
    auto r = hash_password("Київ-2026!");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value().starts_with("pbkdf2-sha256$600000$")) << r.value();
    EXPECT_FALSE(password_needs_rehash(r.value()));
    EXPECT_TRUE(verify_password("Київ-2026!", r.value()));
}

}  // namespace
}  // namespace cherha::core
