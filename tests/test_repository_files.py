"""The repository's own files: GitHub workflows, pull-request template, pre-commit hooks, editor
settings. Everything here runs offline."""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load as mkdocs_yaml_load

from tests.conftest import ARTICLE, ARTICLE_PATH

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.conftest import ContentTree

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
CONTENT = ROOT / "content"
HOOKS_MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HOOKS_CONFIG = ROOT / ".pre-commit-config.yaml"
VSCODE = ROOT / ".vscode"

# Only GitHub's own actions, each pinned to a major version tag (`@v4`).
ALLOWED_ACTIONS = frozenset({
    "actions/checkout",
    "actions/setup-python",
    "actions/configure-pages",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
})
ACTION_REF = re.compile(r"(?P<name>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@v[0-9]+")

# Any attempt to download something (a schema, say) fails at once instead of passing unnoticed.
OFFLINE_ENV = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9",
               "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping. YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True."""
    value = workflow["on"] if "on" in workflow else workflow[True]
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return dict.fromkeys(value)
    assert isinstance(value, dict)
    return value


def steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every step of every job, with its job's id."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_lines(workflow: dict[Any, Any]) -> list[str]:
    """Every line of every `run:` step."""
    return [line.strip() for _, step in steps(workflow) if "run" in step
            for line in str(step["run"]).splitlines() if line.strip()]


def uses_values(node: Any) -> Iterator[str]:
    """Every value of a `uses:` key anywhere in a workflow (steps and reusable-workflow jobs)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uses":
                yield str(value)
            else:
                yield from uses_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from uses_values(item)


def action_problem(ref: str) -> str | None:
    """Why an action reference is not allowed, or None."""
    match = ACTION_REF.fullmatch(ref)
    if match is None:
        return f"{ref!r} is not owner/name@vN (a major version tag)"
    if match["name"] not in ALLOWED_ACTIONS:
        return f"{match['name']!r} is not one of the allowed actions {sorted(ALLOWED_ACTIONS)}"
    return None


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
         *(str(path) for path in paths)],
        capture_output=True, text=True, env=OFFLINE_ENV, timeout=120, check=False)


# --- GitHub workflows ---------------------------------------------------------------------------

def test_the_workflows_exist() -> None:
    assert [path.name for path in workflow_files()] == ["check.yml", "deploy.yml"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_parses_as_yaml(path: Path) -> None:
    workflow = load_yaml(path)
    assert isinstance(workflow, dict)
    assert workflow["name"]
    assert triggers(workflow)
    assert isinstance(workflow["jobs"], dict)
    assert workflow["jobs"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_uses_only_allowed_actions_pinned_to_a_major_version(path: Path) -> None:
    refs = list(uses_values(load_yaml(path)))
    assert refs, "a workflow without any action: is the walk broken?"
    problems = [problem for ref in refs if (problem := action_problem(ref))]
    assert not problems


@pytest.mark.parametrize("ref", [
    "actions/checkout@main", "actions/checkout@v4.1.1", "actions/checkout",
    "actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11", "someone/checkout@v4",
    "actions/cache@v4", "./.github/actions/local", "docker://alpine:3",
    "actions/checkout/.github/workflows/x.yml@v4",
])
def test_disallowed_action_references_are_refused(ref: str) -> None:
    assert action_problem(ref) is not None


def test_the_action_walk_finds_every_uses() -> None:
    workflow = {"jobs": {"a": {"steps": [{"uses": "x/y@v1"}, {"run": "true"}]},
                         "b": {"uses": "o/r/.github/workflows/w.yml@main"}}}
    assert sorted(uses_values(workflow)) == ["o/r/.github/workflows/w.yml@main", "x/y@v1"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_is_valid_for_github(path: Path) -> None:
    done = check_jsonschema("vendor.github-workflows", path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - uses: actions/checkout@v4\n        run: echo both\n",
                      encoding="utf-8")
    done = check_jsonschema("vendor.github-workflows", broken)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "broken.yml" in done.stdout


def test_check_workflow_runs_on_pull_requests_and_checks_content_then_builds() -> None:
    workflow = load_yaml(WORKFLOWS / "check.yml")
    assert {"pull_request", "workflow_dispatch"} <= set(triggers(workflow))
    assert "pull_request_target" not in triggers(workflow)  # would hand strangers a token
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"
    lines = run_lines(workflow)
    check = lines.index(".venv/bin/annals check --format github content")
    build = lines.index(".venv/bin/mkdocs build --strict")
    assert check < build


def test_the_workflows_annals_commands_run_on_this_content() -> None:
    """The `annals` command lines in the workflows are accepted by the CLI and pass here."""
    commands = [shlex.split(line) for path in workflow_files()
                for line in run_lines(load_yaml(path)) if line.startswith(".venv/bin/annals ")]
    assert commands
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "generator.cli", *command[1:]], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{shlex.join(command)}:\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_workflow_sets_up_python_with_a_pip_cache(path: Path) -> None:
    setups = [step for _, step in steps(load_yaml(path))
              if str(step.get("uses", "")).startswith("actions/setup-python@")]
    assert setups
    for setup in setups:
        assert setup["with"]["python-version"] == "3.11"
        assert setup["with"]["cache"] == "pip"
        # setup-python's pip cache looks for requirements.txt unless told otherwise.
        dependency_file = setup["with"]["cache-dependency-path"]
        assert (ROOT / dependency_file).is_file()


def test_deploy_workflow_publishes_main_on_github_pages() -> None:
    workflow = load_yaml(WORKFLOWS / "deploy.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert ".venv/bin/mkdocs build --strict" in run_lines(workflow)

    uploads = [step for _, step in steps(workflow)
               if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert len(uploads) == 1
    # MkDocs' own loader: mkdocs.yml uses its !ENV tag.
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        site_dir = mkdocs_yaml_load(handle).get("site_dir", "site")
    assert uploads[0]["with"]["path"] == site_dir


def test_deploy_job_reports_the_pages_url_of_its_deploy_step() -> None:
    workflow = load_yaml(WORKFLOWS / "deploy.yml")
    deploys = [(job_id, step) for job_id, step in steps(workflow)
               if str(step.get("uses", "")).startswith("actions/deploy-pages@")]
    assert len(deploys) == 1
    job_id, step = deploys[0]
    job = workflow["jobs"][job_id]
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"
    # The site must be built (and uploaded) before it is deployed.
    uploading = {uploader for uploader, upload in steps(workflow)
                 if str(upload.get("uses", "")).startswith("actions/upload-pages-artifact@")}
    needs = job.get("needs", [])
    assert uploading <= set([needs] if isinstance(needs, str) else needs)


def test_ci_lints_the_workflows() -> None:
    script = ROOT / ".ci" / "lint-workflows"
    assert os.access(script, os.X_OK)
    assert "--builtin-schema vendor.github-workflows" in script.read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert run.index(".ci/lint-workflows") > run.index("make test")


# --- pull-request template ----------------------------------------------------------------------

def test_pull_request_template_has_the_curation_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 8
    for needed in ("`annals check`", "ref:", "`make serve`", "original publisher",
                   "publication date", "own words", "plain text", "exactly as", "`by:`",
                   "as precise as the source"):
        assert needed in text, needed


# --- pre-commit ---------------------------------------------------------------------------------

@pytest.fixture
def clientlib() -> Any:
    """pre-commit's own loaders and schemas: the very validation `pre-commit` runs."""
    # A test dependency (pyproject.toml): an import error must fail, never skip.
    return importlib.import_module("pre_commit.clientlib")


