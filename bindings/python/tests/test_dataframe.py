"""Schedule.to_dataframe(): events, phases, spans and decisions as pandas DataFrames with
datetime64 date columns, checked against the JSON schedule document of the same plan."""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import ttplan
from conftest import START

DATE = "datetime64[ns]"


@pytest.fixture(scope="module")
def plan():
    return ttplan.plan(start=START, ph_positive=True, closed=["sat", "sun"], shift={"all": "next"})


def json_rows(plan, key):
    return json.loads(plan.to_json())[key]


def day(text):
    return pd.Timestamp(text) if text else pd.NaT


def test_events_match_the_json_schedule(plan):
    df = plan.to_dataframe()
    rows = json_rows(plan, "events")
    assert len(df) == len(rows) == len(plan.events) > 100
    assert str(df["date"].dtype) == DATE and str(df["planned_date"].dtype) == DATE
    assert str(df["cycle"].dtype) == "Int64" and str(df["day"].dtype) == "int64"
    assert df["date"].tolist() == [day(r["date"]) for r in rows]
    for column in ("phase", "day", "activity", "category", "tentative", "protocol", "segment"):
        assert df[column].tolist() == [r[column] for r in rows], column
    assert [None if pd.isna(c) else c for c in df["cycle"]] == [r["cycle"] for r in rows]
    assert df["pending"].tolist() == [",".join(r["pending"]) for r in rows]
    # The induction_response decision is open: what follows it waits on it.
    assert "induction_response" in set(df["pending"]) and "" in set(df["pending"])


def test_a_date_column_filters_like_events_on(plan):
    df = plan.to_dataframe("events")
    on = datetime.date(2027, 1, 11)
    assert df[df["date"] == pd.Timestamp(on)]["activity"].tolist() == [e.activity for e in plan.events_on(on)]
    # Weekdays come from the datetime64 column: the clinic is closed at weekends.
    assert not df["date"].dt.dayofweek.isin([5, 6]).any()


def test_moved_events_keep_their_planned_date_and_the_others_have_nat(plan):
    df = plan.to_dataframe()
    moved = df[df["planned_date"].notna()]
    assert len(moved) > 0 and len(moved) < len(df)
    assert (moved["planned_date"] != moved["date"]).all()
    assert moved["planned_date"].dt.dayofweek.isin([5, 6]).all()
    assert df["planned_date"].tolist() == [day(e.planned_date and e.planned_date.isoformat()) for e in plan.events]


def test_phases_match_the_json_schedule(plan):
    df = plan.to_dataframe("phases")
    rows = json_rows(plan, "phases")
    assert len(df) == len(rows) > 5
    assert str(df["first"].dtype) == DATE and str(df["last"].dtype) == DATE
    assert df["phase"].tolist() == [r["id"] for r in rows]
    assert df["first"].tolist() == [day(r["start"]) for r in rows]
    assert df["last"].tolist() == [day(r["end"]) for r in rows]
    assert df["days"].tolist() == [r["days"] for r in rows]
    assert ((df["last"] - df["first"]).dt.days + 1).tolist() == df["days"].tolist()
    assert [None if pd.isna(c) else c for c in df["cycle"]] == [r["cycle"] for r in rows]
    maintenance = df[df["phase"] == "maintenance"]
    assert maintenance["cycle"].tolist() == list(range(1, len(maintenance) + 1))


def test_spans_match_the_json_schedule(plan):
    df = plan.to_dataframe("spans")
    rows = json_rows(plan, "spans")
    assert len(df) == len(rows) > 0
    assert df["activity"].tolist() == [r["activity"] for r in rows]
    assert df["first"].tolist() == [day(r["start"]) for r in rows]
    assert df["last"].tolist() == [day(r["end"]) for r in rows]
    # Ph-positive: the TKI runs as continuous therapy.
    assert df["activity"].str.contains("imatinib", case=False).any()


def test_decisions(plan):
    df = plan.to_dataframe("decisions")
    (row,) = json_rows(plan, "decisions")
    assert len(df) == 1
    assert df.loc[0, "parameter"] == row["parameter"] == "induction_response"
    assert df.loc[0, "date"] == pd.Timestamp(row["date"]) and str(df["date"].dtype) == DATE
    assert df.loc[0, "value"] is None and bool(df.loc[0, "pending"]) is True
    assert df.loc[0, "options"] == ",".join(row["options"]) and df.loc[0, "assumed"] == row["assumed"]
    decided = ttplan.plan(start=START, induction_response="mrd_positive").to_dataframe("decisions")
    assert decided.loc[0, "value"] == "mrd_positive" and bool(decided.loc[0, "pending"]) is False


