# Runs tpch-lance for every table in one format, reads each table back (Lance and
# Parquet through lance-bridge-inspect, which scans it and renders it with the
# generator's own .tbl renderer) as dbgen .tbl text, and checks its md5 against
# the reference sums of the official dbgen.
#   -DTPCH_LANCE=... -DINSPECT=... -DFORMAT=lance|parquet|tbl -DSF=0.01 -DOUT=dir -DREFERENCE=file.md5
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${TPCH_LANCE}" --scale-factor ${SF} --format ${FORMAT} --output-dir "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tpch-lance failed (${rc}): ${err}")
endif()

file(STRINGS "${REFERENCE}" lines)
set(checked 0)
foreach(line IN LISTS lines)
  string(REGEX MATCH "^([0-9a-f]+)  ([a-z]+)\\.tbl$" match "${line}")
  set(expected "${CMAKE_MATCH_1}")
  set(table "${CMAKE_MATCH_2}")
  if(FORMAT STREQUAL "tbl")
    set(text "${OUT}/${table}.tbl")
  else()
    set(text "${OUT}/${table}.readback.tbl")
    execute_process(COMMAND "${INSPECT}" "${OUT}/${table}.${FORMAT}" --format ${FORMAT} --tbl
                    OUTPUT_FILE "${text}" RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "reading back ${table}.${FORMAT} failed (${rc}): ${err}")
    endif()
  endif()
  file(MD5 "${text}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${table}: read back from ${FORMAT}, md5 ${actual} != dbgen's ${expected}")
  endif()
  math(EXPR checked "${checked} + 1")
endforeach()
if(NOT checked EQUAL 8)
  message(FATAL_ERROR "checked ${checked} tables, expected 8")
endif()
message(STATUS "all 8 tables read back from ${FORMAT} at SF ${SF} equal dbgen's output")
file(REMOVE_RECURSE "${OUT}")
