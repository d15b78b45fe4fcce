"""Schedule.to_dataframe(): a plan's events, phases, spans or decisions as a pandas DataFrame.

pandas is imported when a table is asked for, so the package works without it. Dates are
datetime64[ns] columns (NaT where a date does not apply), numbers that may be missing use
pandas' nullable Int64, and lists of names are comma-separated text, as in the C API. Column
names are the attribute names of Event, Phase, Span and Decision, with the C API's names for
the (earliest, latest) pairs.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, List, Optional, Tuple

# (column, dtype, value of one item). Dtypes: "date" (datetime64[ns]), "Int64" (nullable),
# "int64", "bool", "str", "object", "timedelta" (timedelta64[ns]).
Column = Tuple[str, str, Callable[[Any], Any]]


def _first(pair: Optional[Tuple[_dt.date, _dt.date]]) -> Optional[_dt.date]:
    return pair[0] if pair else None


def _second(pair: Optional[Tuple[_dt.date, _dt.date]]) -> Optional[_dt.date]:
    return pair[1] if pair else None


def _names(names: List[str]) -> str:
    return ",".join(names)


def _times(times: List[_dt.time]) -> str:
    return ",".join(t.strftime("%H:%M") for t in times)


_EVENTS: List[Column] = [
    ("date", "date", lambda e: e.date),
    ("phase", "str", lambda e: e.phase),
    ("cycle", "Int64", lambda e: e.cycle),
    ("day", "int64", lambda e: e.day),
    ("activity", "str", lambda e: e.activity),
    ("category", "str", lambda e: e.category),
    ("tentative", "bool", lambda e: e.tentative),
    ("planned_date", "date", lambda e: e.planned_date),
    ("window_earliest", "date", lambda e: _first(e.window)),
    ("window_latest", "date", lambda e: _second(e.window)),
    ("earliest_date", "date", lambda e: _first(e.possible_date)),
    ("latest_date", "date", lambda e: _second(e.possible_date)),
    ("per_day", "Int64", lambda e: e.per_day),
    ("every_hours", "Int64", lambda e: e.every_hours),
    ("times", "str", lambda e: _times(e.times)),
    ("duration", "timedelta", lambda e: e.duration),
    ("pending", "str", lambda e: _names(e.pending)),
    ("note", "str", lambda e: e.note),
    ("segment", "int64", lambda e: e.segment),
]

_PHASES: List[Column] = [
    ("phase", "str", lambda p: p.phase),
    ("name", "str", lambda p: p.name),
    ("kind", "str", lambda p: p.kind),
    ("cycle", "Int64", lambda p: p.cycle),
    ("variant", "str", lambda p: p.variant),
    ("first", "date", lambda p: p.first),
    ("last", "date", lambda p: p.last),
    ("days", "int64", lambda p: p.days),
    ("first_day", "int64", lambda p: p.first_day),
    ("tentative", "bool", lambda p: p.tentative),
    ("ending", "str", lambda p: p.ending),
    ("start_earliest", "date", lambda p: _first(p.start_window)),
    ("start_latest", "date", lambda p: _second(p.start_window)),
    ("earliest_start", "date", lambda p: _first(p.possible_start)),
    ("latest_start", "date", lambda p: _second(p.possible_start)),
    ("earliest_end", "date", lambda p: _first(p.possible_end)),
    ("latest_end", "date", lambda p: _second(p.possible_end)),
    ("pending", "str", lambda p: _names(p.pending)),
    ("segment", "int64", lambda p: p.segment),
]

_SPANS: List[Column] = [
    ("activity", "str", lambda s: s.activity),
    ("category", "str", lambda s: s.category),
    ("phase", "str", lambda s: s.phase),
    ("cycle", "Int64", lambda s: s.cycle),
    ("first", "date", lambda s: s.first),
    ("last", "date", lambda s: s.last),
    ("days", "int64", lambda s: s.days),
    ("first_day", "int64", lambda s: s.first_day),
    ("last_day", "int64", lambda s: s.last_day),
    ("tentative", "bool", lambda s: s.tentative),
    ("ending", "str", lambda s: s.ending),
    ("earliest_start", "date", lambda s: _first(s.possible_start)),
    ("latest_start", "date", lambda s: _second(s.possible_start)),
    ("earliest_end", "date", lambda s: _first(s.possible_end)),
    ("latest_end", "date", lambda s: _second(s.possible_end)),
    ("per_day", "Int64", lambda s: s.per_day),
    ("every_hours", "Int64", lambda s: s.every_hours),
    ("times", "str", lambda s: _times(s.times)),
    ("duration", "timedelta", lambda s: s.duration),
    ("pending", "str", lambda s: _names(s.pending)),
    ("note", "str", lambda s: s.note),
    ("segment", "int64", lambda s: s.segment),
]

_DECISIONS: List[Column] = [
    ("parameter", "str", lambda d: d.parameter),
    ("date", "date", lambda d: d.date),
    ("phase", "str", lambda d: d.phase),
    ("day", "int64", lambda d: d.day),
    ("cycle", "Int64", lambda d: d.cycle),
    ("decided_by", "str", lambda d: d.decided_by),
    ("options", "str", lambda d: _names(d.options)),
    ("value", "object", lambda d: d.value),
    ("assumed", "str", lambda d: d.assumed),
    ("pending", "bool", lambda d: d.pending),
    ("tentative", "bool", lambda d: d.tentative),
    ("earliest_date", "date", lambda d: _first(d.possible_date)),
    ("latest_date", "date", lambda d: _second(d.possible_date)),
    ("segment", "int64", lambda d: d.segment),
]

# Table name -> its columns; the name is also the Schedule attribute that lists the items.
TABLES: Dict[str, List[Column]] = {
    "events": _EVENTS,
    "phases": _PHASES,
    "spans": _SPANS,
    "decisions": _DECISIONS,
}


def _series(pd: Any, np: Any, dtype: str, values: List[Any]) -> Any:
    if dtype == "date":
        # Through numpy days, so every pandas version gets the same datetime64[ns] column.
        days = np.array([np.datetime64(v, "D") if v is not None else np.datetime64("NaT") for v in values],
                        dtype="datetime64[D]")
        return pd.Series(days.astype("datetime64[ns]"))
    if dtype == "timedelta":
        return pd.Series(pd.to_timedelta(values), dtype="timedelta64[ns]")
    if dtype == "str":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=dtype)


def to_dataframe(schedule: Any, table: str = "events") -> Any:
    """One table of `schedule` as a pandas DataFrame, one row per item in the plan's order.

    table: "events" (default), "phases", "spans" or "decisions". Every table ends with
    "protocol" (the id of the protocol the item belongs to) after "segment" (an index into
    Schedule.segments). Raises ValueError for another table name, ImportError without pandas.
    """
    if table not in TABLES:
        raise ValueError(f'to_dataframe: unknown table "{table}"; allowed: {", ".join(TABLES)}')
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "Schedule.to_dataframe needs pandas (Debian: python3-pandas; pip: ttplan[pandas])"
        ) from e
    columns = TABLES[table]
    items = getattr(schedule, table)
    protocols = [segment.protocol.id for segment in schedule.segments]
    data = {name: _series(pd, np, dtype, [value(item) for item in items]) for name, dtype, value in columns}
    data["protocol"] = pd.Series([protocols[item.segment] for item in items], dtype=object)
    return pd.DataFrame(data)