def hook_keys(clientlib: Any) -> set[str]:
    return {item.key for item in clientlib.MANIFEST_HOOK_DICT.items}


def no_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name.startswith("pre_commit") and record.levelno >= logging.WARNING]


def selects(hook: dict[str, Any], name: str) -> bool:
    """Whether pre-commit gives a hook this file (its `files` and `exclude` are searched)."""
    return bool(re.search(hook["files"], name)) and not re.search(hook["exclude"], name)


def test_hooks_manifest_is_valid(clientlib: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pre_commit"):
        hooks = clientlib.load_manifest(str(HOOKS_MANIFEST))
    assert not no_warnings(caplog)
    assert [hook["id"] for hook in hooks] == ["annals-check"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["entry"] == "annals check"
    assert hook["pass_filenames"] is True
    # pre-commit ignores unknown hook keys without a word: a typo would go unnoticed.
    for raw in load_yaml(HOOKS_MANIFEST):
        assert set(raw) <= hook_keys(clientlib)


def test_hooks_config_is_valid_and_local(clientlib: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pre_commit"):
        config = clientlib.load_config(str(HOOKS_CONFIG))
    assert not no_warnings(caplog)
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing to download
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"annals-check", "ruff"}
    for hook in hooks.values():
        # pre-commit 4.4 renamed `system` to `unsupported`; the config says `system`, which
        # every pre-commit since 0.x understands.
        assert hook["language"] in {"system", "unsupported"}
        assert hook["entry"].startswith(".venv/bin/")
        if (ROOT / ".venv" / "bin").is_dir():  # `make test` creates it; so does CI
            assert (ROOT / hook["entry"].split()[0]).is_file(), hook["entry"]
    assert hooks["ruff"]["types"] == ["python"]
    for raw_repo in load_yaml(HOOKS_CONFIG)["repos"]:
        for raw in raw_repo["hooks"]:
            assert raw["language"] == "system"
            assert set(raw) <= hook_keys(clientlib)


def test_the_pre_commit_loaders_reject_broken_files(clientlib: Any, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("- id: x\n  name: x\n  language: python\n", encoding="utf-8")  # no entry
    with pytest.raises(clientlib.InvalidManifestError):
        clientlib.load_manifest(str(manifest))
    config = tmp_path / "config.yaml"
    config.write_text("repos:\n  - repo: local\n    hooks:\n      - id: x\n        name: x\n"
                      "        entry: x\n        language: no-such-language\n", encoding="utf-8")
    with pytest.raises(clientlib.InvalidConfigError):
        clientlib.load_config(str(config))


def test_content_hooks_select_exactly_the_content_files(clientlib: Any) -> None:
    hooks = [*clientlib.load_manifest(str(HOOKS_MANIFEST)),
             *(hook for repo in clientlib.load_config(str(HOOKS_CONFIG))["repos"]
               for hook in repo["hooks"] if hook["id"] == "annals-check")]
    assert len(hooks) == 2
    content = [path.relative_to(ROOT).as_posix() for path in sorted(CONTENT.rglob("*.yml"))]
    assert content
    others = ["mkdocs.yml", ".pre-commit-config.yaml", ".github/workflows/check.yml",
              "schema/article.schema.json", "docs/contributing.md", "tests/content/tags.yml"]
    for hook in hooks:
        assert all(selects(hook, name) for name in content), hook["id"]
        assert not any(selects(hook, name) for name in others), hook["id"]


def test_the_published_hook_reports_only_on_the_files_it_is_given(
        clientlib: Any, minimal: ContentTree) -> None:
    """Run the manifest's entry as pre-commit would: the entry, then the changed files."""
    (hook,) = clientlib.load_manifest(str(HOOKS_MANIFEST))
    program, *arguments = shlex.split(hook["entry"])
    assert program == "annals"
    command = [sys.executable, "-m", "generator.cli", *arguments]
    minimal.write(ARTICLE_PATH, ARTICLE.replace("tags: [diplomacy]", "tags: [no-such-tag]"))
    article, topic = minimal.root / ARTICLE_PATH, minimal.root / "topics" / "thaad.yml"

    def run(*files: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *(str(path) for path in files)], capture_output=True,
                              text=True, timeout=120, check=False)

    broken = run(topic, article)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert str(article) in broken.stdout
    untouched = run(topic)
    assert untouched.returncode == 0, untouched.stdout + untouched.stderr


# --- VS Code ------------------------------------------------------------------------------------

def vscode_settings() -> dict[str, Any]:
    settings = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    assert isinstance(settings, dict)
    return settings


def schema_globs() -> list[tuple[str, str]]:
    """(schema path, glob) for every association in `yaml.schemas`."""
    pairs = []
    for schema, globs in vscode_settings()["yaml.schemas"].items():
        for pattern in [globs] if isinstance(globs, str) else globs:
            pairs.append((schema, pattern))
    return pairs


def test_vscode_settings_map_all_five_schemas() -> None:
    schemas = {Path(schema).name for schema, _ in schema_globs()}
    assert schemas == {"article.schema.json", "topic.schema.json", "actor.schema.json",
                       "place.schema.json", "tags.schema.json"}
    yaml_settings = vscode_settings()["[yaml]"]
    assert yaml_settings["editor.insertSpaces"] is True
    assert yaml_settings["editor.tabSize"] == 2


def test_vscode_schemas_exist_and_their_globs_match_content() -> None:
    for schema, pattern in schema_globs():
        path = ROOT / schema
        assert path.is_file(), schema
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), schema
        assert not pattern.startswith("/"), pattern
        assert list(ROOT.glob(pattern)), f"{pattern} matches no file"


def test_every_content_file_gets_one_schema_the_one_its_first_line_names() -> None:
    schema_of: dict[Path, list[Path]] = {}
    for schema, pattern in schema_globs():
        for path in ROOT.glob(pattern):
            schema_of.setdefault(path, []).append((ROOT / schema).resolve())
    named = re.compile(r"# yaml-language-server: \$schema=(\S+)")
    for path in sorted(CONTENT.rglob("*.yml")):
        assert len(schema_of.get(path, [])) == 1, path
        first_line = path.read_text(encoding="utf-8").partition("\n")[0]
        if match := named.fullmatch(first_line):
            assert (path.parent / match[1]).resolve() == schema_of[path][0], path


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# The MkDocs adapter: the plugin and the preview's hooks. Everything else is the core, which
# another generator (ProperDocs, Zensical, the tree route) uses without MkDocs.
MKDOCS_ADAPTER = {"plugin.py", "preview.py", "quick_preview.py", "converted_once.py"}


def test_only_the_mkdocs_adapter_imports_mkdocs() -> None:
    import ast

    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name in MKDOCS_ADAPTER and path.parent.name == "generator":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names
                      if name.split(".")[0] in {"mkdocs", "material"}]
    assert not found, "the core imports MkDocs:\n" + "\n".join(found)
