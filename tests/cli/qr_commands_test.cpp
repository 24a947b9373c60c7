// `cherha qr encode|decode`, driven as a real process.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_fixture.h"

using namespace cherha::test;
namespace fs = std::filesystem;

namespace {

class QrCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("cherha-qr-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(QrCommands, PngRoundTripOfABookingToken) {
    ASSERT_EQ(cli({"token", "keygen", "--out", (dir_ / "k.pem").string()}).exit_code, 0);
    auto signed_doc = cli_json({"token", "sign", "--key", (dir_ / "k.pem").string(), "--booking",
                                "99", "--center", "1", "--day", "2026-11-24", "--slot", "16:40"},
                               0);
    const std::string token = signed_doc["token"];
    auto written = cli_json({"qr", "encode", token, "--out", (dir_ / "b.png").string()}, 0);
    EXPECT_LE(written["version"].get<int>(), 6);
    EXPECT_EQ(written["ecc"], "M");
    auto decoded = cli_json({"qr", "decode", (dir_ / "b.png").string()}, 0);
    EXPECT_EQ(decoded["text"], token);
    EXPECT_EQ(decoded["booking_token"], true);
}

TEST_F(QrCommands, SvgIsWritten) {
    cli_json({"qr", "encode", "ЧЕРГА 1000", "--out", (dir_ / "t.svg").string()}, 0);
    std::ifstream in(dir_ / "t.svg");
    std::string svg((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("viewBox"), std::string::npos);
}

TEST_F(QrCommands, DecodeFailuresAreNamed) {
    std::ofstream(dir_ / "text.png") << "just some text, not a picture";
    auto not_image = cli_json({"qr", "decode", (dir_ / "text.png").string()}, 1);
    EXPECT_EQ(not_image["problem"]["code"], "qr.not_an_image");
    auto missing = cli_json({"qr", "decode", (dir_ / "missing.png").string()}, 2);
    EXPECT_EQ(missing["error"], "qr.file_unreadable");
    std::ofstream(dir_ / "empty.png");
    auto empty = cli_json({"qr", "decode", (dir_ / "empty.png").string()}, 1);
    EXPECT_EQ(empty["problem"]["code"], "qr.not_an_image");
    // A truncated picture: the first half of a real PNG.
    cli_json({"qr", "encode", "1000", "--out", (dir_ / "full.png").string()}, 0);
    const auto size = fs::file_size(dir_ / "full.png");
    fs::copy_file(dir_ / "full.png", dir_ / "half.png");
    fs::resize_file(dir_ / "half.png", size / 2);
    auto half = cli_json({"qr", "decode", (dir_ / "half.png").string()}, 1);
    EXPECT_EQ(half["problem"]["code"], "qr.image_damaged");
}

TEST_F(QrCommands, EncodeUsageErrors) {
    EXPECT_EQ(cli({"qr", "encode", "x", "--out", (dir_ / "x.gif").string()}).exit_code, 2);
    EXPECT_EQ(cli({"qr", "encode", "x"}).exit_code, 2);
    EXPECT_EQ(
        cli({"qr", "encode", "x", "--out", (dir_ / "x.png").string(), "--scale", "0"}).exit_code,
        2);
    EXPECT_EQ(cli({"qr", "encode", "x", "--out", "/nonexistent-dir/x.png"}).exit_code, 2);
    auto too_long =
        cli_json({"qr", "encode", std::string(5000, 'A'), "--out", (dir_ / "l.png").string()}, 1);
    EXPECT_EQ(too_long["problem"]["code"], "qr.text_too_long");
}

}  // namespace
