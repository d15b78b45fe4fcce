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
    Record,
    Revision,
    Schedule,
    Segment,
    Span,
    ValidationError,
    __version__,
    default_protocol_id,
    format_for_path,
    format_names,
    languages,
    formats,
    load_builtin,
    load_protocol,
    load_record,
    parse_protocol,
    parse_record,
    validate_protocol_file,
)
from ._ttplan import add_revision as _add_revision
from ._ttplan import create_record as _create_record
from ._ttplan import fact_kinds as _fact_kinds
from ._ttplan import plan_record as _plan_record
from ._ttplan import record_changes as _record_changes_text
from ._ttplan import render_record as _render_record
from ._ttplan import repin_record as _repin_record
from ._ttplan import write_text as _write_text
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
    "PlanningError", "Problem", "Protocol", "ProtocolInfo", "Record", "Revision", "Schedule", "Segment", "Span",
    "ValidationError", "__version__", "FACT_KINDS", "SCHEMA_DIR", "schema_path",
    "default_protocol_id", "format_for_path", "format_names", "formats", "languages", "load_builtin", "load_protocol",
    "load_record", "new_record", "parse_protocol", "parse_record", "plan", "plan_branches", "protocols",
    "validate_protocol_file",
]

#: The kinds of fact Record.add() and plan(facts=) take, as `ttplan record add` spells its options.
FACT_KINDS: Tuple[str, ...] = tuple(_fact_kinds())

