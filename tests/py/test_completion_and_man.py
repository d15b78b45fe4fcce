"""The bash completion and the manual page that are installed with ttplan."""
import os
import shlex
import shutil
import subprocess

import pytest

from conftest import BIN, SOURCE_DIR

COMPLETION = SOURCE_DIR / "share" / "bash-completion" / "completions" / "ttplan"


def complete(*words):
    """What the completion offers for a command line whose last word is being typed."""
    line = [BIN, *words]
    script = (f"source {shlex.quote(str(COMPLETION))}\n"
              f"COMP_WORDS=({' '.join(shlex.quote(w) for w in line)})\n"
              f"COMP_CWORD={len(line) - 1}\n"
              "_ttplan\n"
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return [w for w in proc.stdout.splitlines() if w]


def test_completion_registers_for_ttplan():
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", f"source {shlex.quote(str(COMPLETION))}; complete -p ttplan"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "-F _ttplan" in proc.stdout


def test_completion_of_commands_and_record_commands():
    assert complete("") == ["plan", "protocols", "show", "validate", "summary", "record", "changes", "graph",
                            "compare", "batch", "load", "fhir", "--help", "--version"]
    assert complete("re") == ["record"]
    assert complete("record", "") == ["new", "add", "show", "repin", "--help"]
    assert complete("fhir", "") == ["export", "export-definition", "import", "--help"]
    assert complete("fhir", "import", "x.json", "--l") == ["--lossy"]
    assert "all-overview" in complete("fhir", "export", "all-")


def test_completion_of_options_and_their_values():
    assert "--start" in complete("plan", "--st")
    assert set(complete("plan", "--ti")) == {"--timestamp", "--time-zone"}
    assert complete("plan", "--format", "") == ["text", "json", "ics", "csv", "md", "calendar", "html", "svg", "png",
                                                "pdf", "page"]
    assert complete("plan", "--paper", "") == ["a4", "letter"]
    assert complete("plan", "--orientation", "") == ["landscape", "portrait"]
    assert complete("graph", "-f", "") == ["dot", "mermaid"]
    assert complete("plan", "--closed", "s") == ["sat", "sun"]
    assert complete("record", "add", "patient.json", "--de") == ["--delay", "--decide"]
    assert complete("plan", "--start", "") == []  # a date: nothing to offer
    assert complete("plan", "--lang", "") == ["en", "es", "fr"]
    assert complete("batch", "cohort.csv", "--sh") == ["--shard"]
    assert complete("batch", "cohort.csv", "--shard", "") == []


def test_completion_offers_the_builtin_protocols():
    offered = complete("show", "all-")
    assert "all-overview" in offered


def test_completion_knows_every_format_and_command():
    # The completion's lists are written out; they must follow the tool.
    help_text = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
    for command in complete(""):
        if not command.startswith("-"):
            assert command in help_text
    # ... and every command the tool has is completed: the lines under "Subcommands:".
    listed = help_text.split("Subcommands:", 1)[1].splitlines()
    commands = [line.split()[0] for line in listed if line.startswith("  ") and line.split()]
    assert commands and set(commands) <= set(complete(""))
    for group in ("record", "fhir"):
        group_help = subprocess.run([BIN, group, "--help"], capture_output=True, text=True).stdout
        listed = group_help.split("Subcommands:", 1)[1].splitlines()
        subs = [line.split()[0] for line in listed if line.startswith("  ") and line.split()]
        assert subs and set(subs) <= set(complete(group, ""))
    plan_help = subprocess.run([BIN, "plan", "--help"], capture_output=True, text=True).stdout
    for name in complete("plan", "--format", ""):
        assert name in plan_help
    assert complete("load", "c.csv", "-f", "") == ["csv", "html"]
    for command in ("plan", "compare", "batch", "load"):
        command_help = subprocess.run([BIN, command, "--help"], capture_output=True, text=True).stdout
        for option in complete(command, "-"):
            assert option in command_help, (command, option)


MAN_PAGE = os.environ.get("TTPLAN_MAN_PAGE", "")


@pytest.mark.skipif(not MAN_PAGE, reason="built without help2man, so there is no manual page")
def test_man_page_has_the_help_and_the_sections_help_cannot_hold():
    text = open(MAN_PAGE, encoding="utf-8").read()
    assert text.startswith(".\\\" DO NOT MODIFY THIS FILE!") or ".TH TTPLAN" in text
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", '"EXIT STATUS"', "ENVIRONMENT"):
        assert f".SH {section}" in text, section
    for command in ("plan", "validate", "record", "compare"):
        assert command in text
    if shutil.which("man"):
        proc = subprocess.run(["man", "-l", MAN_PAGE], capture_output=True, text=True,
                              env=dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat"))
        assert proc.returncode == 0, proc.stderr
        text = " ".join(proc.stdout.split())  # man justifies lines with runs of spaces
        assert "reads it from standard input" in text and "EXIT STATUS" in text
