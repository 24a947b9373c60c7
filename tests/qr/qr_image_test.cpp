// ZXing 1.4 returns UTF-8 std::string from Result::text() only with this defined.
#define ZX_USE_UTF8 1

#include "qr/qr_image.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>
#include <gtest/gtest.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "core/token/booking_token.h"

namespace cherha::qr {
namespace {

namespace fs = std::filesystem;

// A scratch directory of this test process, removed at the end.
class QrFiles : public ::testing::Test {
  protected:
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("cherha_qr_test_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fs::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) {
        const fs::path p = dir / name;
        std::ofstream out(p, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        return p;
    }
};

std::vector<std::uint8_t> bytes_of(std::string_view s) {
    return {s.begin(), s.end()};
}

// A real signed booking token, as the server would put in a QR code.
std::string real_token() {
    auto key = core::generate_signing_key();
    EXPECT_TRUE(key.ok());
    core::BookingTokenClaims c;
    c.booking_id = 9'007'199'254'740'993ull;
    c.center_id = 4210;
    c.visit_day = date::year{2025} / date::April / 17;
    c.slot_minute = 1439;
    c.channel = core::TokenChannel::Terminal;
    auto token = core::sign_booking_token(c, *key);
    EXPECT_TRUE(token.ok());
    return *token;
}

// Renders a matrix with a quiet zone of 4 and decodes it with ZXing directly.
ZXing::Result read_back(const QrMatrix& m, int scale = 4) {
    const int side = (m.size + 8) * scale;
    std::vector<std::uint8_t> img(static_cast<std::size_t>(side * side), 255);
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.at(x, y))
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        img[static_cast<std::size_t>(((y + 4) * scale + dy) * side +
                                                     (x + 4) * scale + dx)] = 0;
    return ZXing::ReadBarcode(ZXing::ImageView(img.data(), side, side, ZXing::ImageFormat::Lum),
                              ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
}

void append(void* ctx, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(ctx);
    out->insert(out->end(), static_cast<std::uint8_t*>(data),
                static_cast<std::uint8_t*>(data) + size);
}

std::vector<std::uint8_t> grey_png(int w, int h, const std::vector<std::uint8_t>& pixels) {
    std::vector<std::uint8_t> out;
    stbi_write_png_to_func(append, &out, w, h, 1, pixels.data(), w);
    return out;
}

// A valid 1x1 PNG whose IHDR is then patched to claim width x height (stb does not check
// the CRC, so only the size limit or the missing pixel data can stop it).
std::vector<std::uint8_t> png_claiming(std::uint32_t width, std::uint32_t height) {
    auto png = grey_png(1, 1, {255});
    for (int i = 0; i < 4; ++i) {
        png[static_cast<std::size_t>(16 + i)] = static_cast<std::uint8_t>(width >> (24 - 8 * i));
        png[static_cast<std::size_t>(20 + i)] = static_cast<std::uint8_t>(height >> (24 - 8 * i));
    }
    return png;
}

TEST(EncodeQr, EccLevelsReadBackAsNamed) {
    for (EccLevel level : {EccLevel::L, EccLevel::M, EccLevel::Q, EccLevel::H}) {
        auto m = encode_qr("CHERHA TEST 12345", level);
        ASSERT_TRUE(m.ok()) << m.problem().code;
        EXPECT_EQ(m->ecc, level);
        const ZXing::Result r = read_back(*m);
        ASSERT_TRUE(r.isValid());
        EXPECT_EQ(r.text(), "CHERHA TEST 12345");
        EXPECT_EQ(r.ecLevel(), ecc_level_name(level));
    }
}

TEST(EncodeQr, RealBookingTokenFitsVersion6AtLevelM) {
    const std::string token = real_token();
    auto m = encode_qr(token, EccLevel::M);
    ASSERT_TRUE(m.ok()) << m.problem().code;
    EXPECT_LE(m->version, 6);
    EXPECT_EQ(m->version, 6);  // 143 alphanumeric characters: version 6-M holds 154
    EXPECT_EQ(m->size, 17 + 4 * m->version);
    EXPECT_EQ(m->dark.size(), static_cast<std::size_t>(m->size * m->size));
    const ZXing::Result r = read_back(*m);
    ASSERT_TRUE(r.isValid());
    EXPECT_EQ(r.text(), token);
    EXPECT_EQ(r.ecLevel(), "M");
    EXPECT_EQ(r.symbologyIdentifier(), "]Q1");
}

TEST(EncodeQr, MatrixShape) {
    auto m = encode_qr("HELLO");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->version, 1);
    EXPECT_EQ(m->size, 21);
    // Finder pattern corners are dark, the separator next to them is light.
    EXPECT_TRUE(m->at(0, 0));
    EXPECT_TRUE(m->at(20, 0));
    EXPECT_TRUE(m->at(0, 20));
    EXPECT_FALSE(m->at(7, 0));
    EXPECT_FALSE(m->at(0, 7));
    EXPECT_GT(m->dark_count(), 100u);
    EXPECT_LT(m->dark_count(), 441u);
}

TEST(EncodeQr, BadText) {
    EXPECT_EQ(encode_qr("").problem().code, "qr.invalid_text");
    EXPECT_EQ(encode_qr("ab\xFF").problem().code, "qr.invalid_text");
    EXPECT_EQ(encode_qr("\xC0\xAF").problem().code, "qr.invalid_text");      // overlong '/'
    EXPECT_EQ(encode_qr("\xED\xA0\x80").problem().code, "qr.invalid_text");  // surrogate
    EXPECT_EQ(encode_qr("\xD0").problem().code, "qr.invalid_text");          // truncated
}

TEST(EncodeQr, NonAsciiTextRoundTrips) {
    const std::string text = "Черга \xE2\x84\x96 1000";
    auto m = encode_qr(text);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(read_back(*m).text(), text);
}

TEST(EncodeQr, NulBytesAreEncodedNotCut) {
    const std::string text("A\0B", 3);
    auto m = encode_qr(text);
    ASSERT_TRUE(m.ok()) << m.problem().code;
    EXPECT_EQ(read_back(*m).text(), text);
}

TEST(EncodeQr, CapacityBoundary) {
    // Version 40-L holds 4296 alphanumeric characters.
    auto fits = encode_qr(std::string(4296, 'A'), EccLevel::L);
    ASSERT_TRUE(fits.ok()) << fits.problem().code;
    EXPECT_EQ(fits->version, 40);
    auto too_long = encode_qr(std::string(4297, 'A'), EccLevel::L);
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.problem().code, "qr.text_too_long");
    EXPECT_EQ(too_long.problem().param("length"), "4297");
    EXPECT_EQ(encode_qr(std::string(100'000, 'A')).problem().code, "qr.text_too_long");
}

TEST_F(QrFiles, PngRoundTripThroughFileAndBytes) {
    const std::string token = real_token();
    const fs::path path = dir / "booking.png";
    ASSERT_FALSE(write_qr_png(token, path, 6, 4));
    int w = 0, h = 0, n = 0;
    ASSERT_EQ(stbi_info(path.c_str(), &w, &h, &n), 1);
    EXPECT_EQ(w, (41 + 8) * 6);
    EXPECT_EQ(h, w);
    EXPECT_EQ(n, 1);
    auto decoded = decode_qr_image(path);
    ASSERT_TRUE(decoded.ok()) << decoded.problem().code;
    EXPECT_EQ(*decoded, token);

    auto png = qr_png(token, 3, 2);
    ASSERT_TRUE(png.ok());
    auto from_bytes = decode_qr_image_bytes(*png);
    ASSERT_TRUE(from_bytes.ok()) << from_bytes.problem().code;
    EXPECT_EQ(*from_bytes, token);
}

TEST_F(QrFiles, PngPixelsMatchTheMatrix) {
    auto m = encode_qr("HELLO");
    auto png = qr_png("HELLO", 2, 4);
    ASSERT_TRUE(m.ok() && png.ok());
    int w = 0, h = 0, n = 0;
    stbi_uc* px = stbi_load_from_memory(png->data(), static_cast<int>(png->size()), &w, &h, &n, 1);
    ASSERT_NE(px, nullptr);
    ASSERT_EQ(w, (21 + 8) * 2);
    int mismatches = 0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const int mx = x / 2 - 4;
            const int my = y / 2 - 4;
            const bool dark = mx >= 0 && my >= 0 && mx < 21 && my < 21 && m->at(mx, my);
            if ((px[y * w + x] == 0) != dark || (px[y * w + x] != 0 && px[y * w + x] != 255))
                ++mismatches;
        }
    }
    stbi_image_free(px);
    EXPECT_EQ(mismatches, 0);
}

TEST_F(QrFiles, JpegRoundTrip) {
    const std::string token = real_token();
    auto png = qr_png(token, 5, 4);
    ASSERT_TRUE(png.ok());
    int w = 0, h = 0, n = 0;
    stbi_uc* px = stbi_load_from_memory(png->data(), static_cast<int>(png->size()), &w, &h, &n, 1);
    ASSERT_NE(px, nullptr);
    const fs::path path = dir / "booking.jpg";
    ASSERT_NE(stbi_write_jpg(path.c_str(), w, h, 1, px, 90), 0);
    stbi_image_free(px);
    auto decoded = decode_qr_image(path);
    ASSERT_TRUE(decoded.ok()) << decoded.problem().code;
    EXPECT_EQ(*decoded, token);
}

TEST_F(QrFiles, TransparentBackgroundCountsAsWhite) {
    // Black modules on a fully transparent background whose colour is also black: read as
    // grey only, it would be all black.
    auto m = encode_qr("TRANSPARENT 42");
    ASSERT_TRUE(m.ok());
    const int scale = 4;
    const int side = (m->size + 8) * scale;
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(side * side * 4), 0);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const int mx = x / scale - 4, my = y / scale - 4;
            if (mx >= 0 && my >= 0 && mx < m->size && my < m->size && m->at(mx, my))
                rgba[static_cast<std::size_t>((y * side + x) * 4 + 3)] = 255;
        }
    std::vector<std::uint8_t> png;
    ASSERT_NE(stbi_write_png_to_func(append, &png, side, side, 4, rgba.data(), side * 4), 0);
    auto decoded = decode_qr_image_bytes(png);
    ASSERT_TRUE(decoded.ok()) << decoded.problem().code;
    EXPECT_EQ(*decoded, "TRANSPARENT 42");
}

