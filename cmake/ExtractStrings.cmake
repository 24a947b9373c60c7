# cmake -DSOURCE_DIR=... -DXGETTEXT=... -DOUT=... -P ExtractStrings.cmake
# Extracts every translatable string of the faces into a .pot template.
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.h")
list(SORT sources)
execute_process(
  COMMAND "${XGETTEXT}" --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_
          --keyword=tr --keyword=trn:1,2 --keyword=wxPLURAL:1,2 --add-comments=TRANSLATORS
          --package-name=cherha --omit-header --sort-output -o "${OUT}" ${sources}
  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed (${rc})")
endif()
