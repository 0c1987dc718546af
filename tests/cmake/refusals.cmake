# What the programs' refusal tests share (cmake -P scripts): PROGRAM is the
# program run.
#
# expect_refusal(why ARGS...): PROGRAM ARGS exits 2 with one line on stderr,
# "<program>: ...". REFUSAL_ENV: NAME=value pairs the refused run gets in its
# environment.
# snapshot(dir out_var): every file under dir with its md5, to compare.
function(expect_refusal why)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${REFUSAL_ENV} "${PROGRAM}" ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(STRIP "${err}" err)
  string(FIND "${err}" "\n" newline)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "${why}: exit code ${rc}, expected 2 (stderr: ${err})")
  endif()
  get_filename_component(name "${PROGRAM}" NAME)
  if(NOT newline EQUAL -1 OR NOT err MATCHES "^${name}: ")
    message(FATAL_ERROR "${why}: expected one line on stderr, got: ${err}")
  endif()
  message(STATUS "${why}: ${err}")
endfunction()

function(snapshot dir out_var)
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${dir}/*")
  set(sums "")
  foreach(f IN LISTS files)
    file(MD5 "${f}" sum)
    list(APPEND sums "${f}=${sum}")
  endforeach()
  set(${out_var} "${sums}" PARENT_SCOPE)
endfunction()

