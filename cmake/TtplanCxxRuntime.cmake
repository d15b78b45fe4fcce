# The C++ runtime a C program has to name when it links ttplan's C++ code statically: the
# libraries the C++ compiler driver links by itself and the C driver does not (libstdc++ and
# libm with GCC; libc++ and libc++abi with clang's -stdlib=libc++), as CMake found them when it
# enabled both languages. CMake adds them on its own only when the consumer enabled C++ too.
function(ttplan_cxx_runtime_libraries out_var)
  if(NOT CMAKE_C_COMPILER_LOADED OR NOT CMAKE_CXX_COMPILER_LOADED)
    message(FATAL_ERROR "ttplan_cxx_runtime_libraries needs C and C++ enabled")
  endif()
  set(_libs ${CMAKE_CXX_IMPLICIT_LINK_LIBRARIES})
  list(REMOVE_ITEM _libs ${CMAKE_C_IMPLICIT_LINK_LIBRARIES})
  list(REMOVE_DUPLICATES _libs)
  set(${out_var} ${_libs} PARENT_SCOPE)
endfunction()

# The same as linker flags for a pkg-config file: -lNAME, or a full path as it is.
function(ttplan_cxx_runtime_flags out_var)
  ttplan_cxx_runtime_libraries(_libs)
  set(_flags "")
  foreach(_lib IN LISTS _libs)
    if(IS_ABSOLUTE "${_lib}" OR _lib MATCHES "^-")
      list(APPEND _flags "${_lib}")
    else()
      list(APPEND _flags "-l${_lib}")
    endif()
  endforeach()
  list(JOIN _flags " " _flags)
  set(${out_var} "${_flags}" PARENT_SCOPE)
endfunction()
