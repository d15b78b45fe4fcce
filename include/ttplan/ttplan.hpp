// ttplan: plans treatment timelines from protocol phase graphs. Umbrella header.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/model.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/schedule.hpp>
#include <ttplan/version.hpp>
