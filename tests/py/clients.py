"""Calendar clients and what a calendar must hold: helpers shared by the iCalendar tests.
expected_items() reads a JSON schedule (`ttplan plan --format json`) into the items its
calendar must have; khal_*() drive khal in a scratch configuration."""
import datetime as dt
import os
import re
import subprocess

DAY = dt.timedelta(days=1)


def one_line(text):
    """Titles are one line in the calendar; descriptions keep the breaks."""
    return re.sub(r"\r\n|\r|\n", " ", text)


def d(text):
    return dt.date.fromisoformat(text)


def phase_title(doc, p):
    """A continuation's phase is named with its protocol where another protocol of the plan has a
    phase with the same id or name."""
    first = doc["segments"][0]["protocol"]["id"]
    clash = any(q["protocol"] != p["protocol"] and (q["id"] == p["id"] or q["name"] == p["name"])
                for q in doc["phases"])
    return one_line(p["name"]) + (f" [{p['protocol']}]" if clash and p["protocol"] != first else "")


def expected_items(doc):
    """What the calendar must hold, from the JSON schedule: (start, exclusive end, title must
    contain, description must contain, tentative) per item; treatment days by group."""
    items = []
    for p in doc["phases"]:
        items.append((d(p["start"]), d(p["end"]) + DAY, one_line(p["name"]), p["name"], p["tentative"]))
    for t in doc["spans"]:
        items.append((d(t["start"]), d(t["end"]) + DAY, one_line(t["activity"]), t["activity"], t["tentative"]))
    days = {}
    for e in doc["events"]:
        key = (e["protocol"], e["phase"], e["cycle"], e["day"], e["date"])
        days.setdefault(key, []).append(e)
    occurrences = {(p["protocol"], p["id"], p["cycle"]): p for p in doc["phases"]}
    for (protocol, phase, cycle, day, date), events in days.items():
        occ = occurrences[(protocol, phase, cycle)]
        title = phase_title(doc, occ) + (f" cycle {cycle}" if cycle else "")
        title += (f" ({one_line(occ['variant'])})" if occ["variant"] else "") + f" Day {day}: "
        for e in events:
            items.append((d(date), d(date) + DAY, title, e["activity"], any(x["tentative"] for x in events)))
    # Each decision taken during treatment is a day of its own.
    for x in doc["decisions"]:
        items.append((d(x["date"]), d(x["date"]) + DAY, f"Decision: {x['parameter']}", x["decided_by"],
                      x["tentative"]))
    return items, len(doc["phases"]) + len(doc["spans"]) + len(days) + len(doc["decisions"])


def matches(items, start, end, summary, description):
    return [i for i in items if i[0] == start and i[1] == end and i[2] in summary and i[3] in description]


def khal_config(tmp_path):
    (tmp_path / "cal").mkdir()
    config = tmp_path / "config"
    config.write_text(f"""[calendars]
[[plan]]
path = {tmp_path / 'cal'}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = plan
[sqlite]
path = {tmp_path / 'khal.db'}
""")
    return config


def khal(config, *args):
    env = dict(os.environ, TZ="UTC", HOME=str(config.parent))
    proc = subprocess.run(["khal", "-c", str(config), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def khal_events(config, first, last):
    out = khal(config, "list", "--once", "--day-format", "", "--format",
               "\x1e{uid}\x1f{start-date}\x1f{end-date}\x1f{title}\x1f{description}\x1d",
               first.isoformat(), (last + DAY).isoformat())
    events = {}
    for record in re.findall(r"\x1e(.*?)\x1d", out, re.S):
        uid, start, last_day, title, description = record.split("\x1f")
        events[uid] = (d(start), d(last_day) + DAY, title, description)
    return events


def khal_shown(config, first, last):
    """{uid: (cancelled, title)} of every event khal lists from `first` to `last`."""
    out = khal(config, "list", "--once", "--day-format", "", "--format", "\x1e{uid}\x1f{cancelled}\x1f{title}\x1d",
               first.isoformat(), (last + DAY).isoformat())
    shown = {}
    for record in re.findall(r"\x1e(.*?)\x1d", out, re.S):
        uid, cancelled, title = record.split("\x1f")
        shown[uid] = (bool(cancelled.strip()), title)
    return shown


def calcurse_import(folder, path):
    """Imports `path` into a calcurse folder; (its report, [(start, exclusive end, title, note)]).
    calcurse stores a multi-day event as a one-day event repeated daily up to its last day
    ("{1D -> last}"), and the description as a note file, to which it appends a remark."""
    proc = subprocess.run(["calcurse", "-D", str(folder), "-i", str(path)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    pattern = re.compile(r"^(\d\d/\d\d/\d{4}) \[1\] (?:\{1D -> (\d\d/\d\d/\d{4})\} )?>(\w+) (.*)$")
    apts = []
    for line in (folder / "apts").read_text(encoding="utf-8").splitlines():
        m = pattern.match(line)
        assert m, line
        start = dt.datetime.strptime(m[1], "%m/%d/%Y").date()
        last = dt.datetime.strptime(m[2], "%m/%d/%Y").date() if m[2] else start
        note = (folder / "notes" / m[3]).read_text(encoding="utf-8").split("\n-- \nImport:")[0]
        apts.append((start, last + DAY, m[4], note))
    return proc.stdout, apts
