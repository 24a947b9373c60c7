#include "cli/commands.h"

namespace cherha::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        id_check_command(),     translit_command(),      mrz_parse_command(),
        slots_command(),        token_keygen_command(),  token_sign_command(),
        token_verify_command(), token_inspect_command(), qr_encode_command(),
        qr_decode_command(),
    };
    return commands;
}

}  // namespace cherha::cli
