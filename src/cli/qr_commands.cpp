// cherha qr encode|decode: QR images of booking tokens (or any text).
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "text/problem_text.h"
#include "core/token/booking_token.h"
#include "qr/qr_image.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

namespace fs = std::filesystem;

int run_encode(const Arguments& args, Io& io) {
    auto out = args.option("out");
    if (args.positional.size() != 1 || !out)
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) +
                               " cherha qr encode TEXT --out FILE.png|FILE.svg [--scale N]");
    const std::string& text = args.positional[0];
    const fs::path path = *out;
    const std::string ext = path.extension().string();
    int scale = 8;
    if (auto s = args.option("scale")) {
        auto v = parse_count(*s, 64);
        if (!v || *v == 0)
            return usage_error(io, "usage.bad_value",
                               fill(tr("Invalid value \"{value}\" for {option}."),
                                    {{"value", *s}, {"option", "--scale"}}));
        scale = static_cast<int>(*v);
    }
    auto matrix = qr::encode_qr(text);
    if (!matrix) return refused(io, matrix.problem());
    // A picture wider than a printed A4 page at 300 dpi serves nobody and costs memory.
    constexpr int kMaxSidePixels = 4096;
    if ((matrix->size + 8) * scale > kMaxSidePixels)
        return usage_error(
            io, "usage.bad_value",
            fill(tr("With --scale {scale} the picture would be wider than {max} "
                    "pixels; choose a smaller scale."),
                 {{"scale", std::to_string(scale)}, {"max", std::to_string(kMaxSidePixels)}}));
    if (ext == ".png" || ext == ".PNG") {
        if (auto problem = qr::write_qr_png(text, path, scale)) {
            if (problem->code == "qr.file_unwritable")
                return usage_error(io, problem->code, describe_problem(*problem));
            return refused(io, *problem);
        }
    } else if (ext == ".svg" || ext == ".SVG") {
        auto svg = qr::qr_svg(text);
        if (!svg) return refused(io, svg.problem());
        std::ofstream file(path, std::ios::binary);
        file << *svg;
        file.close();
        if (!file)
            return usage_error(
                io, "usage.file_unwritable",
                fill(tr("Cannot write the file \"{path}\"."), {{"path", path.string()}}));
    } else {
        return usage_error(io, "usage.bad_value", tr("The output file must end in .png or .svg."));
    }
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"file", path.string()},
                        {"version", matrix->version},
                        {"modules", matrix->size},
                        {"ecc", qr::ecc_level_name(matrix->ecc)}});
    } else {
        io.out << fill(tr("Wrote {file}: QR version {version} ({modules}x{modules} modules), "
                          "error correction {ecc}."),
                       {{"file", path.string()},
                        {"version", std::to_string(matrix->version)},
                        {"modules", std::to_string(matrix->size)},
                        {"ecc", std::string(qr::ecc_level_name(matrix->ecc))}})
               << "\n";
    }
    return kExitOk;
}

int run_decode(const Arguments& args, Io& io) {
    if (args.positional.size() != 1)
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha qr decode IMAGE.png|IMAGE.jpg");
    const std::string& path = args.positional[0];
    auto text = qr::decode_qr_image(path);
    if (!text) {
        const auto& p = text.problem();
        if (p.code == "qr.file_unreadable" || p.code == "qr.file_too_large")
            return usage_error(io, p.code, describe_problem(p));
        return refused(io, p);
    }
    auto token = core::inspect_booking_token(*text);
    if (io.json) {
        nlohmann::json doc{{"ok", true}, {"text", *text}, {"booking_token", token.ok()}};
        print_json(io, doc);
    } else {
        io.out << *text << "\n";
        if (token)
            io.out << tr("This is a Cherha booking token; check it with: cherha token verify")
                   << "\n";
    }
    return kExitOk;
}

}  // namespace

Command qr_encode_command() {
    return {{"qr", "encode"},
            "qr encode TEXT --out FILE.png|FILE.svg [--scale N]",
            N_("Draw a QR code (error correction M) as a PNG or SVG picture."),
            {{"out", "scale"}, {}},
            run_encode};
}

Command qr_decode_command() {
    return {{"qr", "decode"},
            "qr decode IMAGE.png|IMAGE.jpg",
            N_("Read a QR code from a PNG or JPEG picture."),
            {{}, {}},
            run_decode};
}

}  // namespace cherha::cli
