"""ttplan: plan treatment timelines for acute lymphoblastic leukemia protocols.

    import datetime, ttplan
    plan = ttplan.plan(start=datetime.date(2027, 1, 4), ph_positive=True, tki="dasatinib")
    for phase in plan.phases:
        print(phase.name, phase.first, phase.last)
    print(plan.render("ics", calendar_id="clinic-42"))

For planning and education only: ttplan computes no doses; check every date against the
treating team's protocol (ttplan.DISCLAIMER).
"""
from __future__ import annotations

import datetime as _dt
import pathlib as _pathlib
from collections.abc import Iterable, Mapping
from typing import Optional, Tuple, Union

from ._ttplan import (
    DISCLAIMER,
    SHIFT_RULES,
    WEEKDAYS,
    CatalogEntry,
    Decision,
    Error,
    Event,
    Format,
    InvalidValueError,
    IoError,
    Location,
    Parameter,
    ParameterError,
    ParseError,
    Phase,
    PhaseTotal,
    PlanningError,
    Problem,
    Protocol,
    ProtocolInfo,
    Schedule,
    Segment,
    Span,
    ValidationError,
    __version__,
    default_protocol_id,
    format_for_path,
    format_names,
    formats,
    load_builtin,
    load_protocol,
    parse_protocol,
    validate_protocol_file,
)
from ._frames import to_dataframe as _to_dataframe
from ._ttplan import as_date as _as_date
from ._ttplan import continue_schedule as _continue_schedule
from ._ttplan import make_schedule as _make_schedule
from ._ttplan import plan_branches as _plan_branches
from ._ttplan import parse_weekday as _parse_weekday
from ._ttplan import protocols as _protocols

__all__ = [
    "DISCLAIMER", "SHIFT_RULES", "WEEKDAYS", "Decision", "CatalogEntry", "Error", "Event", "Format", "InvalidValueError",
    "IoError", "Location", "Parameter", "ParameterError", "ParseError", "Phase", "PhaseTotal",
    "PlanningError", "Problem", "Protocol", "ProtocolInfo", "Schedule", "Segment", "Span",
    "ValidationError", "__version__", "SCHEMA_DIR", "schema_path",
    "default_protocol_id", "format_for_path", "format_names", "formats", "load_builtin", "load_protocol",
    "parse_protocol", "plan", "plan_branches", "protocols", "validate_protocol_file",
]

PhaseKey = Union[str, Tuple[str, int]]
# A day: datetime.date, datetime.datetime or pandas.Timestamp at midnight (an aware one gives
# its date on its own wall clock), numpy.datetime64, or "YYYY-MM-DD".
DateLike = Union[_dt.date, str, "numpy.datetime64"]


def protocols() -> list[CatalogEntry]:
    """The built-in catalog: entries with .id, .title and .summary."""
    return _protocols()


def _date(value: DateLike, what: str) -> _dt.date:
    # One rule for every date the package and the compiled module take (_ttplan.as_date).
    return _as_date(value, what)


def _text(name: str, value: object) -> str:
    # Canonical parameter text: booleans as true/false, integers in decimal.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    raise TypeError(f"parameter {name}: expected bool, int or str, not {type(value).__name__}")


def _phase_key(key: PhaseKey) -> Tuple[str, Optional[int]]:
    # "maintenance", "maintenance#3" or ("maintenance", 3)
    if isinstance(key, tuple):
        phase, cycle = key
        return str(phase), int(cycle)
    phase, sep, cycle = str(key).partition("#")
    if not sep:
        return phase, None
    if not cycle.isdigit() or int(cycle) < 1:
        raise InvalidValueError(f'"{key}": the cycle after # must be a number from 1')
    return phase, int(cycle)


def _weekday(day: Union[int, str]) -> int:
    # 0 = Sunday ... 6 = Saturday (checked by make_schedule), or a word of WEEKDAYS.
    if isinstance(day, int):
        return day
    return _parse_weekday(str(day))


