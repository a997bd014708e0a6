# hoplite_add_library(<module> DEPS <libs...> [PRIVATE_DEPS <libs...>])
#   Builds the static library hoplite_<module> (alias hoplite::<module>) from every .cpp under
#   src/<module>/. Globbing keeps "add a file" a one-step change; CONFIGURE_DEPENDS re-globs.
function(hoplite_add_library module)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(hoplite_${module} STATIC ${sources})
  add_library(hoplite::${module} ALIAS hoplite_${module})
  target_include_directories(hoplite_${module}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(hoplite_${module} PUBLIC ${ARG_DEPS} PRIVATE hoplite_warnings ${ARG_PRIVATE_DEPS})
endfunction()

# hoplite_add_test(<module> LIBS <libs...>)
#   One GoogleTest executable per module (hoplite_<module>_tests) from every *_test.cpp in the
#   calling directory; each TEST becomes its own ctest entry, labelled with the module.
#   tests/test_env.cpp gives every test HOPLITE_SOURCE_DIR and HOPLITE_BINARY_DIR.
function(hoplite_add_test module)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  add_executable(hoplite_${module}_tests ${sources} ${PROJECT_SOURCE_DIR}/tests/test_env.cpp)
  target_compile_definitions(hoplite_${module}_tests PRIVATE
    HOPLITE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}" HOPLITE_TEST_BINARY_DIR="${PROJECT_BINARY_DIR}")
  target_link_libraries(hoplite_${module}_tests PRIVATE ${ARG_LIBS} hoplite_test_support
    GTest::gtest GTest::gmock GTest::gtest_main hoplite_warnings)
  target_include_directories(hoplite_${module}_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  gtest_discover_tests(hoplite_${module}_tests
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS ${module}
    DISCOVERY_TIMEOUT 60)
endfunction()
