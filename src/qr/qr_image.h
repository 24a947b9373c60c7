// QR code images: encode a text (a booking token) into a module matrix, a PNG or an SVG,
// and find the text of a QR code in a PNG or JPEG picture (a file the desk opens, the
// clipboard, a dropped picture). Built on ZXing-cpp 1.4 and stb_image / stb_image_write.
//
// Problems (code {params}):
//   qr.invalid_text                  the text to encode is empty or not valid UTF-8
//   qr.text_too_long {length}        the text does not fit in any QR version at that level
//                                    (length in bytes)
//   qr.invalid_argument {name}       name: "scale" (outside 1..64) or "quiet_zone" (outside
//                                    0..64)
//   qr.file_unwritable {path}        the PNG file could not be written
//   qr.file_unreadable {path}        the picture file does not exist or cannot be read
//   qr.file_too_large {path, bytes}  the file is over 64 MiB (refused without reading it)
//   qr.not_an_image                  neither a PNG nor a JPEG (an empty file, a text file
//                                    renamed .png, any other format)
//   qr.image_damaged                 a PNG or JPEG whose header is readable but whose pixels
//                                    are not (a truncated or corrupt file)
//   qr.too_large {width, height}     over 16384 pixels on a side or 50 megapixels in all;
//                                    refused from the header, before the pixels are decoded
//   qr.no_code_found                 a picture in which no QR code could be read
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/problem.h"

namespace cherha::qr {

using core::Problem;
using core::Result;

// Error-correction level: L ~7 %, M ~15 %, Q ~25 %, H ~30 % of the code may be damaged.
enum class EccLevel { L, M, Q, H };

// "L", "M", "Q" or "H".
std::string_view ecc_level_name(EccLevel level);

// The modules of a QR code, without quiet zone. Row-major, true = dark.
struct QrMatrix {
    int version = 0;  // 1..40: (size - 17) / 4
    int size = 0;     // modules on a side: 21..177
    EccLevel ecc = EccLevel::M;
    std::vector<bool> dark;  // size * size

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
    // The number of dark modules.
    std::size_t dark_count() const;
};

// Encodes `text` (UTF-8; ZXing picks numeric, alphanumeric or byte mode and the smallest
// version) at `level`. Problems: qr.invalid_text, qr.text_too_long {length}.
// Thread-safe.
Result<QrMatrix> encode_qr(std::string_view text, EccLevel level = EccLevel::M);

// A black-on-white 8-bit grey PNG of the QR code of `text`: `scale` pixels per module,
// `quiet_zone` white modules around it (4 is the standard's minimum).
// Problems: those of encode_qr, qr.invalid_argument {name}. Thread-safe.
Result<std::vector<std::uint8_t>> qr_png(std::string_view text, int scale = 8, int quiet_zone = 4,
                                         EccLevel level = EccLevel::M);

// Writes qr_png(...) to `path` (replacing the file). Returns nullopt on success.
// Problems: those of qr_png, qr.file_unwritable {path}. Thread-safe for distinct paths.
std::optional<Problem> write_qr_png(std::string_view text, const std::filesystem::path& path,
                                    int scale = 8, int quiet_zone = 4,
                                    EccLevel level = EccLevel::M);

// A standalone SVG of the QR code of `text`: one 1x1 <rect> per dark module in module
// units, a viewBox of (size + 8) modules (quiet zone 4), a white background rect, and
// shape-rendering="crispEdges" so the modules stay sharp at any size.
// Problems: those of encode_qr. Thread-safe.
Result<std::string> qr_svg(std::string_view text, EccLevel level = EccLevel::M);

// Reads the text of the first QR code found in a PNG or JPEG file.
// Problems: qr.file_unreadable {path}, qr.file_too_large {path, bytes}, and those of
// decode_qr_image_bytes. Thread-safe.
Result<std::string> decode_qr_image(const std::filesystem::path& path);

// Reads the text of the first QR code found in PNG or JPEG bytes (recognised by their
// signature, not by a file name). Transparent pixels count as white.
// Problems: qr.not_an_image, qr.too_large {width, height}, qr.image_damaged,
// qr.no_code_found. Thread-safe. Never throws.
Result<std::string> decode_qr_image_bytes(std::span<const std::uint8_t> bytes);

}  // namespace cherha::qr
