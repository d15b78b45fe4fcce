"""A patient's calendar followed through a treatment record, as a family's phone would: revision 1
imported, then the record re-planned after delayed intensification started 12 weeks late
(which drops the last maintenance cycle) and revision 2 imported on top. khal keeps no live
ghost of what revision 2 no longer has; calcurse, which keeps no UIDs and shows a cancelled
event as a planned one, gets a fresh calendar of the last revision alone (--no-cancelled)."""
import json
import os
import subprocess

import icalendar
import pytest

from clients import calcurse_import, d, expected_items, khal, khal_config, khal_shown, matches

BIN = os.environ.get("TTPLAN_BIN", "ttplan")
JAN_4 = 1799053200  # 2027-01-04T09:00:00Z


def run(*args, at=JAN_4):
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(at))
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.fixture(scope="module")
def revisions(tmp_path_factory):
    """(folder, record path, revision 1 .ics, revision 2 .ics, revision 2 JSON schedule)."""
    folder = tmp_path_factory.mktemp("record")
    record = folder / "patient.json"
    run("record", "new", "all-overview", "--start", "2027-01-04", "-o", record)
    one = folder / "revision-1.ics"
    run("plan", record, "-o", one)
    run("record", "add", record, "--delay", "delayed_intensification=84", at=JAN_4 + 120 * 86400)
    two = folder / "revision-2.ics"
    run("plan", record, "-o", two)
    doc = json.loads(run("plan", record, "-f", "json"))
    return folder, record, one, two, doc


def events(path):
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_revision_2_cancels_what_it_no_longer_has(revisions):
    _, record, one, two, _ = revisions
    removed = {c["uid"] for c in json.loads(run("changes", record, "--since", "1", "-f", "json"))["changes"]
               if c["kind"] == "removed"}
    cancelled = {str(e["UID"]) for e in events(two) if str(e.get("STATUS")) == "CANCELLED"}
    assert removed and cancelled == removed
    assert removed <= {str(e["UID"]) for e in events(one)}
    assert {e.decoded("SEQUENCE") for e in events(two)} == {2}
    assert {e.decoded("SEQUENCE") for e in events(one)} == {1}


def test_khal_shows_no_ghost_after_revision_2(revisions, tmp_path):
    _, _, one, two, doc = revisions
    config = khal_config(tmp_path)
    khal(config, "import", "--batch", "-a", "plan", str(one))
    khal(config, "import", "--batch", "-a", "plan", str(two))
    shown = khal_shown(config, d("2027-01-01"), d("2029-12-31"))
    live = {str(e["UID"]) for e in events(two) if str(e.get("STATUS")) != "CANCELLED"}
    cancelled = {str(e["UID"]) for e in events(two) if str(e.get("STATUS")) == "CANCELLED"}
    # What khal shows as planned is exactly revision 2; what it dropped is shown cancelled.
    assert {uid for uid, (gone, _) in shown.items() if not gone} == live
    assert all(shown[uid][0] for uid in cancelled if uid in shown)
    _, count = expected_items(doc)
    assert len(live) == count


def test_calcurse_takes_a_fresh_calendar_of_the_last_revision(revisions, tmp_path):
    folder, record, _, two, doc = revisions
    items, count = expected_items(doc)
    # calcurse reads STATUS:CANCELLED as a planned event: imported as is, revision 2 would show
    # the dropped cycle as still planned. That is why calcurse gets --no-cancelled.
    _, with_cancelled = calcurse_import(tmp_path / "as-is", two)
    assert len(with_cancelled) == len(events(two)) > count
    alone = folder / "revision-2-alone.ics"
    run("plan", record, "--no-cancelled", "-o", alone)
    assert not [e for e in events(alone) if str(e.get("STATUS")) == "CANCELLED"]
    _, apts = calcurse_import(tmp_path / "fresh", alone)
    assert len(apts) == count
    for start, end, title, note in apts:
        assert matches(items, start, end, title, note), (start, title)


def test_no_cancelled_is_for_a_record():
    proc = subprocess.run([BIN, "plan", "all-overview", "--start", "2027-01-04", "-f", "ics", "--no-cancelled"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "--no-cancelled: only a treatment record has earlier revisions to leave out" in proc.stderr
