# The flags of a TTPLAN_FUZZ build: clang with libFuzzer's coverage instrumentation on every
# target, AddressSanitizer and UndefinedBehaviorSanitizer (any report ends the run), and
# libstdc++'s bounds checks. The fuzz targets themselves link libFuzzer (-fsanitize=fuzzer).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "TTPLAN_FUZZ needs clang and libFuzzer (Debian: clang and libclang-rt-dev): "
                      "configure with the fuzz preset, or with -DCMAKE_CXX_COMPILER=clang++ "
                      "-DCMAKE_C_COMPILER=clang")
endif()

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer,address,undefined")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
]] TTPLAN_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(NOT TTPLAN_HAVE_LIBFUZZER)
  message(FATAL_ERROR "TTPLAN_FUZZ: ${CMAKE_CXX_COMPILER} cannot link libFuzzer "
                      "(-fsanitize=fuzzer); on Debian install libclang-rt-dev")
endif()

set(_ttplan_fuzz_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                       -fno-omit-frame-pointer)
add_compile_options(${_ttplan_fuzz_flags})
add_compile_definitions(_GLIBCXX_ASSERTIONS)
add_link_options(-fsanitize=address,undefined)
