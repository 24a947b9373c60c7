// The commands of `cherha`, one factory per file.
#pragma once

#include "cli/command.h"

namespace cherha::cli {

Command id_check_command();
Command translit_command();
Command mrz_parse_command();
Command slots_command();
Command token_keygen_command();
Command token_sign_command();
Command token_verify_command();
Command token_inspect_command();
Command qr_encode_command();
Command qr_decode_command();

}  // namespace cherha::cli
