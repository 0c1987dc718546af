# Run by cpack after it made the packages (CPACK_POST_BUILD_SCRIPTS): corrects the
# .deb's Installed-Size. CPack (3.25 at least) counts each symlink as a copy of
# the file it points to, so liblance_bridge.so and .so.0 made apt announce three
# times the library's size. The figure becomes what dpkg-gencontrol computes: the
# sum of the files' sizes in KiB, each rounded up, symlinks and folders 1 KiB.
# Only the control member is rewritten; the data member is not compressed again.
foreach(package IN LISTS CPACK_PACKAGE_FILES)
  if(NOT package MATCHES "\\.deb$")
    continue()
  endif()
  get_filename_component(work "${package}.control" ABSOLUTE)
  file(REMOVE_RECURSE "${work}")
  file(MAKE_DIRECTORY "${work}/control")
  execute_process(COMMAND dpkg-deb --contents "${package}" OUTPUT_VARIABLE listing COMMAND_ERROR_IS_FATAL ANY)
  string(REPLACE "\n" ";" entries "${listing}")
  set(kib 0)
  foreach(entry IN LISTS entries)
    if(entry MATCHES "^-[^ ]+ +[^ ]+ +([0-9]+) ")
      math(EXPR kib "${kib} + (${CMAKE_MATCH_1} + 1023) / 1024")
    elseif(NOT entry STREQUAL "")
      math(EXPR kib "${kib} + 1")
    endif()
  endforeach()
  execute_process(COMMAND ar x "${package}" control.tar.gz WORKING_DIRECTORY "${work}" COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND tar -xpzf control.tar.gz -C control WORKING_DIRECTORY "${work}" COMMAND_ERROR_IS_FATAL ANY)
  file(READ "${work}/control/control" control)
  string(REGEX REPLACE "\nInstalled-Size: [0-9]+\n" "\nInstalled-Size: ${kib}\n" control "${control}")
  if(NOT control MATCHES "\nInstalled-Size: ${kib}\n")
    message(FATAL_ERROR "${package}: no Installed-Size field to correct in its control file")
  endif()
  file(WRITE "${work}/control/control" "${control}")
  execute_process(COMMAND tar --owner=0 --group=0 --numeric-owner -czf control.tar.gz -C control .
                  WORKING_DIRECTORY "${work}" COMMAND_ERROR_IS_FATAL ANY)
  # `ar r` replaces the member where it stands: dpkg needs debian-binary,
  # control.tar.*, data.tar.* in that order. (GNU ar writes the names with a
  # trailing '/', which deb(5) allows.)
  execute_process(COMMAND ar r "${package}" control.tar.gz WORKING_DIRECTORY "${work}" COMMAND_ERROR_IS_FATAL ANY)
  file(REMOVE_RECURSE "${work}")
  message(STATUS "lance-bridge: ${package}: Installed-Size ${kib} KiB")
endforeach()
