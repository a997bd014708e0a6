# The commit hoplite itself was built from, for `version`. Read once at configure time: it names
# the source, not the moment of the build, so builds stay reproducible.
execute_process(COMMAND git -C ${PROJECT_SOURCE_DIR} rev-parse --short=12 HEAD
  OUTPUT_VARIABLE HOPLITE_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git -C ${PROJECT_SOURCE_DIR} status --porcelain --untracked-files=no
  OUTPUT_VARIABLE HOPLITE_GIT_DIRTY OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT HOPLITE_GIT_COMMIT)
  set(HOPLITE_GIT_COMMIT "unknown")
elseif(HOPLITE_GIT_DIRTY)
  string(APPEND HOPLITE_GIT_COMMIT "-dirty")
endif()
