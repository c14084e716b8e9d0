"""Every setting is checked: a bad flag or variable stops `careergraph serve` with one line and exit 3."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from careergraph.cli import ExitCode, main
from careergraph.serving.run import uvicorn_config
from careergraph.settings import SETTINGS, Settings, SettingsError

BAD_VALUES = [
    pytest.param("rate_limit_window", "inf", "a number of seconds above 0", id="rate-limit-window-inf"),
    pytest.param("rate_limit_window", "0", "a number of seconds above 0", id="rate-limit-window-0"),
    pytest.param("timeout_seconds", "nan", "a number of seconds above 0", id="timeout-nan"),
    pytest.param("timeout_seconds", "0", "a number of seconds above 0", id="timeout-0"),
    pytest.param("timeout_seconds", "-1", "a number of seconds above 0", id="timeout-negative"),
    pytest.param("max_body_bytes", "-1", "an integer, 1 or more", id="max-body-negative"),
    pytest.param("workers", "0", "an integer from 1 to 256", id="workers-0"),
    pytest.param("port", "99999", "an integer from 1 to 65535", id="port-too-large"),
    pytest.param("port", "x", "an integer from 1 to 65535", id="port-not-a-number"),
    pytest.param("trusted_proxies", "bogus", "IP addresses or networks", id="trusted-proxies-bogus"),
    pytest.param("assets_dir", "/nonexistent", "an existing folder", id="assets-dir-missing"),
    pytest.param("log_level", "loud", "one of critical, error, warning, info, debug, trace", id="log-level-loud"),
    pytest.param("introspection", "maybe", "a boolean", id="introspection-maybe"),
    pytest.param("max_header_bytes", "10", "an integer from 1024", id="max-header-bytes-tiny"),
    pytest.param("read_timeout_seconds", "-5", "a number of seconds above 0", id="read-timeout-negative"),
    pytest.param("shutdown_grace_seconds", "nan", "a number of seconds, 0 or more", id="grace-nan"),
    pytest.param("max_connections", "0", "an integer, 1 or more", id="max-connections-0"),
]


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize(("name", "value", "allowed"), BAD_VALUES)
def test_server_settings_bad_flag_exits_3_with_one_line(capsys, name: str, value: str, allowed: str) -> None:
    flag = "--" + name.replace("_", "-")
    assert main(["serve", flag, value]) == ExitCode.BAD_INPUT == 3
    line = _one_line(capsys.readouterr().err)
    assert f"setting {name}" in line and repr(value) in line and flag in line and allowed in line


@pytest.mark.parametrize(("name", "value", "allowed"), BAD_VALUES)
def test_server_settings_bad_variable_exits_3_with_one_line(capsys, monkeypatch, name: str, value: str,
                                                            allowed: str) -> None:
    env = "CAREERGRAPH_" + name.upper()
    monkeypatch.setenv(env, value)
    assert main(["serve"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert f"setting {name}" in line and repr(value) in line and env in line and allowed in line


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"timeout_seconds": math.nan}, "setting timeout_seconds: got nan", id="nan"),
        pytest.param({"port": 0}, "setting port: got 0", id="port-0"),
        pytest.param({"max_batch": -1}, "setting max_batch: got -1", id="batch"),
        pytest.param({"trusted_proxies": ("10.0.0.0/8", "proxy.local")}, "setting trusted_proxies", id="proxy"),
    ],
)
def test_server_settings_refuse_bad_values_from_python(overrides: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings(**overrides)


def test_server_settings_parse_what_they_print() -> None:
    settings = Settings.from_env({"CAREERGRAPH_TRUSTED_PROXIES": "10.0.0.0/8, ::1", "CAREERGRAPH_LOG_LEVEL": "INFO",
                                  "CAREERGRAPH_ASSETS_DIR": ""}, timeout_seconds="2.5", workers="2")
    assert settings.trusted_proxies == ("10.0.0.0/8", "::1")
    assert (settings.log_level, settings.timeout_seconds, settings.workers, settings.assets_dir) == \
        ("info", 2.5, 2, None)


def test_server_settings_hold_one_limits_built_from_them() -> None:
    settings = Settings(max_depth=3, introspection=False)
    assert (settings.limits.max_depth, settings.limits.introspection) == (3, False)
    assert settings.limits is settings.limits


def test_server_settings_defaults_are_bounded() -> None:
    defaults = Settings()
    assert defaults.trusted_proxies == ()
    assert defaults.shutdown_grace_seconds == 10
    assert 0 < defaults.read_timeout_seconds <= 60 and 0 < defaults.keepalive_seconds <= 60
    config = uvicorn_config(defaults)
    assert (config.timeout_graceful_shutdown, config.proxy_headers) == (10, False)


def test_server_settings_every_setting_has_a_flag_and_a_variable() -> None:
    assert all(s.flag.startswith("--") and s.env.startswith("CAREERGRAPH_") and s.expected for s in SETTINGS)
    assert Path(Settings().seed).is_file()
