// Staff log-in, lockout, sessions and device tokens through the application layer.
#include "center/center_fixture.h"
#include "core/auth/session_token.h"

namespace cherha::center::testing {
namespace {

class AccessTest : public CenterTest {
  protected:
    void SetUp() override {
        CenterTest::SetUp();
        auto session = store_->write();
        ASSERT_TRUE(session);
        auto hash = core::hash_password("correct horse battery",
                                        core::PasswordHashCost::insecure_for_tests(1000));
        ASSERT_TRUE(hash);
        store::StaffRecord clerk;
        clerk.login = "clerk1";
        clerk.display_name = "Clerk One";
        clerk.role = store::StaffRole::Clerk;
        clerk.password_hash = *hash;
        clerk.created_at = now_;
        ASSERT_TRUE(session.value()->insert_staff(clerk));
        auto token = core::new_session_token();
        ASSERT_TRUE(token);
        kiosk_token_ = *token;
        store::DeviceRecord kiosk{
            0,    "kiosk-1",   store::DeviceKind::Kiosk, core::session_token_digest(*token),
            now_, std::nullopt};
        ASSERT_TRUE(session.value()->insert_device(kiosk));
        ASSERT_FALSE(session.value()->commit());
    }
    std::string kiosk_token_;
};

TEST_F(AccessTest, LoginGivesASessionThatExpiresWhenIdle) {
    auto login = center_->log_in("clerk1", "correct horse battery", "w1");
    ASSERT_TRUE(login) << login.problem().code;
    EXPECT_EQ(login->token.size(), core::kSessionTokenLength);
    auto actor = center_->authenticate_staff(login->token);
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->name, "clerk1");
    EXPECT_EQ(actor->window_id, "w1");
    EXPECT_EQ(actor->role, store::StaffRole::Clerk);

    now_ += 29min;  // within the idle limit, and refreshes last_seen
    EXPECT_TRUE(center_->authenticate_staff(login->token));
    now_ += 31min;
    auto expired = center_->authenticate_staff(login->token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.problem().code, "auth.session_invalid");
}

TEST_F(AccessTest, LogoutEndsTheSession) {
    auto login = center_->log_in("clerk1", "correct horse battery", "");
    ASSERT_TRUE(login);
    ASSERT_FALSE(center_->log_out(login->token));
    EXPECT_FALSE(center_->authenticate_staff(login->token));
    EXPECT_FALSE(center_->authenticate_staff("not a token"));
    EXPECT_FALSE(center_->authenticate_staff(""));
}

TEST_F(AccessTest, WrongPasswordAndUnknownLoginLookTheSame) {
    EXPECT_EQ(center_->log_in("clerk1", "wrong", "").problem().code, "auth.invalid_credentials");
    EXPECT_EQ(center_->log_in("nobody", "wrong", "").problem().code, "auth.invalid_credentials");
    EXPECT_EQ(center_->log_in("clerk1", "correct horse battery", "w99").problem().code,
              "center.window_unknown");
}

TEST_F(AccessTest, RepeatedFailuresPauseLoginForABoundedTime) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(center_->log_in("clerk1", "guess", "").problem().code,
                  "auth.invalid_credentials");
    // Locked now, even with the right password...
    auto locked = center_->log_in("clerk1", "correct horse battery", "");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.problem().code, "auth.locked");
    // ...but never for long: after the longest pause the right password works again.
    for (int i = 0; i < 20; ++i) {
        now_ += 16min;
        (void)center_->log_in("clerk1", "guess", "");
    }
    now_ += 16min;
    auto back = center_->log_in("clerk1", "correct horse battery", "");
    EXPECT_TRUE(back) << back.problem().code;
}

TEST_F(AccessTest, DeviceTokensAuthenticateUntilRevoked) {
    auto kiosk = center_->authenticate_device(kiosk_token_);
    ASSERT_TRUE(kiosk);
    EXPECT_EQ(kiosk->device, store::DeviceKind::Kiosk);
    EXPECT_EQ(kiosk->audit_name(), "device:kiosk-1");
    {
        auto session = store_->write();
        ASSERT_TRUE(session);
        ASSERT_FALSE(session.value()->revoke_device("kiosk-1", now_));
        ASSERT_FALSE(session.value()->commit());
    }
    EXPECT_EQ(center_->authenticate_device(kiosk_token_).problem().code, "auth.session_invalid");
    // A staff session token is not a device token.
    auto login = center_->log_in("clerk1", "correct horse battery", "");
    ASSERT_TRUE(login);
    EXPECT_FALSE(center_->authenticate_device(login->token));
}

}  // namespace
}  // namespace cherha::center::testing
