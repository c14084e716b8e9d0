"""One settings object: every knob, its default, its environment variable and CLI flag.

`SETTINGS` is the table the README's configuration section, the CLI's flags
and `Settings.from_env` are all made from, so the three cannot disagree.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from schema.limits import Limits
from seed import DEFAULT_SEED

__all__ = ["ENV_PREFIX", "LOG_LEVELS", "SETTINGS", "Setting", "Settings", "SettingsError", "add_arguments"]

ENV_PREFIX = "CAREERGRAPH_"

#: Log levels uvicorn and Python's logging both know.
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")

_LIMITS = Limits()  # the document limits' defaults are written once, in schema/limits.py


class SettingsError(ValueError):
    """A setting with a value it cannot take: which setting, what was given, where from, what is allowed."""

    def __init__(self, name: str, value: Any, expected: str, source: str | None = None) -> None:
        given = f"{value!r} from {source}" if source else repr(value)
        super().__init__(f"setting {name}: got {given}; expected {expected}")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().casefold()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(value)


def _integer(low: int, high: int | None = None) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        number = value if isinstance(value, int) and not isinstance(value, bool) else int(str(value).strip())
        if number < low or (high is not None and number > high):
            raise ValueError(value)
        return number

    return parse


def _seconds(minimum: float = 0.0, inclusive: bool = False) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        number = float(value)
        if not math.isfinite(number) or number < minimum or (number == minimum and not inclusive):
            raise ValueError(value)
        return number

    return parse


def _text(value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise ValueError(value)
    return text


def _log_level(value: Any) -> str:
    level = str(value).strip().casefold()
    if level not in LOG_LEVELS:
        raise ValueError(value)
    return level


def _items(value: Any) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return tuple(item.strip() for item in str(value).split(",") if item.strip())


def _networks(value: Any) -> tuple[str, ...]:
    proxies = _items(value)
    for proxy in proxies:
        ipaddress.ip_network(proxy, strict=False)  # ValueError for a name or garbage
    return proxies


def _path(value: Any) -> Path:
    if not str(value).strip():
        raise ValueError(value)
    return Path(value)


def _optional_path(value: Any) -> Path | None:
    return Path(value) if value is not None and str(value).strip() else None


def _optional_folder(value: Any) -> Path | None:
    path = _optional_path(value)
    if path is not None and not path.is_dir():
        raise ValueError(value)
    return path


@dataclass(frozen=True)
class Setting:
    """How one setting is documented and parsed.

    ``parse`` takes the text of a flag or variable, or a value of the setting's
    own type, and returns the value; it raises `ValueError` (or `TypeError`)
    for anything ``expected`` does not allow.
    """

    name: str
    help: str
    parse: Callable[[Any], Any]
    expected: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def read(self, value: Any, source: str | None = None) -> Any:
        """The parsed value; `SettingsError` naming this setting, the value and its source otherwise."""
        try:
            return self.parse(value)
        except (TypeError, ValueError):
            raise SettingsError(self.name, value, self.expected, source) from None


@dataclass(frozen=True)
class Settings:
    """Everything the server can be told. Defaults serve the bundled seed locally.

    Every value is checked when a `Settings` is made (`SettingsError`), and
    ``limits`` holds the document limits they ask for, built once.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    seed: Path = DEFAULT_SEED
    workers: int = 1
    log_level: str = "info"
    cors_origins: tuple[str, ...] = ("*",)
    introspection: bool = _LIMITS.introspection
    response_cache: int = 2048
    max_depth: int = _LIMITS.max_depth
    max_aliases: int = _LIMITS.max_aliases
    max_tokens: int = _LIMITS.max_tokens
    max_directives: int = _LIMITS.max_directives
    max_cost: int = _LIMITS.max_cost
    max_body_bytes: int = 1_000_000
    max_batch: int = 0
    max_string_length: int = _LIMITS.max_string_length
    timeout_seconds: float = 5.0
    rate_limit: int = 0
    rate_limit_window: float = 60.0
    trusted_proxies: tuple[str, ...] = field(default_factory=tuple)
    assets_dir: Path | None = None
    fast_path: bool = True
    max_header_bytes: int = 32_768
    max_headers: int = 100
    read_timeout_seconds: float = 30.0
    keepalive_seconds: float = 5.0
    max_connections: int = 1000
    shutdown_grace_seconds: float = 10.0
    pid_file: Path | None = None
    limits: Limits = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for setting in SETTINGS:
            object.__setattr__(self, setting.name, setting.read(getattr(self, setting.name)))
        object.__setattr__(self, "limits", Limits(**{f.name: getattr(self, f.name) for f in fields(Limits)}))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``CAREERGRAPH_*`` variables, then explicit overrides (values, or the text of flags)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.env in environ:
                values[setting.name] = setting.read(environ[setting.env], setting.env)
            override = overrides.get(setting.name)
            if override is not None:
                values[setting.name] = setting.read(override, setting.flag if isinstance(override, str) else None)
        unknown = set(overrides) - {s.name for s in SETTINGS}
        if unknown:
            raise TypeError(f"unknown settings {sorted(unknown)}")
        return cls(**values)


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "Interface to listen on.", _text, "a host name or address"),
    Setting("port", "TCP port to listen on.", _integer(1, 65535), "an integer from 1 to 65535"),
    Setting("seed", "Career guide file, folder of guides (*.txt) or snapshot (.json) to serve.", _path, "a path"),
    Setting("workers", "Worker processes (each holds its own copy of the graph).", _integer(1, 256),
            "an integer from 1 to 256"),
    Setting("log_level", "Log level: critical, error, warning, info, debug, trace.", _log_level,
            "one of " + ", ".join(LOG_LEVELS)),
    Setting("cors_origins", "Comma-separated origins allowed by CORS; * allows any.", _items,
            "comma-separated origins"),
    Setting("introspection", "Answer introspection queries (GraphiQL needs them).", _bool,
            "a boolean (1/0, true/false, yes/no, on/off)"),
    Setting("response_cache", "Entries in the in-memory response cache; 0 turns it off.", _integer(0),
            "an integer, 0 or more"),
    Setting("max_depth", "Deepest selection nesting a query may have.", _integer(1), "an integer, 1 or more"),
    Setting("max_aliases", "Most aliased or repeated fields in one document.", _integer(0), "an integer, 0 or more"),
    Setting("max_tokens", "Most lexical tokens in one document.", _integer(1), "an integer, 1 or more"),
    Setting("max_directives", "Most directives in one document.", _integer(0), "an integer, 0 or more"),
    Setting("max_cost", "Most nodes a query may ask for (`first` multiplied through nesting).", _integer(1),
            "an integer, 1 or more"),
    Setting("max_body_bytes", "Largest request body, in bytes (413 above).", _integer(1), "an integer, 1 or more"),
    Setting("max_batch", "Most operations in a batched (JSON array) request; 0 turns batching off.", _integer(0),
            "an integer, 0 or more"),
    Setting("max_string_length", "Longest string argument or variable, in characters.", _integer(1),
            "an integer, 1 or more"),
    Setting("timeout_seconds", "Longest time one operation may run.", _seconds(), "a number of seconds above 0"),
    Setting("rate_limit", "Requests per client per window; 0 turns rate limiting off.", _integer(0),
            "an integer, 0 or more"),
    Setting("rate_limit_window", "Rate-limit window, in seconds.", _seconds(), "a number of seconds above 0"),
    Setting("trusted_proxies", "Comma-separated proxy addresses or networks whose X-Forwarded-For and Forwarded "
            "headers are believed; none by default.", _networks,
            "comma-separated IP addresses or networks (10.0.0.0/8)"),
    Setting("assets_dir", "Serve GraphiQL and explorer assets from this folder instead of the CDN.",
            _optional_folder, "an existing folder"),
    Setting("fast_path", "Answer the queries it covers on the fast path; off: strawberry runs every request.", _bool,
            "a boolean (1/0, true/false, yes/no, on/off)"),
    Setting("max_header_bytes", "Most bytes of request line and headers (431 above; 414 for a URL over 64 KiB).",
            _integer(1024, 1 << 20), "an integer from 1024 to 1048576"),
    Setting("max_headers", "Most header fields in one request (431 above).", _integer(1, 10_000),
            "an integer from 1 to 10000"),
    Setting("read_timeout_seconds", "Longest time a client may take to send a request's headers and body, "
            "or its first request on a new connection (408, then close).", _seconds(), "a number of seconds above 0"),
    Setting("keepalive_seconds", "Idle time after which a kept-alive connection is closed.", _seconds(),
            "a number of seconds above 0"),
    Setting("max_connections", "Open connections per worker; above, idle ones are closed first, then new "
            "requests get 503 (health checks are still answered).", _integer(1), "an integer, 1 or more"),
    Setting("shutdown_grace_seconds", "On SIGTERM, time given to requests in flight before they are cancelled.",
            _seconds(inclusive=True), "a number of seconds, 0 or more"),
    Setting("pid_file", "Write the server's process id here (for `careergraph reload`).", _optional_path,
            "a file path"),
)

assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings) if f.init], "SETTINGS and Settings disagree"


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
            default=None,  # text: `Settings.from_env` parses it and names the flag when it is wrong
            metavar=setting.name.upper(),
            help=f"{setting.help} [env {setting.env}; default {shown}]",
        )
