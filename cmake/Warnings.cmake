# Warnings every hoplite target compiles with. CI adds -Werror through HOPLITE_WERROR.
# -Wno-missing-field-initializers: GCC 12 warns on designated initializers that leave defaulted
# members out, which is exactly how our props structs are meant to be used (GCC 13 stopped).
add_library(hoplite_warnings INTERFACE)
target_compile_options(hoplite_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wno-missing-field-initializers
  $<$<BOOL:${HOPLITE_WERROR}>:-Werror>)
if(HOPLITE_SANITIZE)
  target_compile_options(hoplite_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(hoplite_warnings INTERFACE -fsanitize=address,undefined)
endif()