def test_windows_and_uncertain_dates_are_datetime64_with_nat():
    plan = ttplan.plan(start=START)
    events = plan.to_dataframe()
    for column in ("window_earliest", "window_latest", "earliest_date", "latest_date"):
        assert str(events[column].dtype) == DATE, column
    windowed = [e for e in plan.events if e.window]
    assert len(events[events["window_earliest"].notna()]) == len(windowed)
    phases = plan.to_dataframe("phases")
    for column in ("start_earliest", "start_latest", "earliest_start", "latest_start", "earliest_end", "latest_end"):
        assert str(phases[column].dtype) == DATE, column


def test_times_of_day_and_durations():
    protocol = ttplan.parse_protocol(json.dumps({
        "format": "ttplan-protocol/2", "id": "timed", "title": "Timed",
        "phases": [{"id": "block", "name": "Block", "length": "7d", "activities": [
            {"name": "MTX", "category": "chemotherapy", "days": "1", "every_hours": 12,
             "times": ["10:00", "22:00"], "duration": "24h"},
            {"name": "Plain", "category": "assessment", "days": "2"},
            {"name": "Infusion", "category": "immunotherapy", "days": "1-7", "continuous": True,
             "duration": "7d"}]}]}))
    plan = ttplan.plan(protocol, datetime.date(2027, 3, 27))
    events = plan.to_dataframe().set_index("activity")
    assert events.loc["MTX", "times"] == "10:00,22:00" and events.loc["MTX", "per_day"] == 2
    assert events.loc["MTX", "duration"] == pd.Timedelta(hours=24)
    assert events.loc["Plain", "times"] == "" and pd.isna(events.loc["Plain", "duration"])
    assert pd.isna(events.loc["Plain", "per_day"]) and str(events["per_day"].dtype) == "Int64"
    assert str(events["duration"].dtype) == "timedelta64[ns]"
    spans = plan.to_dataframe("spans")
    assert spans.loc[0, "duration"] == pd.Timedelta(days=7)
    assert plan.to_dataframe("decisions").empty


def test_a_continued_plan_names_each_rows_protocol():
    plan = ttplan.plan(start=START).continue_with("blinatumomab", on=datetime.date(2028, 5, 2))
    df = plan.to_dataframe("phases")
    assert df["protocol"].unique().tolist() == ["all-overview", "blinatumomab"]
    assert df["segment"].unique().tolist() == [0, 1]
    assert (df[df["protocol"] == "blinatumomab"]["first"] >= pd.Timestamp(2028, 5, 2)).all()


def test_empty_tables_keep_their_columns_and_dtypes():
    df = ttplan.plan(start=START).to_dataframe("decisions").iloc[0:0]
    assert list(df.columns) == list(ttplan.plan(start=START).to_dataframe("decisions").columns)
    timed = ttplan.parse_protocol(json.dumps({
        "format": "ttplan-protocol/2", "id": "short", "title": "Short",
        "phases": [{"id": "p", "name": "P", "length": "2d", "activities": [
            {"name": "A", "category": "assessment", "days": "1"}]}]}))
    spans = ttplan.plan(timed, START).to_dataframe("spans")
    assert spans.empty and "first" in spans.columns and str(spans["first"].dtype) == DATE
    assert spans.columns[-1] == "protocol"


def test_an_unknown_table_names_the_allowed_ones():
    with pytest.raises(ValueError, match='unknown table "event"; allowed: events, phases, spans, decisions'):
        ttplan.plan(start=START).to_dataframe("event")


def test_dataframe_dates_plan_again():
    # A date read back from a DataFrame (a pandas Timestamp) is a date ttplan takes.
    plan = ttplan.plan(start=START)
    phases = plan.to_dataframe("phases")
    first = phases.loc[0, "first"]
    assert isinstance(first, pd.Timestamp)
    assert ttplan.plan(start=first) == plan
    assert ttplan.plan(start=first.to_datetime64()) == plan
    assert plan.active_on(phases.loc[1, "first"]) == plan.active_on(plan.phases[1].first)
