# gateway/app/packaging.cmake: how PaviKit is installed on a server. `cmake --install` lays out pavi-gateway and
# pavi, a systemd unit (with the installation's paths filled in), a sample configuration (kept if one is already
# there) and the production guide; CPack turns the same rules into one Debian 12 package, "pavikit", whose
# maintainer scripts (gateway/app/debian/) create the pavi-gateway user and its folders. Included at the end of
# the top-level CMakeLists.txt, after every target exists.
if(NOT TARGET pavi-gateway)
  return()
endif()
include(GNUInstallDirs)

# Everything the package holds is in the "server" component: the Python module and anything else installed by
# other folders stays out of the .deb (their own install rules still work with a plain `cmake --install`).
set(pavikit_package_component server)
set(pavikit_package_dir ${CMAKE_BINARY_DIR}/packaging)

install(TARGETS pavi-gateway RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${pavikit_package_component})
if(TARGET pavi)
  install(TARGETS pavi RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${pavikit_package_component})
endif()
install(FILES ${PROJECT_SOURCE_DIR}/docs/PRODUCTION.md ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/pavikit COMPONENT ${pavikit_package_component})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/pavi-gateway.sample.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/pavikit/examples COMPONENT ${pavikit_package_component})

file(WRITE ${pavikit_package_dir}/ipblacklist.txt
     "# Addresses refused at once, one per line (read again at each connection; checked before the whitelist).\n")
file(WRITE ${pavikit_package_dir}/ipwhitelist.txt
     "# Addresses admitted without an AbuseIPDB lookup, one per line (read again at each connection).\n")

# The unit and the configuration depend on where the files land, known only when installing (CPack installs
# with prefix /usr into its staging DESTDIR): prefix /usr puts the configuration in /etc/pavi-gateway, any other
# prefix in <prefix>/etc/pavi-gateway. An existing configuration is never overwritten.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(PAVI_CONFIG_DIR /etc/pavi-gateway)
  else()
    set(PAVI_CONFIG_DIR \"\${CMAKE_INSTALL_PREFIX}/etc/pavi-gateway\")
  endif()
  set(PAVI_GATEWAY_BIN \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/pavi-gateway\")
  set(PAVI_DOC_DIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/doc/pavikit\")
  configure_file(\"${CMAKE_CURRENT_LIST_DIR}/pavi-gateway.service.in\"
                 \"${pavikit_package_dir}/pavi-gateway.service\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\" TYPE FILE
       FILES \"${pavikit_package_dir}/pavi-gateway.service\")
  foreach(pair \"pavi-gateway.xml=${CMAKE_CURRENT_LIST_DIR}/pavi-gateway.sample.xml\"
               \"ipblacklist.txt=${pavikit_package_dir}/ipblacklist.txt\"
               \"ipwhitelist.txt=${pavikit_package_dir}/ipwhitelist.txt\")
    string(REPLACE \"=\" \";\" pair \"\${pair}\")
    list(GET pair 0 name)
    list(GET pair 1 source)
    if(EXISTS \"\$ENV{DESTDIR}\${PAVI_CONFIG_DIR}/\${name}\")
      message(STATUS \"Kept: \$ENV{DESTDIR}\${PAVI_CONFIG_DIR}/\${name}\")
    else()
      file(INSTALL DESTINATION \"\${PAVI_CONFIG_DIR}\" TYPE FILE RENAME \"\${name}\" FILES \"\${source}\"
           PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
    endif()
  endforeach()
" COMPONENT ${pavikit_package_component})

# --- CPack: one .deb for Debian 12 (bookworm).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pavikit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "PaviKit")
set(CPACK_PACKAGE_CONTACT "PaviKit maintainers <pavikit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "MiniPavi-compatible Minitel gateway and its test toolkit")
set(CPACK_PACKAGE_DESCRIPTION "pavi-gateway connects Minitel terminals and emulators (WebSocket, TLS WebSocket, \
telnet) to MiniPavi services over HTTP, as a systemd service running as its own user. pavi is the command-line \
toolkit (simulated Minitel, conformance checks, load tests, page tools).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The absolute /etc paths and the install-time unit need the real prefix at install time, under DESTDIR
# (with CPACK_SET_DESTDIR the install rules see CPACK_INSTALL_PREFIX).
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)  # the debug information stays in the build tree
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${pavikit_package_component})
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Shared libraries: dpkg-shlibdeps computes the versioned list from what the binaries really link (libc6,
# libstdc++6, libgcc-s1, libssl3, libcurl4, libpugixml1v5, libpng16-16, libspandsp2, libsndfile1). Without it
# (no dpkg-dev or file), the same list is declared unversioned. passwd: useradd in postinst; ca-certificates:
# HTTPS services and AbuseIPDB are verified against the system's CAs.
find_program(PAVIKIT_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(PAVIKIT_FILE_PROGRAM file)
set(pavikit_package_depends "passwd, ca-certificates")
if(PAVIKIT_DPKG_SHLIBDEPS AND PAVIKIT_FILE_PROGRAM)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(APPEND pavikit_package_depends ", libc6, libstdc++6, libgcc-s1, libssl3, libcurl4, libpugixml1v5, "
                "libpng16-16, libspandsp2, libsndfile1")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${pavikit_package_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd")
file(WRITE ${pavikit_package_dir}/conffiles
     "/etc/pavi-gateway/pavi-gateway.xml\n/etc/pavi-gateway/ipblacklist.txt\n/etc/pavi-gateway/ipwhitelist.txt\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm ${pavikit_package_dir}/conffiles)
include(CPack)
