# Install and export rules, as fmt and spdlog do: headers, the library (static or shared,
# chosen by BUILD_SHARED_LIBS), the CLI, the C API, CMake package files and a pkg-config file.
# A build-tree export lets a consumer use a build directory without installing it.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TTPLAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ttplan"
    CACHE STRING "Where the CMake package files go, relative to the prefix")
set(TTPLAN_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where ttplan.pc and ttplan-c.pc go, relative to the prefix")
set(TTPLAN_INSTALL_SCHEMADIR "${CMAKE_INSTALL_DATADIR}/ttplan/schema"
    CACHE STRING "Where the JSON Schemas (schema/*.json) go, relative to the prefix")

set(_ttplan_export_targets ttplan)
if(TARGET ttplan_c)
  list(APPEND _ttplan_export_targets ttplan_c)
endif()

install(TARGETS ${_ttplan_export_targets}
  EXPORT ttplanTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT devel
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime
          NAMELINK_COMPONENT devel
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/ttplan"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT devel)
if(TARGET ttplan_c)
  install(FILES "${PROJECT_SOURCE_DIR}/bindings/c/include/ttplan.h"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT devel)
endif()
if(TARGET ttplan_cli)
  # An installed shared build finds its library from any prefix (/opt/ttplan/bin -> ../lib).
  if(BUILD_SHARED_LIBS)
    set_target_properties(ttplan_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  endif()
  install(TARGETS ttplan_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
  # Where bash-completion looks for a command's completion, loaded when it is first completed.
  install(FILES "${PROJECT_SOURCE_DIR}/share/bash-completion/completions/ttplan"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" COMPONENT runtime)
  if(TTPLAN_MAN_PAGE)
    install(FILES "${TTPLAN_MAN_PAGE}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT runtime)
  endif()
endif()

# The JSON Schemas of the documents ttplan writes and reads, so that a consumer can validate
# them; the package config file names the directory (ttplan_SCHEMA_DIR).
file(GLOB _ttplan_schemas CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schema/*.json")
install(FILES ${_ttplan_schemas} DESTINATION "${TTPLAN_INSTALL_SCHEMADIR}" COMPONENT devel)

install(EXPORT ttplanTargets
  NAMESPACE ttplan::
  FILE ttplanTargets.cmake
  DESTINATION "${TTPLAN_INSTALL_CMAKEDIR}" COMPONENT devel)

# Two package config files: the installed one finds the schemas in the prefix, the build
# tree's (ttplan_DIR=<build dir>) in the sources.
set(TTPLAN_SCHEMA_DIR "${TTPLAN_INSTALL_SCHEMADIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/ttplanConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/install/ttplanConfig.cmake"
  INSTALL_DESTINATION "${TTPLAN_INSTALL_CMAKEDIR}"
  PATH_VARS TTPLAN_SCHEMA_DIR)
set(TTPLAN_SCHEMA_DIR "${PROJECT_SOURCE_DIR}/schema")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/ttplanConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/ttplanConfig.cmake"
  INSTALL_DESTINATION "${PROJECT_BINARY_DIR}" INSTALL_PREFIX "${PROJECT_BINARY_DIR}"
  PATH_VARS TTPLAN_SCHEMA_DIR)
# 0.x releases may break the API between minor versions; SameMajorVersion still says what
# the version promises once 1.0 is out.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/ttplanConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/install/ttplanConfig.cmake" "${PROJECT_BINARY_DIR}/ttplanConfigVersion.cmake"
  DESTINATION "${TTPLAN_INSTALL_CMAKEDIR}" COMPONENT devel)

# The build tree as a package: ttplan_DIR=<build dir> works without installing.
export(EXPORT ttplanTargets NAMESPACE ttplan:: FILE "${PROJECT_BINARY_DIR}/ttplanTargets.cmake")

# pkg-config: the prefix is found relative to the .pc file, so an install with
# `cmake --install --prefix DIR` (or a moved tree) stays right.
# Debian's date and Boost ship no .pc files (date lives in /usr/include), and
# Boost.Graph and nlohmann-json are header-only and private, so only fmt is required.
if(IS_ABSOLUTE "${TTPLAN_INSTALL_PKGCONFIGDIR}")
  set(_ttplan_pc_prefix "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _ttplan_pc_up "/prefix/${TTPLAN_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" _ttplan_pc_up "${_ttplan_pc_up}")
  set(_ttplan_pc_prefix "\${pcfiledir}/${_ttplan_pc_up}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(_ttplan_pc_libdir "${CMAKE_INSTALL_LIBDIR}")
else()
  set(_ttplan_pc_libdir "\${exec_prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(_ttplan_pc_includedir "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(_ttplan_pc_includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# librsvg and cairo (PNG, PDF) are private: a static library's users link them too, so there
# they are required; a shared library records them itself.
get_target_property(_ttplan_type ttplan TYPE)
if(_ttplan_type STREQUAL "STATIC_LIBRARY")
  set(_ttplan_pc_requires "Requires: fmt librsvg-2.0 cairo")
else()
  set(_ttplan_pc_requires "Requires: fmt\nRequires.private: librsvg-2.0 cairo")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/ttplan.pc.in" "${PROJECT_BINARY_DIR}/ttplan.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ttplan.pc"
  DESTINATION "${TTPLAN_INSTALL_PKGCONFIGDIR}" COMPONENT devel)

# ttplan-c.pc, for C programs: they link with the C compiler driver, so the module names the
# C++ runtime (cmake/TtplanCxxRuntime.cmake) along with libttplan and its libraries. pkg-config
# reads Libs.private and Requires.private only with --static, which a C build does not pass: a
# static libttplan_c.a lists what it needs in Libs; a shared one needs only itself (it records
# the rest), and the rest is private.
if(TARGET ttplan_c)
  include(TtplanCxxRuntime)
  ttplan_cxx_runtime_flags(_ttplan_cxx_runtime_flags)
  set(_ttplan_c_pc_needs "-lttplan -ldate-tz -lboost_locale ${_ttplan_cxx_runtime_flags}")
  get_target_property(_ttplan_c_type ttplan_c TYPE)
  if(_ttplan_c_type STREQUAL "STATIC_LIBRARY")
    set(_ttplan_c_pc_link "Requires: fmt librsvg-2.0 cairo\nLibs: -L\${libdir} -lttplan_c ${_ttplan_c_pc_needs}")
  else()
    set(_ttplan_c_pc_link
        "Requires.private: fmt librsvg-2.0 cairo\nLibs: -L\${libdir} -lttplan_c\nLibs.private: ${_ttplan_c_pc_needs}")
  endif()
  configure_file("${CMAKE_CURRENT_LIST_DIR}/ttplan-c.pc.in" "${PROJECT_BINARY_DIR}/ttplan-c.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/ttplan-c.pc"
    DESTINATION "${TTPLAN_INSTALL_PKGCONFIGDIR}" COMPONENT devel)
endif()
