// ttplan: plans treatment timelines from protocol phase graphs. Umbrella header.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/changes.hpp>
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/compare.hpp>
#include <ttplan/continuation.hpp>
#include <ttplan/csv.hpp>
#include <ttplan/describe.hpp>
#include <ttplan/error.hpp>
#include <ttplan/fact_text.hpp>
#include <ttplan/facts.hpp>
#include <ttplan/fhir.hpp>
#include <ttplan/format.hpp>
#include <ttplan/graph.hpp>
#include <ttplan/html.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/model.hpp>
#include <ttplan/month_calendar.hpp>
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/record.hpp>
#include <ttplan/schedule.hpp>
#include <ttplan/text.hpp>
#include <ttplan/version.hpp>