def _protocol(protocol_or_id: Union[Protocol, str, None]) -> Protocol:
    if isinstance(protocol_or_id, Protocol):
        return protocol_or_id
    if protocol_or_id is None:
        return load_builtin(default_protocol_id())
    if isinstance(protocol_or_id, (str, bytes)) or hasattr(protocol_or_id, "__fspath__"):
        import os

        return load_protocol(os.fsdecode(protocol_or_id))
    raise TypeError(f"protocol_or_id: expected a Protocol, an id or a path, not {type(protocol_or_id).__name__}")


def _inputs(
    delays: Optional[Mapping[PhaseKey, int]],
    actuals: Optional[Mapping[PhaseKey, DateLike]],
    parameters: Optional[Mapping[str, Union[bool, int, str]]],
    closed: Iterable[Union[int, str]],
    holidays: Iterable[DateLike],
    shift: Optional[Mapping[str, str]],
    params: Mapping[str, Union[bool, int, str]],
) -> dict:
    # The keyword arguments make_schedule and continue_schedule share.
    values = {name: _text(name, v) for name, v in {**(parameters or {}), **params}.items()}
    known = []
    for key, when in (actuals or {}).items():
        phase, cycle = _phase_key(key)
        known.append((phase, cycle, _date(when, f"actuals[{key!r}]"), 0))
    for key, days in (delays or {}).items():
        phase, cycle = _phase_key(key)
        if isinstance(days, bool) or not isinstance(days, int):
            raise TypeError(f"delays[{key!r}]: expected a whole number of days")
        known.append((phase, cycle, None, days))
    return {
        "parameters": values,
        "actuals": known,
        "closed_weekdays": [_weekday(d) for d in closed],
        "holidays": [_date(d, "holidays") for d in holidays],
        "shift": dict(shift or {}),
    }


def plan(
    protocol_or_id: Union[Protocol, str, None] = None,
    start: Optional[DateLike] = None,
    *,
    delays: Optional[Mapping[PhaseKey, int]] = None,
    actuals: Optional[Mapping[PhaseKey, DateLike]] = None,
    parameters: Optional[Mapping[str, Union[bool, int, str]]] = None,
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[DateLike] = (),
    shift: Optional[Mapping[str, str]] = None,
    **params: Union[bool, int, str],
) -> Schedule:
    """Plans a protocol for one patient and returns the Schedule.

    protocol_or_id: a Protocol, a built-in id or a protocol file path (default: the default
        built-in protocol).
    start: the first day of treatment (default: today): a datetime.date, a datetime.datetime or
        pandas.Timestamp at midnight (an aware one counts on its own wall clock), a
        numpy.datetime64, or "YYYY-MM-DD". A time of day is an InvalidValueError.
    delays: phase -> days late; actuals: phase -> the date it actually started. Keys are a
        phase id ("consolidation"), "phase#cycle" or (phase, cycle). Later phases move with
        them; earlier ones stay.
    parameters / **params: protocol parameters, e.g. ph_positive=True, tki="dasatinib".
    closed: weekdays the clinic is closed (words of WEEKDAYS in any case, "sat" or "Saturday",
    or 0 = Sunday ... 6 = Saturday); holidays: dates it is closed; shift: category (or "all")
    -> a word of SHIFT_RULES: "next" | "previous" | "keep".

    Raises ParameterError for a name or value the protocol does not declare (listing what
    is allowed), PlanningError for an unknown phase, InvalidValueError for a bad date.
    """
    protocol = _protocol(protocol_or_id)
    first_day = _dt.date.today() if start is None else _date(start, "start")
    return _make_schedule(
        protocol, first_day, **_inputs(delays, actuals, parameters, closed, holidays, shift, params)
    )


