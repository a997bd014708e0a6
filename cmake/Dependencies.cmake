# Every third-party dependency comes from a Debian 12 package (scripts/setup installs them).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED CONFIG)
find_package(spdlog REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(LibArchive REQUIRED)
find_package(ZLIB REQUIRED)
find_package(pugixml REQUIRED CONFIG)
find_package(SQLite3 REQUIRED)

# libcpp-httplib-dev ships a compiled library and a pkg-config file, no CMake package.
find_library(HOPLITE_HTTPLIB_LIBRARY NAMES cpp-httplib REQUIRED)
find_path(HOPLITE_HTTPLIB_INCLUDE_DIR httplib.h REQUIRED)
add_library(httplib::httplib UNKNOWN IMPORTED)
set_target_properties(httplib::httplib PROPERTIES
  IMPORTED_LOCATION ${HOPLITE_HTTPLIB_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${HOPLITE_HTTPLIB_INCLUDE_DIR}
  INTERFACE_COMPILE_DEFINITIONS "CPPHTTPLIB_OPENSSL_SUPPORT;CPPHTTPLIB_ZLIB_SUPPORT;CPPHTTPLIB_BROTLI_SUPPORT"
  INTERFACE_LINK_LIBRARIES "Threads::Threads;OpenSSL::SSL;OpenSSL::Crypto")

if(HOPLITE_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
  include(GoogleTest)
endif()
if(HOPLITE_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()
