# lance_write_floor (benchmarks/write-floor): times lance's own Dataset::write
# against the core. A Rust program carries its own copy of lance (~200 MB), so
# it is not part of the default build; benchmarks/compare_peers.py asks for it:
#   cmake --build build --target lance_write_floor
# Given the folder cargo puts programs in, defines the target and sets
# LANCE_BRIDGE_WRITE_FLOOR to the program's path (copied to <build>/bin when the
# project is built on its own).
function(lance_bridge_write_floor_target cargo_out after)
  set(program "${cargo_out}/lance_write_floor${CMAKE_EXECUTABLE_SUFFIX}")
  set(copy "")
  if(CMAKE_RUNTIME_OUTPUT_DIRECTORY)
    set(copy COMMAND ${CMAKE_COMMAND} -E copy_if_different "${program}" "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/")
  endif()
  add_custom_target(lance_write_floor
    COMMAND ${CMAKE_COMMAND} -E env ${LANCE_BRIDGE_CARGO_ENV}
            ${LANCE_BRIDGE_CARGO} build --locked --profile ${LANCE_BRIDGE_CARGO_PROFILE}
            --workspace --bins ${LANCE_BRIDGE_CARGO_ARGS}
    ${copy}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    BYPRODUCTS ${program}
    USES_TERMINAL
    COMMENT "cargo build (${LANCE_BRIDGE_CARGO_PROFILE}) of lance_write_floor")
  # After the main cargo call, which compiles lance; this one reuses it.
  add_dependencies(lance_write_floor ${after})
  set(LANCE_BRIDGE_WRITE_FLOOR "${program}" PARENT_SCOPE)
endfunction()
