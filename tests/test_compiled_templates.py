"""Under serve, the theme's templates are compiled once, and again only when their source
changes."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from generator.plugin import AnnalsPlugin


def environment(templates: dict[str, str], plugin: AnnalsPlugin) -> Environment:
    # MkDocs makes a new environment for every build, then gives it to the plugins.
    config: Any = None
    return plugin.on_env(Environment(loader=DictLoader(templates)), config=config,
                         files=config)


def test_a_preview_compiles_a_template_once_and_again_when_it_changes() -> None:
    plugin = AnnalsPlugin()
    plugin.on_startup(command="serve", dirty=True)
    templates = {"main.html": "<p>{{ 1 + 1 }}</p>"}
    first = environment(templates, plugin)
    assert first.get_template("main.html").render() == "<p>2</p>"
    assert len(plugin.compiled_templates.code) == 1
    stored = dict(plugin.compiled_templates.code)
    second = environment(templates, plugin)
    assert second.bytecode_cache is plugin.compiled_templates
    assert second.get_template("main.html").render() == "<p>2</p>"
    assert plugin.compiled_templates.code == stored  # loaded, not compiled and stored again
    changed = environment({"main.html": "<p>{{ 2 + 2 }}</p>"}, plugin)
    assert changed.get_template("main.html").render() == "<p>4</p>"


def test_a_build_leaves_the_environment_as_it_is() -> None:
    plugin = AnnalsPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert environment({"main.html": ""}, plugin).bytecode_cache is None
