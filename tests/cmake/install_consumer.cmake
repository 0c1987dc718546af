# `cmake --install` into a fresh prefix, then use what was installed as a user
# would: the programs run from the prefix, a CMake project finds the package
# with find_package(lance_bridge CONFIG REQUIRED), and a plain compiler line
# builds with the pkg-config file. Nothing installed carries debug information.
#   -DBUILD=<build dir> -DPREFIX=<empty dir> -DCONSUMER=<tests/consumer> -DWORK=<dir>
#   -DGENERATOR=... -DBUILD_TYPE=... -DCXX=<c++ compiler> -DREADELF=<readelf>
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${PREFIX}" "${WORK}")
run(${CMAKE_COMMAND} --install "${BUILD}" --prefix "${PREFIX}")

file(GLOB_RECURSE installed RELATIVE "${PREFIX}" "${PREFIX}/*")
message(STATUS "installed: ${installed}")
foreach(expected include/lance_bridge/writer.h include/lance_bridge/batch_builder.h
                 include/lance_bridge/arrow_c_abi.h include/lance_bridge/inspect.h include/lance_bridge/dataset.h
                 bin/tpch-lance bin/lance-bridge-inspect)
  if(NOT EXISTS "${PREFIX}/${expected}")
    message(FATAL_ERROR "not installed: ${expected}")
  endif()
endforeach()
file(GLOB_RECURSE library "${PREFIX}/*/liblance_bridge.so")
file(GLOB_RECURSE config "${PREFIX}/*/lance_bridgeConfig.cmake")
file(GLOB_RECURSE pc "${PREFIX}/*/lance_bridge.pc")
if(NOT library OR NOT config OR NOT pc)
  message(FATAL_ERROR "missing: library '${library}', package config '${config}', pkg-config '${pc}'")
endif()

foreach(file ${library} "${PREFIX}/bin/tpch-lance" "${PREFIX}/bin/lance-bridge-inspect")
  run(${READELF} -S -W "${file}")
  if(out MATCHES "\\.debug_")
    message(FATAL_ERROR "${file} was installed with debug sections")
  endif()
endforeach()

# The installed programs find the installed library on their own (RPATH).
run("${PREFIX}/bin/tpch-lance" --help)
run("${PREFIX}/bin/lance-bridge-inspect" --help)

# A project with find_package, and a compiler line with pkg-config (the same
# check as on the installed packages: tests/packaging/consumers.sh).
get_filename_component(pc_dir "${pc}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
set(ENV{CXX} "${CXX}")
run(bash "${CMAKE_CURRENT_LIST_DIR}/../packaging/consumers.sh" "${CONSUMER}" "${WORK}" -G "${GENERATOR}"
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE} "-DCMAKE_PREFIX_PATH=${PREFIX}")
message(STATUS "consumers: ${out}")
file(REMOVE_RECURSE "${PREFIX}" "${WORK}")