TEST(QrSvg, WellFormedWithTheRightModules) {
    const std::string token = real_token();
    auto m = encode_qr(token);
    auto svg = qr_svg(token);
    ASSERT_TRUE(m.ok() && svg.ok());
    const std::string& s = *svg;
    const int view = m->size + 8;
    EXPECT_EQ(s.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
    EXPECT_NE(s.find("viewBox=\"0 0 " + std::to_string(view) + " " + std::to_string(view) + "\""),
              std::string::npos);
    EXPECT_NE(s.find("shape-rendering=\"crispEdges\""), std::string::npos);
    EXPECT_NE(s.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_EQ(s.substr(s.size() - 7), "</svg>\n");

    // Well-formed: every element is a self-closed rect or a matched svg/g pair.
    std::vector<std::string> open;
    const std::regex tag(R"(<(/?)([a-zA-Z?]+)[^<>]*?(/?)>)");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), tag); it != std::sregex_iterator();
         ++it) {
        const std::string name = (*it)[2];
        if (name == "?xml") continue;
        if ((*it)[3] == "/") {
            EXPECT_EQ(name, "rect");
        } else if ((*it)[1] == "/") {
            ASSERT_FALSE(open.empty());
            EXPECT_EQ(open.back(), name);
            open.pop_back();
        } else {
            open.push_back(name);
        }
    }
    EXPECT_TRUE(open.empty());
    EXPECT_EQ(std::count(s.begin(), s.end(), '<'), std::count(s.begin(), s.end(), '>'));

    // The dark rects rebuild the matrix exactly, inside the quiet zone.
    std::vector<bool> rebuilt(m->dark.size(), false);
    std::size_t dark = 0;
    const std::regex rect(R"re(<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1"/>)re");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), rect); it != std::sregex_iterator();
         ++it) {
        const int x = std::stoi((*it)[1]) - 4;
        const int y = std::stoi((*it)[2]) - 4;
        const int w = std::stoi((*it)[3]);
        ASSERT_GE(x, 0);
        ASSERT_GE(y, 0);
        ASSERT_LE(x + w, m->size);
        ASSERT_LT(y, m->size);
        for (int i = 0; i < w; ++i) rebuilt[static_cast<std::size_t>(y * m->size + x + i)] = true;
        dark += static_cast<std::size_t>(w);
    }
    EXPECT_EQ(dark, m->dark_count());
    EXPECT_EQ(rebuilt, m->dark);
}

