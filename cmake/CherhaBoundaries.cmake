# The core knows nothing of windows, databases or sockets (docs/architecture.md).
# cherha_check_core_boundary(TARGET) walks everything TARGET links, directly or
# through other targets, and stops the configure step if any of it is a GUI,
# database or network library.
set(CHERHA_FORBIDDEN_IN_CORE "wx" "sqlite" "SQLite" "curl" "CURL" "httplib" "ssl$" "OpenSSL::SSL" "pq" "gtk")

function(_cherha_collect_links target out_var)
  set(seen ${${out_var}})
  if(TARGET ${target})
    get_target_property(aliased ${target} ALIASED_TARGET)
    if(aliased)
      set(target ${aliased})
    endif()
    get_target_property(libs ${target} LINK_LIBRARIES)
    get_target_property(ilibs ${target} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS libs ilibs)
      if(NOT lib OR lib MATCHES "NOTFOUND$" OR lib IN_LIST seen)
        continue()
      endif()
      list(APPEND seen ${lib})
      _cherha_collect_links(${lib} seen)
    endforeach()
  endif()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()

function(cherha_check_core_boundary target)
  set(all_links "")
  _cherha_collect_links(${target} all_links)
  foreach(lib IN LISTS all_links)
    foreach(bad IN LISTS CHERHA_FORBIDDEN_IN_CORE)
      if(lib MATCHES "${bad}")
        message(FATAL_ERROR
          "${target} must not link '${lib}': the core links no GUI, database or network "
          "library (see docs/architecture.md). Put that code in a face or in the store.")
      endif()
    endforeach()
  endforeach()
endfunction()
