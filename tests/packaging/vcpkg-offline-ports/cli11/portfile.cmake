# Offline stand-in for vcpkg's cli11 port (tests/packaging/vcpkg_port_check.sh):
# the CLI11 headers and CMake package of the system (Debian's libcli11-dev),
# copied as they are. Its CMake package finds the headers three folders up, so
# it keeps its share/cmake/CLI11 place.
set(VCPKG_BUILD_TYPE release)
if(NOT EXISTS /usr/include/CLI/CLI.hpp OR NOT EXISTS /usr/share/cmake/CLI11/CLI11Config.cmake)
  message(FATAL_ERROR "the stand-in cli11 port copies the system's CLI11: install libcli11-dev")
endif()
file(INSTALL /usr/include/CLI DESTINATION "${CURRENT_PACKAGES_DIR}/include")
file(INSTALL /usr/share/cmake/CLI11 DESTINATION "${CURRENT_PACKAGES_DIR}/share/cmake")
file(WRITE "${CURRENT_PACKAGES_DIR}/share/${PORT}/usage" "Offline stand-in: find_package(CLI11 CONFIG REQUIRED), CLI11::CLI11\n")
vcpkg_install_copyright(FILE_LIST /usr/share/doc/libcli11-dev/copyright)
