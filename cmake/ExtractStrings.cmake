# cmake -DSOURCE_DIR=... -DXGETTEXT=... -DOUT=... -P ExtractStrings.cmake
# Extracts every translatable string of the faces into a .pot template: the C++ sources
# (_, N_, tr, trn, wxPLURAL), the web pages' scripts (t("...")) and the web pages' HTML
# (data-t, data-t-label, ... attributes: written to a C file first, as xgettext reads no HTML).
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.h")
list(SORT sources)
get_filename_component(out_dir "${OUT}" DIRECTORY)
set(cpp_pot "${out_dir}/cherha-cpp.pot.tmp")
set(web_pot "${out_dir}/cherha-web.pot.tmp")
execute_process(
  COMMAND "${XGETTEXT}" --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_
          --keyword=tr --keyword=trn:1,2 --keyword=wxPLURAL:1,2 --add-comments=TRANSLATORS
          --package-name=cherha --omit-header --sort-output -o "${cpp_pot}" ${sources}
  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed (${rc})")
endif()

file(GLOB_RECURSE scripts RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/resources/web/*.js"
     "${SOURCE_DIR}/resources/web/*.mjs")
file(GLOB_RECURSE pages RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/resources/web/*.html")
list(SORT scripts)
list(SORT pages)
set(html_c "${out_dir}/cherha-web-html.c.tmp")
set(html_text "")
# CMake lists split at ";" and group at "[" "]": those are masked while the lines are walked.
foreach(page IN LISTS pages)
  file(READ "${SOURCE_DIR}/${page}" content)
  string(REPLACE ";" "@SEMICOLON@" content "${content}")
  string(REPLACE "[" "@OPEN@" content "${content}")
  string(REPLACE "]" "@CLOSE@" content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    string(REGEX MATCHALL "data-t(-[a-z]+)?=\"[^\"]*\"" found "${line}")
    foreach(attribute IN LISTS found)
      string(REGEX REPLACE "^data-t(-[a-z]+)?=\"([^\"]*)\"$" "\\2" msgid "${attribute}")
      if(NOT msgid STREQUAL "")
        string(REPLACE "\\" "\\\\" msgid "${msgid}")
        string(REPLACE "@SEMICOLON@" ";" msgid "${msgid}")
        string(REPLACE "@OPEN@" "[" msgid "${msgid}")
        string(REPLACE "@CLOSE@" "]" msgid "${msgid}")
        string(APPEND html_text "#line ${number} \"${page}\"\nN_(\"${msgid}\")\;\n")
      endif()
    endforeach()
  endforeach()
endforeach()
file(WRITE "${html_c}" "${html_text}")
execute_process(
  COMMAND "${XGETTEXT}" --from-code=UTF-8 --language=JavaScript --keyword=t --keyword=N_
          --package-name=cherha --omit-header --sort-output -o "${web_pot}" ${scripts}
  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext (web scripts) failed (${rc})")
endif()
execute_process(
  COMMAND "${XGETTEXT}" --from-code=UTF-8 --language=C --keyword=N_ --join-existing
          --omit-header --sort-output -o "${web_pot}" "${html_c}"
  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext (web pages) failed (${rc})")
endif()
get_filename_component(xgettext_dir "${XGETTEXT}" DIRECTORY)
find_program(MSGCAT msgcat HINTS "${xgettext_dir}" REQUIRED)
execute_process(
  COMMAND "${MSGCAT}" --use-first --sort-output -o "${OUT}" "${cpp_pot}" "${web_pot}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgcat failed (${rc})")
endif()
file(REMOVE "${cpp_pot}" "${web_pot}" "${html_c}")
