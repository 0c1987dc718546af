# Writes THIRD-PARTY-LICENSES.txt: the license texts of every crate compiled
# into liblance_bridge (lance, arrow, DataFusion, tokio, the AWS SDK, ...), as
# their licenses (Apache-2.0, MIT, BSD, ...) ask whoever ships the binary to.
# The crates are those `cargo tree` lists as normal (not build- or dev-)
# dependencies of the bridge crate for this platform, proc-macros (which run
# only in the compiler) left out; each crate's LICENSE*,
# COPYING*, NOTICE* and UNLICENSE files come from cargo's registry folder. A
# crate that ships no such file is listed with its declared license.
#   cmake -DCARGO=<cargo> -DSOURCE_DIR=<repo> -DOUTPUT=<file> -P ThirdPartyLicenses.cmake
cmake_policy(SET CMP0007 NEW)
execute_process(
  COMMAND "${CARGO}" tree --locked --offline -p lance-bridge -e normal,no-proc-macro --prefix none --format "{p}\t{l}"
  WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE tree RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cargo tree failed: ${err}")
endif()
if(DEFINED ENV{CARGO_HOME})
  set(cargo_home "$ENV{CARGO_HOME}")
else()
  set(cargo_home "$ENV{HOME}/.cargo")
endif()

# A crate seen before is marked "(*)"; each is listed once.
string(REPLACE " (*)" "" tree "${tree}")
string(REPLACE "\n" ";" lines "${tree}")
list(REMOVE_DUPLICATES lines)
list(SORT lines CASE INSENSITIVE)
set(text "The Rust crates compiled into liblance_bridge, and their licenses.\n")
set(count 0)
foreach(line IN LISTS lines)
  # "name vX.Y.Z<TAB>license"; the workspace's own crates carry "(path)".
  if(NOT line MATCHES "^([^ ]+) v([^ \t]+)\t(.*)$")
    continue()
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(version "${CMAKE_MATCH_2}")
  set(license "${CMAKE_MATCH_3}")
  file(GLOB crate_dir LIST_DIRECTORIES true "${cargo_home}/registry/src/*/${name}-${version}")
  if(NOT crate_dir)
    message(FATAL_ERROR "${name} ${version}: not found in ${cargo_home}/registry/src (build first)")
  endif()
  list(GET crate_dir 0 crate_dir)
  math(EXPR count "${count} + 1")
  string(APPEND text "\n================================================================\n"
                     "${name} ${version}  (${license})\n")
  file(GLOB license_files "${crate_dir}/LICENSE*" "${crate_dir}/LICENCE*" "${crate_dir}/COPYING*"
                          "${crate_dir}/NOTICE*" "${crate_dir}/UNLICENSE*")
  list(SORT license_files)
  if(NOT license_files)
    string(APPEND text "(the crate ships no license file; its declared license is ${license})\n")
  endif()
  foreach(license_file IN LISTS license_files)
    if(IS_DIRECTORY "${license_file}")
      continue()
    endif()
    get_filename_component(file_name "${license_file}" NAME)
    file(READ "${license_file}" content)
    string(APPEND text "---------------- ${file_name}\n${content}\n")
  endforeach()
endforeach()
file(WRITE "${OUTPUT}" "${text}")
message(STATUS "THIRD-PARTY-LICENSES.txt: ${count} crates")
