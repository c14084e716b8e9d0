"""One settings object: every knob, its default, its environment variable and CLI flag.

`SETTINGS` is the table the README's configuration section, the CLI's flags
and `Settings.from_env` are all made from, so the three cannot disagree.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from seed import DEFAULT_SEED

__all__ = ["ENV_PREFIX", "SETTINGS", "Setting", "Settings", "SettingsError", "add_arguments"]

ENV_PREFIX = "CAREERGRAPH_"


class SettingsError(ValueError):
    """A setting with a value it cannot take."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{ENV_PREFIX}{name.upper()}={value!r}: expected {expected}")


def _bool(value: str) -> bool:
    lowered = value.strip().casefold()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("a boolean (1/0, true/false, yes/no, on/off)")


def _origins(value: str) -> tuple[str, ...]:
    return tuple(origin.strip() for origin in value.split(",") if origin.strip())


def _optional_path(value: str) -> Path | None:
    return Path(value) if value else None


@dataclass(frozen=True)
class Setting:
    """How one setting is documented and parsed."""

    name: str
    help: str
    parse: Callable[[str], Any]
    expected: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Settings:
    """Everything the server can be told. Defaults serve the bundled seed locally."""

    host: str = "127.0.0.1"
    port: int = 8000
    seed: Path = DEFAULT_SEED
    workers: int = 1
    log_level: str = "info"
    cors_origins: tuple[str, ...] = ("*",)
    introspection: bool = True
    response_cache: int = 2048
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_directives: int = 20
    max_cost: int = 20000
    max_body_bytes: int = 1_000_000
    max_batch: int = 0
    max_string_length: int = 1000
    timeout_seconds: float = 5.0
    rate_limit: int = 0
    rate_limit_window: float = 60.0
    trusted_proxies: tuple[str, ...] = field(default_factory=tuple)
    assets_dir: Path | None = None
    fast_path: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``CAREERGRAPH_*`` variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.env in environ:
                values[setting.name] = _parse(setting, environ[setting.env])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _parse(setting: Setting, raw: str) -> Any:
    try:
        return setting.parse(raw)
    except (TypeError, ValueError):
        raise SettingsError(setting.name, raw, setting.expected) from None


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "Interface to listen on.", str, "a host name or address"),
    Setting("port", "TCP port to listen on.", int, "an integer"),
    Setting("seed", "Career guide file, folder of guides (*.txt) or snapshot (.json) to serve.", Path, "a path"),
    Setting("workers", "Worker processes (each holds its own copy of the graph).", int, "an integer"),
    Setting("log_level", "Log level: debug, info, warning, error.", str, "a level name"),
    Setting("cors_origins", "Comma-separated origins allowed by CORS; * allows any.", _origins, "origins"),
    Setting("introspection", "Answer introspection queries (GraphiQL needs them).", _bool, "a boolean"),
    Setting("response_cache", "Entries in the in-memory response cache; 0 turns it off.", int, "an integer"),
    Setting("max_depth", "Deepest selection nesting a query may have.", int, "an integer"),
    Setting("max_aliases", "Most aliased or repeated fields in one document.", int, "an integer"),
    Setting("max_tokens", "Most lexical tokens in one document.", int, "an integer"),
    Setting("max_directives", "Most directives in one document.", int, "an integer"),
    Setting("max_cost", "Most nodes a query may ask for (`first` multiplied through nesting).", int, "an integer"),
    Setting("max_body_bytes", "Largest request body, in bytes (413 above).", int, "an integer"),
    Setting("max_batch", "Most operations in a batched (JSON array) request; 0 turns batching off.", int,
            "an integer"),
    Setting("max_string_length", "Longest string argument or variable, in characters.", int, "an integer"),
    Setting("timeout_seconds", "Longest time one operation may run.", float, "a number of seconds"),
    Setting("rate_limit", "Requests per client per window; 0 turns rate limiting off.", int, "an integer"),
    Setting("rate_limit_window", "Rate-limit window, in seconds.", float, "a number of seconds"),
    Setting("trusted_proxies", "Comma-separated proxy addresses whose X-Forwarded-For is believed.", _origins,
            "addresses"),
    Setting("assets_dir", "Serve GraphiQL and explorer assets from this folder instead of the CDN.",
            _optional_path, "a folder path"),
    Setting("fast_path", "Answer the queries it covers on the fast path; off: strawberry runs every request.", _bool,
            "a boolean"),
)

assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)], "SETTINGS and Settings disagree"


def add_arguments(parser: argparse.ArgumentParser, names: tuple[str, ...] | None = None) -> None:
    """Add one ``--flag`` per setting (all, or those named), defaulting to None."""
    defaults = Settings()
    for setting in SETTINGS:
        if names is not None and setting.name not in names:
            continue
        default = getattr(defaults, setting.name)
        shown = ",".join(default) if isinstance(default, tuple) else default
        parser.add_argument(
            setting.flag,
            dest=setting.name,
            type=setting.parse,
            default=None,
            metavar=setting.name.upper(),
            help=f"{setting.help} [env {setting.env}; default {shown}]",
        )