def plan_branches(
    protocol_or_id: Union[Protocol, str, None] = None,
    start: Optional[DateLike] = None,
    *,
    decisions: Iterable[str] = (),
    delays: Optional[Mapping[PhaseKey, int]] = None,
    actuals: Optional[Mapping[PhaseKey, DateLike]] = None,
    parameters: Optional[Mapping[str, Union[bool, int, str]]] = None,
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[DateLike] = (),
    shift: Optional[Mapping[str, str]] = None,
    **params: Union[bool, int, str],
) -> list[Tuple[str, Schedule]]:
    """Every branch of the decisions taken during treatment, planned side by side.

    decisions: names of parameters the protocol decides during treatment; empty, every one the
    given values leave open. Returns (label, Schedule) per combination of their options, in
    option order, labelled "induction_response=mrd_positive". The other arguments are plan()'s.
    Raises ParameterError for a name that is not decided during treatment or already has a
    value, or when no decision is left open.

        for label, s in ttplan.plan_branches(start=datetime.date(2027, 1, 4)):
            print(label, s.end)
    """
    protocol = _protocol(protocol_or_id)
    first_day = _dt.date.today() if start is None else _date(start, "start")
    return _plan_branches(
        protocol, first_day, decisions=list(decisions),
        **_inputs(delays, actuals, parameters, closed, holidays, shift, params),
    )


def _continue_with(
    self: Schedule,
    protocol_or_id: Union[Protocol, str],
    *,
    on: Optional[DateLike] = None,
    after: Optional[str] = None,
    reason: str = "",
    delays: Optional[Mapping[PhaseKey, int]] = None,
    actuals: Optional[Mapping[PhaseKey, DateLike]] = None,
    parameters: Optional[Mapping[str, Union[bool, int, str]]] = None,
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[DateLike] = (),
    shift: Optional[Mapping[str, str]] = None,
    **params: Union[bool, int, str],
) -> Schedule:
    """This plan, continued with another protocol; returns a new Schedule (this one is unchanged).

    Where the next protocol starts: on=date (everything from that day on is dropped; a phase
    or span running across it ends the day before and is marked cut), after="phase" (the
    day after the last occurrence of that phase ends, same cut), or neither (the day after
    this plan ends). reason is recorded in the new segment ("relapse"); empty, ttplan
    describes the switch. The other arguments are those of plan(), for the next protocol.

        relapse = ttplan.plan(start=datetime.date(2027, 1, 4))
        relapse = relapse.continue_with("blinatumomab", on=datetime.date(2028, 5, 2), reason="relapse")
        relapse = relapse.continue_with("allo-hsct")

    Raises PlanningError for a date before the plan's start or an unknown phase (listing the
    phases the plan has), and what plan() raises.
    """
    if on is not None and after is not None:
        raise TypeError("continue_with: give on= or after=, not both")
    if after is not None:
        at, phase, when = "phase", str(after), None
    elif on is not None:
        at, phase, when = "date", "", _date(on, "on")
    else:
        at, phase, when = "end", "", None
    next_protocol = _protocol(protocol_or_id)
    return _continue_schedule(
        self, at, phase, when, reason, next_protocol,
        **_inputs(delays, actuals, parameters, closed, holidays, shift, params),
    )


_continue_with.__name__ = "continue_with"
_continue_with.__qualname__ = "Schedule.continue_with"
Schedule.continue_with = _continue_with  # type: ignore[attr-defined]

_to_dataframe.__qualname__ = "Schedule.to_dataframe"
Schedule.to_dataframe = _to_dataframe  # type: ignore[attr-defined]

# The JSON schemas of what ttplan reads and writes, shipped inside the package.
SCHEMA_DIR = _pathlib.Path(__file__).resolve().with_name("schema")


def schema_path(name: str) -> _pathlib.Path:
    """The JSON Schema file of one document kind: "protocol", "schedule", "record" or "changes".

        import json, jsonschema, ttplan
        schema = json.loads(ttplan.schema_path("schedule").read_text())
        jsonschema.validate(json.loads(plan.to_json()), schema)

    Raises ValueError for another name, listing the schemas installed in SCHEMA_DIR.
    """
    path = SCHEMA_DIR / f"{name}.schema.json"
    if "/" in name or "\\" in name or not path.is_file():
        known = sorted(p.name[: -len(".schema.json")] for p in SCHEMA_DIR.glob("*.schema.json"))
        raise ValueError(f'schema_path: no schema "{name}" in {SCHEMA_DIR}; known: {", ".join(known) or "none"}')
    return path
