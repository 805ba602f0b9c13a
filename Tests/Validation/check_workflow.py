#!/usr/bin/env python3
"""Checks a GitHub Actions workflow where actionlint cannot be installed.

check_workflow.py PAPERBOY WORKFLOW.yml

The workflow must parse as YAML and have the shape GitHub requires (triggers, jobs with
`runs-on` and steps, each step one `uses` or `run`, actions pinned to a major version, `needs`
naming jobs, `steps.ID` naming an earlier step of the job); every `paperboy` command in a `run`
step, and in the cron line of the header comment, must be a command of the built PAPERBOY with
options it accepts (checked against its --help). Prints one FAIL line per problem; exit 1 if any.
"""
import re
import shlex
import subprocess
import sys

import yaml

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}")


def check_paperboy(binary, command, where):
    """`paperboy SUB... --options`: SUB must exist and every option must be in its help."""
    try:
        words = shlex.split(command)
    except ValueError as error:
        fail(f"{where}: cannot split `{command}`: {error}")
        return
    words = words[1:]
    sub = []
    while words and not words[0].startswith("-"):
        sub.append(words.pop(0))
    result = subprocess.run([binary, *sub, "--help"], capture_output=True, text=True)
    # An unknown subcommand with --help prints the parent's help: the usage line must name it.
    usage = re.search(r"USAGE: (.*)", result.stdout)
    if result.returncode != 0 or not usage or not usage.group(1).startswith(" ".join(["paperboy", *sub])):
        fail(f"{where}: `paperboy {' '.join(sub)}` is not a command ({result.stderr.strip()[:200]})")
        return
    for word in words:
        if word.startswith("--"):
            option = word.split("=")[0]
            if not re.search(re.escape(option) + r"\b", result.stdout):
                fail(f"{where}: `paperboy {' '.join(sub)}` has no option {option}")


def paperboy_commands(text):
    """Each `paperboy ...` or `.build/release/paperboy ...` command in shell text, up to `&&`, `;`, `|` or `)`."""
    for match in re.finditer(r"(?:^|[\s;&(|])(?:\.build/release/)?paperboy(\s[^;&|)\n]*)?", text):
        yield "paperboy" + (match.group(1) or "")


def main():
    binary, path = sys.argv[1], sys.argv[2]
    text = open(path, encoding="utf-8").read()
    try:
        workflow = yaml.safe_load(text)
    except yaml.YAMLError as error:
        fail(f"{path}: not YAML: {error}")
        return 1
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if not isinstance(triggers, dict):
        fail(f"{path}: no `on:` triggers")
        triggers = {}
    for schedule in triggers.get("schedule") or []:
        fields = str(schedule.get("cron", "")).split()
        if len(fields) != 5:
            fail(f"{path}: cron `{schedule.get('cron')}` must have five fields")
    if "schedule" not in triggers or "workflow_dispatch" not in triggers:
        fail(f"{path}: must run on a schedule and on demand (workflow_dispatch)")
    jobs = workflow.get("jobs") or {}
    if not jobs:
        fail(f"{path}: no jobs")
    for name, job in jobs.items():
        where = f"{path}: job {name}"
        if "runs-on" not in job:
            fail(f"{where}: no runs-on")
        needs = job.get("needs", [])
        for needed in [needs] if isinstance(needs, str) else needs:
            if needed not in jobs:
                fail(f"{where}: needs unknown job {needed}")
        ids = []
        steps = job.get("steps") or []
        if not steps:
            fail(f"{where}: no steps")
        referenced = re.findall(r"steps\.([A-Za-z0-9_-]+)\.", yaml.safe_dump(job.get("environment", {})))
        for index, step in enumerate(steps):
            label = f"{where} step {index + 1}"
            if ("uses" in step) == ("run" in step):
                fail(f"{label}: needs exactly one of `uses` and `run`")
            if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]):
                fail(f"{label}: `{step['uses']}` must name an action pinned to a major version (owner/name@vN)")
            for ref in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", yaml.safe_dump(step)):
                if ref not in ids:
                    fail(f"{label}: refers to step `{ref}`, which no earlier step of the job has as id")
            if "id" in step:
                ids.append(step["id"])
            for command in paperboy_commands(step.get("run", "")):
                check_paperboy(binary, command, label)
        for ref in referenced:
            if ref not in ids:
                fail(f"{where}: environment refers to step `{ref}`, which the job does not have")
    cron_lines = [line for line in text.splitlines() if re.match(r"#\s+[\d*/,-]+ [\d*/,-]+ [\d*/,-]+ [\d*/,-]+ [\d*/,-]+ ", line)]
    if not cron_lines:
        fail(f"{path}: the header comment must show the same steps as a cron line")
    for line in cron_lines:
        for command in paperboy_commands(line):
            check_paperboy(binary, command, f"{path}: cron line")
    print(f"{path}: {len(jobs)} jobs checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
