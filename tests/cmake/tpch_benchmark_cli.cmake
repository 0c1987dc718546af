# tpch_benchmark's command line, on the TPC-H options it shares with tpch-lance
# (cpp/tools/tpch_command_line): bad input is one line on stderr and exit code 2;
# both spellings of the table option pick the tables, whose rows are reported.
#   -DTPCH_BENCHMARK=... -DOUT=dir
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")

function(expect_refusal why)
  execute_process(COMMAND "${TPCH_BENCHMARK}" ${ARGN} --output-dir "${OUT}/refused"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(STRIP "${err}" err)
  string(FIND "${err}" "\n" newline)
  if(NOT rc EQUAL 2 OR NOT newline EQUAL -1 OR NOT err MATCHES "^tpch_benchmark: ")
    message(FATAL_ERROR "${why}: expected exit code 2 and one line on stderr, got ${rc}: ${err}")
  endif()
  message(STATUS "${why}: ${err}")
endfunction()

expect_refusal("unknown table" --table planets)
expect_refusal("both table options" --table all --tables region)
expect_refusal("infinite scale factor" --scale-factor inf)
expect_refusal("scale factor beyond TPC-H's largest" -s 1e300)
expect_refusal("negative threads" --threads -1)
expect_refusal("unknown format" --format xml)
expect_refusal("no runs" --repeat 0)
expect_refusal("unknown option" --colour blue)
expect_refusal("--encoding without Lance" --format parquet --encoding l_tax:compression=zstd)
if(EXISTS "${OUT}/refused")
  message(FATAL_ERROR "a refused run wrote its output directory")
endif()

# Rows reported for the tables chosen either way: region has 5, nation 25 (TPC-H).
foreach(choice "--tables;region,nation" "--table;all")
  execute_process(COMMAND "${TPCH_BENCHMARK}" ${choice} --scale-factor 0.01 --format none --json
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${choice}: exit code ${rc}: ${err}")
  endif()
  foreach(expected "\"table\":\"region\",[^\n]*\"rows\":5," "\"table\":\"nation\",[^\n]*\"rows\":25,")
    if(NOT out MATCHES "${expected}")
      message(FATAL_ERROR "${choice}: no line matching ${expected} in:\n${out}")
    endif()
  endforeach()
endforeach()