TEST(QrSvg, BadText) {
    EXPECT_EQ(qr_svg("").problem().code, "qr.invalid_text");
}

TEST(QrPng, ScaleAndQuietZoneBoundaries) {
    EXPECT_TRUE(qr_png("A", 1, 0).ok());
    EXPECT_TRUE(qr_png("A", 64, 64).ok());
    EXPECT_EQ(qr_png("A", 0, 4).problem().param("name"), "scale");
    EXPECT_EQ(qr_png("A", 65, 4).problem().param("name"), "scale");
    EXPECT_EQ(qr_png("A", 4, -1).problem().param("name"), "quiet_zone");
    EXPECT_EQ(qr_png("A", 4, 65).problem().param("name"), "quiet_zone");
    EXPECT_EQ(qr_png("", 4, 4).problem().code, "qr.invalid_text");
}

TEST_F(QrFiles, UnwritablePath) {
    const fs::path path = dir / "no" / "such" / "dir" / "x.png";
    auto p = write_qr_png("A", path);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->code, "qr.file_unwritable");
    EXPECT_EQ(p->param("path"), path.string());
}

TEST_F(QrFiles, NoCodeFound) {
    const std::vector<std::uint8_t> white(200 * 200, 255);
    EXPECT_EQ(decode_qr_image(write("white.png", grey_png(200, 200, white))).problem().code,
              "qr.no_code_found");
    std::vector<std::uint8_t> noise(200 * 200);
    std::uint32_t s = 1;
    for (auto& p : noise) p = static_cast<std::uint8_t>((s = s * 1664525u + 1013904223u) >> 24);
    EXPECT_EQ(decode_qr_image_bytes(grey_png(200, 200, noise)).problem().code, "qr.no_code_found");
    EXPECT_EQ(decode_qr_image_bytes(grey_png(1, 1, {0})).problem().code, "qr.no_code_found");
}

