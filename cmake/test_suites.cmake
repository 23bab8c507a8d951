# Registers dbsage_tests with CTest one GoogleTest suite at a time, not one
# test at a time: a suite's SetUpTestSuite (a scratch server loaded with
# data) then runs once per suite instead of once per test. Large suites are
# split into GoogleTest shards so both cores stay busy: a suite whose fixture
# shares a server (TEST_F in a file with SetUpTestSuite) in shards of 16
# tests, since each shard sets it up again; a suite of independent server
# tests in shards of 4; pure tests in shards of 16.
#
# Used in two steps. At configure time dbsage_test_suites() scans the test
# sources for suite names, to label each by its folder (unit, live). At test
# time CTest runs the generated include file, which lists the suites the
# binary really has (--gtest_list_tests), so no suite can be left out.

function(dbsage_test_suites target)
  set(labels "")
  foreach(source ${ARGN})
    get_filename_component(dir ${source} DIRECTORY)
    get_filename_component(label ${dir} NAME)
    file(READ ${source} text)
    set(shared_setup OFF)
    if(text MATCHES "SetUpTestSuite")
      set(shared_setup ON)
    endif()
    string(REGEX MATCHALL "TEST(_F|_P)?\\([ \n]*[A-Za-z0-9_]+" tests "${text}")
    string(REGEX MATCHALL "INSTANTIATE_TEST_SUITE_P\\([ \n]*[A-Za-z0-9_]+,[ \n]*[A-Za-z0-9_]+" instances "${text}")
    foreach(match ${tests} ${instances})
      set(shard_size 16)
      if(label STREQUAL "live" AND NOT (shared_setup AND match MATCHES "^TEST_F"))
        set(shard_size 4)
      endif()
      string(REGEX REPLACE "^[A-Z_]+\\([ \n]*" "" suite "${match}")
      string(REGEX REPLACE ",[ \n]*" "/" suite "${suite}")
      list(APPEND labels "${suite}=${label}:${shard_size}")
    endforeach()
  endforeach()
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake)
  file(GENERATE OUTPUT ${include_file} CONTENT
"set(DBSAGE_TEST_BINARY [==[$<TARGET_FILE:${target}>]==])
set(DBSAGE_TEST_LABELS [==[${labels}]==])
set(DBSAGE_TEST_ENVIRONMENT [==[${DBSAGE_TEST_ENVIRONMENT}]==])
include([==[${CMAKE_SOURCE_DIR}/cmake/test_suites_register.cmake]==])
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
