# The workspace's Rust programs: lance-bridge-inspect (the tests read datasets
# back with it) and lance_write_floor (the benchmarks' floor). Given the folder
# cargo puts them in, sets
#   LANCE_BRIDGE_INSPECT, LANCE_BRIDGE_WRITE_FLOOR  their paths there
#   LANCE_BRIDGE_COPY_PROGRAMS  custom-command steps that copy them into
#                               <build>/bin when the project is built on its own
function(lance_bridge_rust_programs cargo_out)
  set(copy "")
  foreach(program lance-bridge-inspect lance_write_floor)
    set(path "${cargo_out}/${program}${CMAKE_EXECUTABLE_SUFFIX}")
    if(CMAKE_RUNTIME_OUTPUT_DIRECTORY)
      list(APPEND copy COMMAND ${CMAKE_COMMAND} -E copy_if_different "${path}" "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/")
    endif()
  endforeach()
  set(LANCE_BRIDGE_INSPECT "${cargo_out}/lance-bridge-inspect${CMAKE_EXECUTABLE_SUFFIX}" PARENT_SCOPE)
  set(LANCE_BRIDGE_WRITE_FLOOR "${cargo_out}/lance_write_floor${CMAKE_EXECUTABLE_SUFFIX}" PARENT_SCOPE)
  set(LANCE_BRIDGE_COPY_PROGRAMS ${copy} PARENT_SCOPE)
endfunction()
