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
// A center's data directory (--data DIR).
Command init_command();
Command user_add_command();
Command user_passwd_command();
Command user_disable_command();
Command user_list_command();
Command device_add_command();
Command device_revoke_command();
Command device_list_command();
Command key_rotate_command();
Command key_list_command();
Command backup_command();
Command restore_command();
Command purge_command();
Command audit_verify_command();
Command schedule_import_command();
Command schedule_export_command();
Command center_show_command();
Command center_set_command();

}  // namespace cherha::cli
