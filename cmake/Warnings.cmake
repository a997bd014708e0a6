# Warnings every hoplite target compiles with. CI adds -Werror through HOPLITE_WERROR.
# -Wno-missing-field-initializers: GCC 12 warns on designated initializers that leave defaulted
# members out, which is exactly how our props structs are meant to be used (GCC 13 stopped).
add_library(hoplite_warnings INTERFACE)
target_compile_options(hoplite_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wno-missing-field-initializers
  $<$<BOOL:${HOPLITE_WERROR}>:-Werror>)
# A unity build (CI: scripts/test) #includes each .cpp into a generated one, so GCC takes a class
# in a .cpp whose member's type is in that file's anonymous namespace for a header's class and
# warns (-Wsubobject-linkage); in a .cpp that is harmless. The flow-based warnings depend on what
# the optimizer inlines, which changes when files are joined (nlohmann::json's own code then
# trips -Wnull-dereference): they stay warnings there, errors in the file-by-file build.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(hoplite_warnings INTERFACE -Wno-subobject-linkage -Wno-error=null-dereference
    -Wno-error=maybe-uninitialized)
endif()
# Sanitizers: every report is fatal (-fno-sanitize-recover), so a test that triggers one fails.
# The fuzz build adds libFuzzer's coverage instrumentation to every hoplite object (the
# sanitizer runtime provides its hooks, so unit tests link without libFuzzer).
if(HOPLITE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "HOPLITE_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  set(HOPLITE_SANITIZE ON)
  target_compile_options(hoplite_warnings INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(HOPLITE_SANITIZE)
  target_compile_options(hoplite_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(hoplite_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
