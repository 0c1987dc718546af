# tpcds-lance refuses bad input with a one-line error and exit code 2, and
# leaves what is on disk untouched: what is TPC-DS's own (its tables, scale
# factors, text format); the options it shares with tpch-lance are checked
# there.   -DPROGRAM=<tpcds-lance> -DOUT=dir
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
include(${CMAKE_CURRENT_LIST_DIR}/refusals.cmake)

expect_refusal("a TPC-H table" --tables date_dim,lineitem --output-dir "${OUT}/a")
expect_refusal("table named twice" --tables reason,ship_mode,reason --output-dir "${OUT}/a")
expect_refusal("zero scale factor" --scale-factor 0 --output-dir "${OUT}/a")
expect_refusal("negative scale factor" --scale-factor -10 --output-dir "${OUT}/a")
expect_refusal("scale factor beyond dsdgen's largest" --scale-factor 100001 --output-dir "${OUT}/a")
expect_refusal("not-a-number scale factor" --scale-factor nan --output-dir "${OUT}/a")
expect_refusal("TPC-H's text format" --format tbl --output-dir "${OUT}/a")
expect_refusal("dat to object storage" --format dat --output-dir s3://bucket/prefix)
expect_refusal("--encoding on a TPC-H column" --tables reason --encoding l_tax:dict-divisor=8 --output-dir "${OUT}/a")
if(EXISTS "${OUT}/a")
  message(FATAL_ERROR "a refused run created its output directory")
endif()

# An existing dataset in create mode: refused, nothing changed, not even other tables.
execute_process(COMMAND "${PROGRAM}" --tables reason,ship_mode --output-dir "${OUT}/d" --quiet RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "writing reason and ship_mode failed (${rc})")
endif()
snapshot("${OUT}/d" before)
expect_refusal("existing dataset in create mode" --tables income_band,ship_mode --output-dir "${OUT}/d")
snapshot("${OUT}/d" after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "a refused run changed the output directory")
endif()
if(EXISTS "${OUT}/d/income_band.lance")
  message(FATAL_ERROR "a refused run wrote income_band.lance")
endif()
file(REMOVE_RECURSE "${OUT}")
