# Every third-party dependency comes from a Debian 12 package (scripts/setup installs them).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED CONFIG)
find_package(spdlog REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
# Layer compression: libdeflate (gzip, about twice zlib's speed at equal size) and zstd. Debian
# ships pkg-config files for both.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HOPLITE_DEFLATE REQUIRED IMPORTED_TARGET libdeflate)
pkg_check_modules(HOPLITE_ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(pugixml REQUIRED CONFIG)
find_package(SQLite3 REQUIRED)
find_package(yaml-cpp REQUIRED CONFIG)

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
  # Tests only: an independent tar reader to check the in-house writer against. No service
  # binary links it (it would bring libxml2 and ICU into every image).
  find_package(LibArchive REQUIRED)
  include(GoogleTest)
endif()
if(HOPLITE_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()
