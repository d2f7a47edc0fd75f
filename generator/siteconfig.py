"""A site's ``mkdocs.yml``, read without MkDocs: what the routes other than the plugin need.

Zensical reads ``mkdocs.yml`` but runs no plugin; ``annals render`` and ``annals post-build``
read the same file for the ``annals`` plugin's options and the site's name, address and
folders, so that every route builds the same site from one configuration.

MkDocs' YAML tags are honoured as MkDocs does: ``!ENV VAR`` (or ``!ENV [VAR, …, default]``)
reads the environment and ``!relative`` is the config's folder. Any other tag (such as
``!!python/name:…`` for Markdown extensions) is kept as it is and written back unchanged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.options import Options, OptionsError
from generator.views import SiteName

if TYPE_CHECKING:
    from collections.abc import Iterator

PLUGIN = "annals"
"""The plugin's name under ``plugins`` (its ``mkdocs.plugins`` entry point)."""


class SiteConfigError(ValueError):
    """The site configuration cannot be read or is not one Annals can build."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag that only the site generator understands, kept for writing back."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Safe YAML with MkDocs' tags."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML that writes :class:`Tagged` values back with their tags."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    names = (loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
             else [loader.construct_scalar(node)])  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)]) if os.environ[str(name)] else ""
    return default


def _other(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _other)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other)
_Dumper.add_representer(Tagged, _represent)


def dump(data: dict[str, Any]) -> str:
    """A configuration as YAML, in the order given, tags kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


@dataclass(frozen=True)
class SiteConfig:
    """A site's configuration file, read."""

    path: Path
    data: dict[str, Any]
    options: Options

    @property
    def folder(self) -> Path:
        """The folder of the configuration file, which its paths are relative to."""
        return self.path.parent

    def _path(self, key: str, default: str) -> Path:
        return self.folder / str(self.data.get(key) or default)

    @property
    def docs_dir(self) -> Path:
        """The hand-written pages' folder."""
        return self._path("docs_dir", "docs")

    @property
    def site_dir(self) -> Path:
        """Where the built site goes."""
        return self._path("site_dir", "site")

    @property
    def content_dir(self) -> Path:
        """The content folder of the ``annals`` options."""
        return self.folder / self.options.content

    @property
    def schemas_dir(self) -> Path | None:
        """The site's own schemas folder, or None for the package's."""
        return self.folder / self.options.schemas if self.options.schemas else None

    def names(self) -> SiteName:
        """The site's name and description, for its home page."""
        return SiteName.of(self.text("site_name"), self.text("site_description"))

    def text(self, key: str) -> str:
        """A text setting (site_name, site_url, …), "" when unset."""
        value = self.data.get(key)
        return "" if value is None else str(value)


def plugin_entries(plugins: Any) -> Iterator[tuple[str, Any]]:
    """(name, options) of each entry of a ``plugins`` setting (a list, or a mapping)."""
    if isinstance(plugins, dict):
        yield from plugins.items()
        return
    for entry in plugins or ():
        if isinstance(entry, dict):
            yield from entry.items()
        else:
            yield str(entry), None


def load_site_config(path: Path | str) -> SiteConfig:
    """Read ``mkdocs.yml`` (or any file of its shape); SiteConfigError with a clear reason."""
    path = Path(path).resolve()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader with tags
    except OSError as error:
        raise SiteConfigError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path} holds no settings (a mapping of keys)")
    found = [options for name, options in plugin_entries(data.get("plugins"))
             if name == PLUGIN]
    if not found:
        raise SiteConfigError(f"{path} does not list the {PLUGIN} plugin under plugins")
    if found[0] is not None and not isinstance(found[0], dict):
        raise SiteConfigError(f"{path}: the {PLUGIN} plugin's options must be a mapping")
    try:
        options = Options.of(found[0])
    except OptionsError as error:
        raise SiteConfigError(f"{path}: {error}") from None
    return SiteConfig(path, data, options)
