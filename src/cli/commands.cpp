#include "cli/commands.h"

namespace cherha::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        id_check_command(),
        translit_command(),
        mrz_parse_command(),
        slots_command(),
        token_keygen_command(),
        token_sign_command(),
        token_verify_command(),
        token_inspect_command(),
        qr_encode_command(),
        qr_decode_command(),
        // A center's data directory.
        init_command(),
        user_add_command(),
        user_passwd_command(),
        user_disable_command(),
        user_list_command(),
        device_add_command(),
        device_revoke_command(),
        device_list_command(),
        key_rotate_command(),
        key_list_command(),
        backup_command(),
        restore_command(),
        purge_command(),
        audit_verify_command(),
        schedule_import_command(),
        schedule_export_command(),
        center_show_command(),
        center_set_command(),
    };
    return commands;
}

}  // namespace cherha::cli
