# Runs bridge_stress, then lance-bridge-inspect --checksum on what it wrote, and
# checks that the rows and the content checksum the Rust side reads back are the
# ones the C++ side sent.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${STRESS}" --output "${OUT}" --rows "${ROWS}" ${STRESS_FLAGS}
                RESULT_VARIABLE rc OUTPUT_VARIABLE sent_out ERROR_VARIABLE sent_err)
message(STATUS "bridge_stress: ${sent_out}${sent_err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bridge_stress failed (${rc})")
endif()
string(REGEX MATCH "rows=[0-9]+ checksum=[0-9a-f]+" sent "${sent_out}")

execute_process(COMMAND "${INSPECT}" "${OUT}" --checksum
                RESULT_VARIABLE rc OUTPUT_VARIABLE read_out ERROR_VARIABLE read_err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lance-bridge-inspect failed (${rc}): ${read_err}")
endif()
string(REGEX MATCH "rows=[0-9]+ checksum=[0-9a-f]+" read "${read_out}")
message(STATUS "sent: ${sent}  read back: ${read}")
file(REMOVE_RECURSE "${OUT}")
if(NOT sent MATCHES "^rows=${ROWS} ")
  message(FATAL_ERROR "bridge_stress did not report ${ROWS} rows: '${sent}'")
endif()
if(NOT sent STREQUAL read)
  message(FATAL_ERROR "mismatch: sent '${sent}', read back '${read}'")
endif()
