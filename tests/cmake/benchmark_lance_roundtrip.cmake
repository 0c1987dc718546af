# Runs a benchmark data program (tpch-lance, tpcds-lance) for every table in one
# format, reads each table back (Lance and Parquet through lance-bridge-inspect,
# which scans it and renders it with the generators' own text renderer) as the
# reference generator's text (.tbl, .dat), and checks its md5 against the
# reference sums of the official dbgen or dsdgen.
#   -DPROGRAM=... -DINSPECT=... -DFORMAT=lance|parquet|<TEXT> -DTEXT=tbl|dat -DSF=0.01
#   -DOUT=dir -DREFERENCE=file.md5 -DEXPECTED=<tables written, all of them in the reference>
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${PROGRAM}" --scale-factor ${SF} --format ${FORMAT} --output-dir "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed (${rc}): ${err}")
endif()

file(STRINGS "${REFERENCE}" lines)
set(checked 0)
foreach(line IN LISTS lines)
  string(REGEX MATCH "^([0-9a-f]+)  ([a-z_]+)\\.${TEXT}$" match "${line}")
  set(expected "${CMAKE_MATCH_1}")
  set(table "${CMAKE_MATCH_2}")
  # Only the tables the program wrote: EXPECTED says how many there must be.
  if(NOT EXISTS "${OUT}/${table}.${FORMAT}")
    continue()
  endif()
  if(FORMAT STREQUAL TEXT)
    set(text "${OUT}/${table}.${TEXT}")
  else()
    set(text "${OUT}/${table}.readback.${TEXT}")
    execute_process(COMMAND "${INSPECT}" "${OUT}/${table}.${FORMAT}" --format ${FORMAT} --tbl
                    OUTPUT_FILE "${text}" RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "reading back ${table}.${FORMAT} failed (${rc}): ${err}")
    endif()
  endif()
  file(MD5 "${text}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${table}: read back from ${FORMAT}, md5 ${actual} != the reference ${expected}")
  endif()
  math(EXPR checked "${checked} + 1")
endforeach()
if(NOT checked EQUAL EXPECTED)
  message(FATAL_ERROR "checked ${checked} tables, expected ${EXPECTED}")
endif()
message(STATUS "all ${checked} tables read back from ${FORMAT} at SF ${SF} equal the reference output")
file(REMOVE_RECURSE "${OUT}")
