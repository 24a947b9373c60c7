# Warnings and sanitizers for every Cherha target.
set(CHERHA_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wformat=2)
if(CHERHA_WERROR)
  list(APPEND CHERHA_WARNING_FLAGS -Werror)
endif()

if(CHERHA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# cherha_target_defaults(TARGET): warnings on for code we own.
function(cherha_target_defaults target)
  target_compile_options(${target} PRIVATE ${CHERHA_WARNING_FLAGS})
endfunction()