TEST_F(QrFiles, NotAnImage) {
    EXPECT_EQ(
        decode_qr_image(write("text.png", bytes_of("hello, this is not a PNG\n"))).problem().code,
        "qr.not_an_image");
    EXPECT_EQ(decode_qr_image(write("empty.png", {})).problem().code, "qr.not_an_image");
    EXPECT_EQ(decode_qr_image_bytes({}).problem().code, "qr.not_an_image");
    // A BMP is an image, but not one this reader accepts.
    std::vector<std::uint8_t> bmp;
    stbi_write_bmp_to_func(append, &bmp, 2, 2, 1, std::vector<std::uint8_t>(4, 0).data());
    EXPECT_EQ(decode_qr_image_bytes(bmp).problem().code, "qr.not_an_image");
    // The first bytes of a PNG signature only.
    EXPECT_EQ(decode_qr_image_bytes(bytes_of("\x89PNG")).problem().code, "qr.not_an_image");
}

TEST_F(QrFiles, MissingOrUnreadableFile) {
    const fs::path missing = dir / "missing.png";
    auto r = decode_qr_image(missing);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "qr.file_unreadable");
    EXPECT_EQ(r.problem().param("path"), missing.string());
    EXPECT_EQ(decode_qr_image(dir).problem().code, "qr.file_unreadable");  // a directory
    EXPECT_EQ(decode_qr_image("").problem().code, "qr.file_unreadable");
}

TEST_F(QrFiles, TruncatedAndCorruptImages) {
    auto png = qr_png(real_token(), 4, 4);
    ASSERT_TRUE(png.ok());
    for (std::size_t keep : {png->size() / 2, png->size() - 20, std::size_t{40}, std::size_t{20}}) {
        std::vector<std::uint8_t> cut(png->begin(),
                                      png->begin() + static_cast<std::ptrdiff_t>(keep));
        auto r = decode_qr_image(write("cut.png", cut));
        ASSERT_FALSE(r.ok()) << keep;
        EXPECT_EQ(r.problem().code, "qr.image_damaged") << keep;
    }
    // A PNG signature followed by garbage, a JPEG marker followed by garbage.
    std::vector<std::uint8_t> fake_png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    fake_png.resize(100, 0xAB);
    EXPECT_EQ(decode_qr_image_bytes(fake_png).problem().code, "qr.image_damaged");
    std::vector<std::uint8_t> fake_jpeg = {0xFF, 0xD8, 0xFF};
    fake_jpeg.resize(100, 0x00);
    EXPECT_EQ(decode_qr_image_bytes(fake_jpeg).problem().code, "qr.image_damaged");
}

TEST_F(QrFiles, AbsurdDimensionsAreRefusedBeforeDecoding) {
    auto r = decode_qr_image_bytes(png_claiming(100000, 100000));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "qr.too_large");
    EXPECT_EQ(r.problem().param("width"), "100000");
    EXPECT_EQ(r.problem().param("height"), "100000");
    // Side limit 16384: one over is refused, the limit itself is tried (and fails to decode,
    // the pixel data being absent).
    EXPECT_EQ(decode_qr_image_bytes(png_claiming(16385, 1)).problem().code, "qr.too_large");
    EXPECT_EQ(decode_qr_image_bytes(png_claiming(1, 16385)).problem().code, "qr.too_large");
    EXPECT_EQ(decode_qr_image_bytes(png_claiming(16384, 1)).problem().code, "qr.image_damaged");
    // Pixel limit 50,000,000: 7072 x 7071 = 50,006,112 is refused, 10000 x 5000 is tried.
    EXPECT_EQ(decode_qr_image_bytes(png_claiming(7072, 7071)).problem().code, "qr.too_large");
    EXPECT_EQ(decode_qr_image_bytes(png_claiming(10000, 5000)).problem().code, "qr.image_damaged");
}

}  // namespace
}  // namespace cherha::qr