PhaseKey = Union[str, Tuple[str, int]]
Facts = Union[Mapping[str, Union[str, Iterable[str]]], Iterable[Tuple[str, str]], None]
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
    facts: Facts = None,
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
    facts: what happened, in the text `ttplan record add --KIND TEXT` takes: a mapping kind ->
    text or texts ({"hold": "induction:22:Vincristine"}) or (kind, text) pairs; the kinds are
    FACT_KINDS but "decide" (a decision is a parameter here). A record (new_record()) keeps them.

    Raises ParameterError for a name or value the protocol does not declare (listing what
    is allowed), PlanningError for an unknown phase or a fact naming what the plan does not
    have, InvalidValueError for a bad date or a fact that does not read (location "facts[i]").
    """
    protocol = _protocol(protocol_or_id)
    first_day = _dt.date.today() if start is None else _date(start, "start")
    return _make_schedule(
        protocol, first_day, facts=_facts(facts, {}),
        **_inputs(delays, actuals, parameters, closed, holidays, shift, params),
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
    facts: Facts = None,
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
        protocol, first_day, decisions=list(decisions), facts=_facts(facts, {}),
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


# ---- treatment records -------------------------------------------------------------------


def _facts(facts: Facts, kinds: Mapping[str, Union[str, Iterable[str]]]) -> list[Tuple[str, str]]:
    # (kind, text) pairs from a mapping kind -> text or texts, pairs, and keywords; kinds may be
    # spelled with '_' for '-' (start_track).
    pairs: list[Tuple[str, str]] = []

    def add(kind: object, texts: object) -> None:
        if not isinstance(kind, str):
            raise TypeError(f"facts: a kind is a str such as 'hold', not {type(kind).__name__}")
        for text in [texts] if isinstance(texts, str) else texts:  # type: ignore[union-attr]
            if not isinstance(text, str):
                raise TypeError(f"facts[{kind!r}]: expected the fact's text, not {type(text).__name__}")
            pairs.append((kind.replace("_", "-"), text))

    if isinstance(facts, Mapping):
        for kind, texts in facts.items():
            add(kind, texts)
    elif facts is not None:
        for pair in facts:
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise TypeError("facts: expected a mapping kind -> text, or (kind, text) pairs")
            add(pair[0], pair[1])
    for kind, texts in kinds.items():
        add(kind, texts)
    return pairs


def _recorded_at(value: Union[int, _dt.datetime, None]) -> int:
    # Seconds since 1970 (UTC); default now.
    if value is None:
        return int(_dt.datetime.now(_dt.timezone.utc).timestamp())
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError("recorded_at: give a datetime with a time zone (datetime.timezone.utc), or seconds")
        return int(value.timestamp())
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"recorded_at: expected seconds since 1970 or a datetime, not {type(value).__name__}")
    return value


def _origin(protocol_or_id: Union[Protocol, str, None], protocol: Protocol) -> str:
    # Where a record's pinned protocol came from: "builtin:<id>" or the path given.
    import os

    if protocol_or_id is None:
        return "builtin:" + protocol.id
    if isinstance(protocol_or_id, Protocol):
        try:
            return "builtin:" + protocol.id if load_builtin(protocol.id) == protocol else "<python>"
        except Error:
            return "<python>"
    name = os.fsdecode(protocol_or_id)
    return "builtin:" + name if name in {e.id for e in _protocols()} else name


def new_record(
    protocol_or_id: Union[Protocol, str, None] = None,
    start: Union[_dt.date, str, None] = None,
    *,
    parameters: Optional[Mapping[str, Union[bool, int, str]]] = None,
    recorded_at: Union[int, _dt.datetime, None] = None,
    calendar_id: Optional[str] = None,
    **params: Union[bool, int, str],
) -> Record:
    """A new treatment record, revision 1, as `ttplan record new` makes it.

    protocol_or_id, start, parameters and **params as for plan(); the protocol is copied into
    the record (pinned). recorded_at: when, seconds since 1970 or an aware datetime (default
    now). calendar_id: 32 lowercase hex digits (default: random, as it should be).
    Raises ParameterError, PlanningError or InvalidValueError as plan() does.
    """
    protocol = _protocol(protocol_or_id)
    first_day = _dt.date.today() if start is None else _date(start, "start")
    values = {name: _text(name, v) for name, v in {**(parameters or {}), **params}.items()}
    return _create_record(
        protocol, _origin(protocol_or_id, protocol), first_day, values, _recorded_at(recorded_at), calendar_id
    )


def _record_add(
    self: Record,
    facts: Facts = None,
    /,
    *,
    by: str = "",
    recorded_at: Union[int, _dt.datetime, None] = None,
    **kinds: Union[str, Iterable[str]],
) -> int:
    """Records one new revision holding every fact given, and returns its number.

    Facts in the text `ttplan record add --KIND TEXT` takes (docs/records.md, "Facts as
    text"), as keywords (hold="induction:22:Vincristine", start_track="Imatinib=2027-03-01"),
    a mapping kind -> text or list of texts, or (kind, text) pairs. by: what decided the
    "decide" facts. All or nothing: on error the record is unchanged. Raises InvalidValueError
    for a text that does not read (location "facts[i]"), ParameterError or PlanningError for a
    fact the record refuses (location: its JSON pointer, "/history/2/facts/0").
    """
    pairs = _facts(facts, kinds)
    if not pairs:
        raise TypeError("add: give at least one fact")
    return _add_revision(self, pairs, by, _recorded_at(recorded_at))


def _record_repin(
    self: Record, protocol_or_id: Union[Protocol, str, None] = None, *, recorded_at: Union[int, _dt.datetime, None] = None
) -> int:
    """Pins the record to another edition of its protocol (default: the built-in it was made
    from, as it is now), as one new revision; returns its number."""
    if protocol_or_id is None:
        if not self.origin.startswith("builtin:"):
            raise TypeError(f"repin: the record was made from {self.origin!r}; give the new edition")
        protocol_or_id = self.origin[len("builtin:"):]
    protocol = _protocol(protocol_or_id)
    return _repin_record(self, protocol, _origin(protocol_or_id, protocol), _recorded_at(recorded_at))


def _record_plan(
    self: Record,
    revision: Optional[int] = None,
    *,
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[Union[_dt.date, str]] = (),
    shift: Optional[Mapping[str, str]] = None,
) -> Schedule:
    """The record's plan, or the plan as it stood after `revision`. closed, holidays and
    shift: the clinic calendar, as for plan()."""
    return _plan_record(
        self, 0 if revision is None else revision, [_weekday(d) for d in closed],
        [_date(d, "holidays") for d in holidays], dict(shift or {}),
    )


def _record_render(
    self: Record,
    format: str = "text",
    *,
    calendar_name: str = "",
    timestamp: Optional[int] = None,
    csv_rows: str = "events",
    time_zone: str = "",
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[Union[_dt.date, str]] = (),
    shift: Optional[Mapping[str, str]] = None,
    remind: Union[str, _dt.timedelta, Iterable[Union[str, _dt.timedelta]], None] = None,
    today: Optional[DateLike] = None,
    language: str = "",
) -> str:
    """The record's plan in a format, as `ttplan plan FILE` writes it: the record's calendar id,
    SEQUENCE its last revision, DTSTAMP `timestamp` or the time of the last revision, and
    (iCalendar) what earlier revisions had and the last has not, as cancelled events. remind:
    alarms before each treatment day, today: the reader's day, and language: the language of
    the human formats, as for Schedule.render()."""
    return _render_record(
        self, format, calendar_name, timestamp, csv_rows, time_zone, [_weekday(d) for d in closed],
        [_date(d, "holidays") for d in holidays], dict(shift or {}), remind, today, language,
    )


def _record_write(self: Record, path: str, format: Optional[str] = None, **options: object) -> None:
    """Writes render(format, ...) to path atomically; format None: the one the path's suffix
    names (InvalidValueError when none does)."""
    import os

    target = os.fsdecode(path)
    if format is None:
        named = format_for_path(target)
        if named is None:
            raise InvalidValueError(f'"{target}": no format has its suffix; name the format')
        format = named.name
    _write_text(target, _record_render(self, format, **options))  # type: ignore[arg-type]


def _record_changes(
    self: Record,
    since: Optional[int] = None,
    *,
    format: str = "text",
    closed: Iterable[Union[int, str]] = (),
    holidays: Iterable[Union[_dt.date, str]] = (),
    shift: Optional[Mapping[str, str]] = None,
) -> str:
    """What the last revision's plan changed since revision `since` (default: the one before
    the last), as `ttplan changes` lists it: "text" or "json" (ttplan-changes/1)."""
    return _record_changes_text(
        self, since, format, [_weekday(d) for d in closed], [_date(d, "holidays") for d in holidays],
        dict(shift or {}),
    )


for _name, _fn in [
    ("add", _record_add), ("repin", _record_repin), ("plan", _record_plan), ("render", _record_render),
    ("write", _record_write), ("changes", _record_changes),
]:
    _fn.__name__ = _name
    _fn.__qualname__ = "Record." + _name
    setattr(Record, _name, _fn)
del _name, _fn
