# `cmake --install` and `cpack -G DEB`: what a C++ project that uses hoplite needs, in any prefix —
#   include/hoplite/...                      the public headers
#   lib/libhoplite_<module>.a                one static library per module (not the local cloud's)
#   lib/cmake/hoplite/hopliteConfig.cmake    find_package(hoplite CONFIG): targets hoplite::hoplite
#                                            (everything a service links) and hoplite::<module>
#   lib/pkgconfig/hoplite.pc                 pkg-config --cflags --libs hoplite
#   bin/hoplite                              the tool (local cloud, `hoplite new`)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(hoplite_installed_libraries)
set(hoplite_pc_libs)
# Link order for static libraries: a library before the ones it uses (app ... core).
set(hoplite_link_order app provision describe fargate sfn cfn oci aws http core)
foreach(module IN LISTS hoplite_link_order)
  if(TARGET hoplite_${module})
    set_target_properties(hoplite_${module} PROPERTIES EXPORT_NAME ${module})
    list(APPEND hoplite_installed_libraries hoplite_${module})
    string(APPEND hoplite_pc_libs " -lhoplite_${module}")
  endif()
endforeach()
# A project that links hoplite::hoplite compiles as C++20, as the public headers need.
target_compile_features(hoplite INTERFACE cxx_std_20)
# The libraries link hoplite_warnings privately; a static library's private links are part of its
# link interface, so the (option-free at link time) interface target is exported with them.
set_target_properties(hoplite_warnings PROPERTIES EXPORT_NAME warnings)

install(TARGETS hoplite hoplite_warnings ${hoplite_installed_libraries} EXPORT hopliteTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hoplite DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET hoplite_tool)
  install(TARGETS hoplite_tool RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
if(CMAKE_STRIP)
  install(CODE "
    if(CMAKE_INSTALL_DO_STRIP)
      foreach(lib ${hoplite_installed_libraries})
        execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
          \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/lib\${lib}.a\" COMMAND_ERROR_IS_FATAL ANY)
      endforeach()
    endif()")
endif()

set(hoplite_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/hoplite)
install(EXPORT hopliteTargets NAMESPACE hoplite:: DESTINATION ${hoplite_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/package/hopliteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/hopliteConfig.cmake INSTALL_DESTINATION ${hoplite_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/hopliteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/hopliteConfig.cmake
  ${PROJECT_BINARY_DIR}/package/hopliteConfigVersion.cmake DESTINATION ${hoplite_cmake_dir})

# Relocatable: the prefix is found from where the .pc file is (pkg-config's ${pcfiledir}), so the
# same file serves `cmake --install --prefix ANY` and the .deb's /usr.
file(RELATIVE_PATH hoplite_pc_to_prefix /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" hoplite_pc_to_prefix "${hoplite_pc_to_prefix}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/package/hoplite.pc.in ${PROJECT_BINARY_DIR}/package/hoplite.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/hoplite.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB (run in the build directory): hoplite-dev_<version>_<arch>.deb. Depends: the
# Debian packages whose headers and libraries hopliteConfig.cmake and hoplite.pc name, and the
# tools that build a `hoplite new` project (make: cmake only recommends it, and a clean system has
# none; tests/package/deb_chroot_test.sh found it).
set(CPACK_PACKAGE_NAME hoplite-dev)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "hoplite maintainers <hoplite@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "C++20 framework for self-deploying services on AWS Fargate and Step Functions")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "g++ (>= 4:12), cmake (>= 3.25), make, pkg-config, libfmt-dev, libspdlog-dev, nlohmann-json3-dev (>= 3.11), libcli11-dev, libssl-dev, libcurl4-openssl-dev, zlib1g-dev, libdeflate-dev, libzstd-dev, libpugixml-dev, libyaml-cpp-dev, libcpp-httplib-dev, libsqlite3-0")
# The package is stripped, as Debian's dh_strip does: the tool entirely (with -g: 311 MB → 9 MB)
# and, since CMake never strips a static library (its symbol table is what links), the
# libraries' debug information by the rule below (`cmake --install --strip` does the same).
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
