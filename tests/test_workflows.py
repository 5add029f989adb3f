"""The GitHub workflows run what .ci/run runs, pin their actions, and pass actionlint;
the issue forms the page footer links to exist and have the fields it fills in."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def make_targets(script: str) -> list[str]:
    """The make targets a shell script runs, in order: ``make clean test`` -> clean, test."""
    targets = []
    for line in script.splitlines():
        line = line.split("#", 1)[0].strip()
        for match in re.finditer(r"(?:^|&&|;|\|\|)\s*make((?:\s+[\w-]+)+)", line):
            targets += [t for t in match.group(1).split() if "=" not in t]
    return targets


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict, job: str) -> list[dict]:
    return data["jobs"][job]["steps"]


def job_targets(data: dict, job: str) -> list[str]:
    return [t for step in steps(data, job) for t in make_targets(step.get("run", ""))]


CI_TARGETS = make_targets((ROOT / ".ci" / "run").read_text(encoding="utf-8"))


def test_ci_run_is_make_test_then_make_verify():
    assert CI_TARGETS == ["test", "verify"]
    assert make_targets("cd x && make clean test # make nothing") == ["clean", "test"]


def test_pull_requests_and_pushes_run_what_ci_runs():
    data = workflow("test.yml")
    assert {"pull_request", "push"} <= set(data["on"])
    assert job_targets(data, "test") == CI_TARGETS
    upload = [s for s in steps(data, "test") if "upload-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "_build/site"


def test_main_is_tested_then_published_to_pages():
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False
    build = job_targets(data, "build")  # make verify ran on the pull request and on the push
    assert build[0] == "test" and build[-1] == "html"
    rebuild = [s for s in steps(data, "build") if make_targets(s.get("run", "")) == ["html"]][0]
    assert {"BOOK_BASE_URL", "BOOK_REPOSITORY"} <= set(rebuild["env"])
    uses = [s.get("uses", "").split("@")[0] for job in data["jobs"] for s in steps(data, job)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_weekly_rebuild_starts_from_nothing():
    data = workflow("weekly.yml")
    assert data["on"]["schedule"][0]["cron"]
    assert job_targets(data, "rebuild") == ["clean"] + CI_TARGETS


@pytest.mark.parametrize("name", ["test.yml", "pages.yml", "weekly.yml"])
def test_actions_are_pinned_to_commits_and_permissions_are_read_only(name):
    data = workflow(name)
    assert data["permissions"] == {"contents": "read"}
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for job in data["jobs"]:
        assert data["jobs"][job].get("timeout-minutes"), f"{name}: {job} has no timeout"
        for step in steps(data, job):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{name}: {step['uses']} is not pinned"
                line = next(x for x in text.splitlines() if step["uses"] in x)
                assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{name}: say the version: {line}"


def test_actionlint_is_clean():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if actionlint is None:
        pytest.skip("actionlint is not installed in this environment (make setup installs it)")
    run = subprocess.run(
        [actionlint, *sorted(map(str, WORKFLOWS.glob("*.yml")))],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_issue_forms_have_the_fields_the_footer_fills_in():
    forms = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
    }
    assert {
        "erratum.yml",
        "translation-mismatch.yml",
        "build-problem.yml",
        "content-idea.yml",
    } <= set(forms)
    for name, form in forms.items():
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), f"{name}: duplicate field ids"
    erratum_ids = {item.get("id") for item in forms["erratum.yml"]["body"]}
    assert {"page", "language"} <= erratum_ids  # book_publish prefills these
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("Both languages changed", "Numbers are glued", "Claims are checked", "make test"):
        assert item in template
