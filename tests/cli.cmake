# Tests that run the built spcomm binary the way a user does.
if(NOT TARGET spcomm)
  return()
endif()
set(GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/golden.sh)

# tests/bad/NAME.yaml, broken cases (golden.sh mode diag), and
# tests/warn/NAME.yaml, valid cases with warnings (mode warn): each
# against its NAME.diag.
foreach(kind bad:diag warn:warn)
  string(REPLACE ":" ";" kind ${kind})
  list(GET kind 0 dir)
  list(GET kind 1 mode)
  file(GLOB inputs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${dir}/*.yaml)
  foreach(f ${inputs})
    get_filename_component(name ${f} NAME_WE)
    add_test(NAME ${dir}.${name} COMMAND sh ${GOLDEN} $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR} ${mode} ${name})
    set_tests_properties(${dir}.${name} PROPERTIES LABELS "golden;${dir}" TIMEOUT 60)
  endforeach()
endforeach()

file(GLOB SPCOMM_CASES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/cases/*.yaml)
foreach(f ${SPCOMM_CASES})
  get_filename_component(name ${f} NAME_WE)
  add_test(NAME case.${name} COMMAND sh ${GOLDEN} $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR} case ${name})
  set_tests_properties(case.${name} PROPERTIES LABELS golden TIMEOUT 120)
endforeach()

file(GLOB SPCOMM_SCRIPT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/*.sh)
foreach(f ${SPCOMM_SCRIPT_TESTS})
  get_filename_component(name ${f} NAME_WE)
  add_test(NAME cli.${name} COMMAND sh ${f} $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli TIMEOUT 300)
endforeach()

# tests/install/NAME.sh: the installed program (cmake --install into a
# DESTDIR, the .deb of cpack, the manual pages, bash completion); they
# also need the build tree.
file(GLOB SPCOMM_INSTALL_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/install/*.sh)
foreach(f ${SPCOMM_INSTALL_TESTS})
  get_filename_component(name ${f} NAME_WE)
  add_test(NAME install.${name} COMMAND sh ${f} $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  set_tests_properties(install.${name} PROPERTIES LABELS install TIMEOUT 300)
endforeach()

# tests/perf/: what a document costs, counted rather than timed
# (instructions under callgrind, peak memory of a generated large case).
add_test(NAME perf.instructions COMMAND sh ${CMAKE_SOURCE_DIR}/tests/perf/instructions.sh
  $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR} "${CMAKE_BUILD_TYPE}" "${SPCOMM_SANITIZE}")
set_tests_properties(perf.instructions PROPERTIES LABELS perf TIMEOUT 300 SKIP_RETURN_CODE 77)
add_test(NAME perf.memory COMMAND sh ${CMAKE_SOURCE_DIR}/tests/perf/memory.sh
  $<TARGET_FILE:spcomm> ${CMAKE_SOURCE_DIR} "${SPCOMM_SANITIZE}")
set_tests_properties(perf.memory PROPERTIES LABELS perf TIMEOUT 300 SKIP_RETURN_CODE 77)
