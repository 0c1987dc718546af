# The TPC-DS distributions (dsdgen's value lists and weights), embedded into the
# generator at build time; they are not part of this repository.
#
#   LANCE_BRIDGE_TPCDS_DISTRIBUTIONS  a folder of the .dst files; by default the
#   data/ folder of the crates.io package tpcdsgen 4.0.0, which cargo downloads
#   (checksum pinned in cpp/tpcds/distributions/Cargo.lock) and which is never
#   compiled.
#
# Defines lance_bridge_embed_tpcds_distributions(<target>): adds the generated
# source holding every .dst file to <target>.
set(LANCE_BRIDGE_TPCDS_DISTRIBUTIONS "" CACHE PATH
  "Folder of the TPC-DS .dst distribution files (default: the tpcdsgen 4.0.0 crate's data/, via cargo)")

function(_lance_bridge_locate_tpcds_distributions out)
  set(manifest ${PROJECT_SOURCE_DIR}/cpp/tpcds/distributions/Cargo.toml)
  execute_process(
    COMMAND ${LANCE_BRIDGE_CARGO} metadata --locked --format-version 1 --manifest-path ${manifest}
    OUTPUT_VARIABLE metadata ERROR_VARIABLE error RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "Could not get the TPC-DS distributions through cargo (${manifest}):\n${error}"
      "Give a folder of the .dst files with -DLANCE_BRIDGE_TPCDS_DISTRIBUTIONS=<dir>.")
  endif()
  string(JSON count LENGTH "${metadata}" packages)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${metadata}" packages ${i} name)
    if(name STREQUAL "tpcdsgen")
      string(JSON package_manifest GET "${metadata}" packages ${i} manifest_path)
      get_filename_component(package_dir ${package_manifest} DIRECTORY)
      set(${out} ${package_dir}/data PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "cargo metadata for ${manifest} does not list tpcdsgen")
endfunction()

if(NOT LANCE_BRIDGE_TPCDS_DISTRIBUTIONS)
  _lance_bridge_locate_tpcds_distributions(_tpcds_dst_dir)
else()
  set(_tpcds_dst_dir ${LANCE_BRIDGE_TPCDS_DISTRIBUTIONS})
endif()
file(GLOB _tpcds_dst_files ${_tpcds_dst_dir}/*.dst)
if(NOT _tpcds_dst_files)
  message(FATAL_ERROR "No TPC-DS .dst files in ${_tpcds_dst_dir}")
endif()
message(STATUS "TPC-DS distributions: ${_tpcds_dst_dir}")

function(lance_bridge_embed_tpcds_distributions target)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/tpcds_distribution_files.cpp)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} "-DFILES=${_tpcds_dst_files}"
      -P ${PROJECT_SOURCE_DIR}/cmake/EmbedTpcdsDistributions.cmake
    DEPENDS ${_tpcds_dst_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedTpcdsDistributions.cmake
    COMMENT "Embedding the TPC-DS distributions"
    VERBATIM)
  target_sources(${target} PRIVATE ${generated})
endfunction()
