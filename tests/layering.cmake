# The model layer (the protocol model, check(), the planner, the schedule) knows no file
# format: it reports problems by JSON pointer, and the I/O layer maps pointers to lines.
# Fails when one of its sources includes the JSON scanner, the protocol reader or nlohmann.
set(_model_sources model.cpp check.cpp check_timing.cpp phase_graph.cpp planner.cpp schedule.cpp calendar.cpp continuation.cpp)
set(_failed "")
foreach(name IN LISTS _model_sources)
  file(STRINGS "${SOURCE_DIR}/src/${name}" _includes REGEX "^#include")
  foreach(line IN LISTS _includes)
    if(line MATCHES "json_scan|protocol_json|nlohmann")
      string(APPEND _failed "\n  src/${name}: ${line}")
    endif()
  endforeach()
endforeach()
if(_failed)
  message(FATAL_ERROR "the model layer includes the JSON I/O layer:${_failed}")
endif()
