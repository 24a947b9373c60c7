#include "qr/qr_image.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <climits>
#include <fstream>
#include <memory>
#include <system_error>

#include "core/common/utf8.h"

namespace cherha::qr {

namespace {

constexpr int kMaxSide = 16384;
constexpr long long kMaxPixels = 50'000'000;
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;
constexpr int kSvgQuietZone = 4;

// ZXing 1.4's setEccLevel takes 0..8 and maps 0-2 to L, 3-4 to M, 5-6 to Q, 7-8 to H
// (found by decoding its output and reading Result::ecLevel(); the tests check it).
int zxing_ecc(EccLevel level) {
    switch (level) {
        case EccLevel::L:
            return 2;
        case EccLevel::M:
            return 4;
        case EccLevel::Q:
            return 6;
        case EccLevel::H:
            return 8;
    }
    return 4;
}

bool is_png(std::span<const std::uint8_t> b) {
    static constexpr std::array<std::uint8_t, 8> sig{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    return b.size() >= sig.size() && std::equal(sig.begin(), sig.end(), b.begin());
}

bool is_jpeg(std::span<const std::uint8_t> b) {
    return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

// Width and height from a PNG's IHDR chunk (stb_image itself refuses some absurd sizes
// without telling them), or false when the header is not there.
bool png_header_size(std::span<const std::uint8_t> b, long long& width, long long& height) {
    if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return false;
    auto be32 = [&](std::size_t at) {
        return static_cast<long long>(b[at]) << 24 | static_cast<long long>(b[at + 1]) << 16 |
               static_cast<long long>(b[at + 2]) << 8 | static_cast<long long>(b[at + 3]);
    };
    width = be32(16);
    height = be32(20);
    return true;
}

bool too_large(long long width, long long height) {
    return width > kMaxSide || height > kMaxSide || width * height > kMaxPixels;
}

Problem too_large_problem(long long width, long long height) {
    return Problem("qr.too_large",
                   {{"width", std::to_string(width)}, {"height", std::to_string(height)}});
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    const auto* p = static_cast<const std::uint8_t*>(data);
    out->insert(out->end(), p, p + size);
}

struct StbiFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

}  // namespace

std::string_view ecc_level_name(EccLevel level) {
    switch (level) {
        case EccLevel::L:
            return "L";
        case EccLevel::M:
            return "M";
        case EccLevel::Q:
            return "Q";
        case EccLevel::H:
            return "H";
    }
    return "?";
}

std::size_t QrMatrix::dark_count() const {
    return static_cast<std::size_t>(std::count(dark.begin(), dark.end(), true));
}

Result<QrMatrix> encode_qr(std::string_view text, EccLevel level) {
    if (text.empty() || !core::is_valid_utf8(text)) return Problem("qr.invalid_text");
    try {
        // ASCII text keeps ZXing's default (no ECI header, alphanumeric mode where it can);
        // anything else is encoded as UTF-8 with its ECI.
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEccLevel(zxing_ecc(level)).setMargin(0);
        if (!is_ascii(text)) writer.setEncoding(ZXing::CharacterSet::UTF8);
        const ZXing::BitMatrix bits = writer.encode(std::string(text), 0, 0);
        QrMatrix m;
        m.size = bits.width();
        if (m.size < 21 || m.size != bits.height() || (m.size - 17) % 4 != 0)
            return Problem("qr.text_too_long", {{"length", std::to_string(text.size())}});
        m.version = (m.size - 17) / 4;
        m.ecc = level;
        m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
        for (int y = 0; y < m.size; ++y)
            for (int x = 0; x < m.size; ++x)
                m.dark[static_cast<std::size_t>(y * m.size + x)] = bits.get(x, y);
        return m;
    } catch (const std::exception&) {
        return Problem("qr.text_too_long", {{"length", std::to_string(text.size())}});
    }
}

Result<std::vector<std::uint8_t>> qr_png(std::string_view text, int scale, int quiet_zone,
                                         EccLevel level) {
    if (scale < 1 || scale > 64) return Problem("qr.invalid_argument", {{"name", "scale"}});
    if (quiet_zone < 0 || quiet_zone > 64)
        return Problem("qr.invalid_argument", {{"name", "quiet_zone"}});
    auto matrix = encode_qr(text, level);
    if (!matrix) return matrix.problem();
    const int side = (matrix->size + 2 * quiet_zone) * scale;
    std::vector<std::uint8_t> pixels(
        static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 255);
    for (int y = 0; y < matrix->size; ++y) {
        for (int x = 0; x < matrix->size; ++x) {
            if (!matrix->at(x, y)) continue;
            for (int dy = 0; dy < scale; ++dy) {
                const std::size_t row = static_cast<std::size_t>((y + quiet_zone) * scale + dy);
                const std::size_t col = static_cast<std::size_t>((x + quiet_zone) * scale);
                std::fill_n(pixels.begin() + static_cast<std::ptrdiff_t>(row * side + col), scale,
                            0);
            }
        }
    }
    std::vector<std::uint8_t> png;
    if (stbi_write_png_to_func(append_bytes, &png, side, side, 1, pixels.data(), side) == 0)
        return Problem("qr.invalid_argument", {{"name", "scale"}});
    return png;
}

std::optional<Problem> write_qr_png(std::string_view text, const std::filesystem::path& path,
                                    int scale, int quiet_zone, EccLevel level) {
    auto png = qr_png(text, scale, quiet_zone, level);
    if (!png) return png.problem();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out)
        out.write(reinterpret_cast<const char*>(png->data()),
                  static_cast<std::streamsize>(png->size()));
    if (out) out.close();
    if (!out) return Problem("qr.file_unwritable", {{"path", path.string()}});
    return std::nullopt;
}

Result<std::string> qr_svg(std::string_view text, EccLevel level) {
    auto matrix = encode_qr(text, level);
    if (!matrix) return matrix.problem();
    const int view = matrix->size + 2 * kSvgQuietZone;
    const std::string v = std::to_string(view);
    std::string svg;
    svg.reserve(static_cast<std::size_t>(matrix->size * matrix->size) * 20);
    svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + v + " " +
           v + "\" width=\"" + std::to_string(view * 8) + "\" height=\"" +
           std::to_string(view * 8) + "\" shape-rendering=\"crispEdges\">\n";
    svg += "<rect x=\"0\" y=\"0\" width=\"" + v + "\" height=\"" + v + "\" fill=\"#ffffff\"/>\n";
    svg += "<g fill=\"#000000\">\n";
    // One rect per horizontal run of dark modules: the same pixels, a fraction of the size.
    for (int y = 0; y < matrix->size; ++y) {
        int x = 0;
        while (x < matrix->size) {
            if (!matrix->at(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < matrix->size && matrix->at(x, y)) ++x;
            svg += "<rect x=\"" + std::to_string(start + kSvgQuietZone) + "\" y=\"" +
                   std::to_string(y + kSvgQuietZone) + "\" width=\"" + std::to_string(x - start) +
                   "\" height=\"1\"/>\n";
        }
    }
    svg += "</g>\n</svg>\n";
    return svg;
}

Result<std::string> decode_qr_image(const std::filesystem::path& path) {
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(path, ec);
    if (ec || !regular) return Problem("qr.file_unreadable", {{"path", path.string()}});
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return Problem("qr.file_unreadable", {{"path", path.string()}});
    if (size > kMaxFileBytes)
        return Problem("qr.file_too_large",
                       {{"path", path.string()}, {"bytes", std::to_string(size)}});
    std::ifstream in(path, std::ios::binary);
    if (!in) return Problem("qr.file_unreadable", {{"path", path.string()}});
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
        return Problem("qr.file_unreadable", {{"path", path.string()}});
    return decode_qr_image_bytes(bytes);
}

Result<std::string> decode_qr_image_bytes(std::span<const std::uint8_t> bytes) {
    if (bytes.size() > kMaxFileBytes)
        return Problem("qr.file_too_large",
                       {{"path", ""}, {"bytes", std::to_string(bytes.size())}});
    if (!is_png(bytes) && !is_jpeg(bytes)) return Problem("qr.not_an_image");
    long long header_width = 0;
    long long header_height = 0;
    if (is_png(bytes) && png_header_size(bytes, header_width, header_height) &&
        too_large(header_width, header_height))
        return too_large_problem(header_width, header_height);
    const int length = static_cast<int>(bytes.size());
    int width = 0;
    int height = 0;
    int channels = 0;
    if (stbi_info_from_memory(bytes.data(), length, &width, &height, &channels) == 0)
        return Problem("qr.image_damaged");
    if (width <= 0 || height <= 0) return Problem("qr.image_damaged");
    if (too_large(width, height)) return too_large_problem(width, height);
    const bool alpha = channels == 2 || channels == 4;
    const int wanted = alpha ? 2 : 1;
    int w = 0;
    int h = 0;
    int n = 0;
    std::unique_ptr<stbi_uc, StbiFree> pixels(
        stbi_load_from_memory(bytes.data(), length, &w, &h, &n, wanted));
    if (!pixels || w != width || h != height) return Problem("qr.image_damaged");
    const std::size_t count = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    std::vector<std::uint8_t> grey(count);
    if (alpha) {
        // Composite over white: a transparent pixel is white, an opaque one keeps its grey.
        for (std::size_t i = 0; i < count; ++i) {
            const unsigned g = pixels.get()[2 * i];
            const unsigned a = pixels.get()[2 * i + 1];
            grey[i] = static_cast<std::uint8_t>((g * a + 255u * (255u - a)) / 255u);
        }
    } else {
        std::copy_n(pixels.get(), count, grey.begin());
    }
    pixels.reset();
    try {
        const ZXing::ImageView view(grey.data(), w, h, ZXing::ImageFormat::Lum);
        const ZXing::Result result =
            ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
        if (!result.isValid()) return Problem("qr.no_code_found");
        return result.text();
    } catch (const std::exception&) {
        return Problem("qr.no_code_found");
    }
}

}  // namespace cherha::qr
