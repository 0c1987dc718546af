# cmake --install: the headers, liblance_bridge, the programs, a CMake package
# (find_package(lance_bridge CONFIG) gives lance_bridge::lance_bridge) and a
# pkg-config file (lance_bridge.pc).
include(CMakePackageConfigHelpers)

set(LANCE_BRIDGE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/lance_bridge" CACHE STRING
    "where the CMake package files go, relative to the prefix")

# Installed programs find the library beside them, wherever the prefix moves.
set_target_properties(tpch-lance tpcds-lance lance-bridge-inspect PROPERTIES
  INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")

install(TARGETS lance_bridge_cpp EXPORT lance_bridge_targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tpch-lance tpcds-lance lance-bridge-inspect lance-bridge RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/cpp/include/lance_bridge
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h"
  PATTERN "detail" EXCLUDE)  # the bridge's, not API

# The project's license, and the license texts of the Rust crates compiled into
# the library, which whoever ships the binary must pass on (written once the
# crates are downloaded, again when Cargo.lock changes).
set(LANCE_BRIDGE_THIRD_PARTY_LICENSES ${PROJECT_BINARY_DIR}/THIRD-PARTY-LICENSES.txt)
add_custom_command(OUTPUT ${LANCE_BRIDGE_THIRD_PARTY_LICENSES}
  COMMAND ${CMAKE_COMMAND} -DCARGO=${LANCE_BRIDGE_CARGO} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${LANCE_BRIDGE_THIRD_PARTY_LICENSES} -P ${CMAKE_CURRENT_LIST_DIR}/ThirdPartyLicenses.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/Cargo.lock ${CMAKE_CURRENT_LIST_DIR}/ThirdPartyLicenses.cmake
  COMMENT "THIRD-PARTY-LICENSES.txt: the licenses of the crates in liblance_bridge")
add_custom_target(lance_bridge_third_party_licenses ALL DEPENDS ${LANCE_BRIDGE_THIRD_PARTY_LICENSES})
add_dependencies(lance_bridge_third_party_licenses lance_bridge_cpp)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${LANCE_BRIDGE_THIRD_PARTY_LICENSES}
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/lance-bridge)

install(EXPORT lance_bridge_targets NAMESPACE lance_bridge::
  FILE lance_bridgeTargets.cmake DESTINATION ${LANCE_BRIDGE_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/lance_bridgeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/lance_bridgeConfig.cmake
  INSTALL_DESTINATION ${LANCE_BRIDGE_INSTALL_CMAKEDIR})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lance_bridgeConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lance_bridgeConfig.cmake ${PROJECT_BINARY_DIR}/lance_bridgeConfigVersion.cmake
  DESTINATION ${LANCE_BRIDGE_INSTALL_CMAKEDIR})

# The .pc file finds the prefix from where it lies, so `cmake --install --prefix`
# (or moving the installed tree) keeps it right.
file(RELATIVE_PATH LANCE_BRIDGE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${CMAKE_CURRENT_LIST_DIR}/lance_bridge.pc.in ${PROJECT_BINARY_DIR}/lance_bridge.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/lance_bridge.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# What a user installs carries no debug information, whatever the Rust
# toolchain's own libraries brought into the archive (symbols stay, for
# backtraces and profilers). Debug builds keep theirs.
if(CMAKE_STRIP AND NOT CMAKE_BUILD_TYPE MATCHES "^(Debug|RelWithDebInfo)$")
  install(CODE "
    foreach(file \"${CMAKE_INSTALL_LIBDIR}/$<TARGET_FILE_NAME:lance_bridge_cpp>\"
                 \"${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:tpch-lance>\"
                 \"${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:tpcds-lance>\"
                 \"${CMAKE_INSTALL_BINDIR}/$<TARGET_FILE_NAME:lance-bridge-inspect>\")
      execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/\${file}\"
                      RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR \"strip --strip-debug failed on \${file}\")
      endif()
    endforeach()")
endif()
