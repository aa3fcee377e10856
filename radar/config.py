"""One typed settings object, built once from a TOML file, ``RADAR_*`` variables and CLI flags.

Precedence, lowest first: defaults < TOML file < environment < command-line flags.
Every setting is declared once (name, type, default, help); the same table feeds
validation, the environment names and the README.

>>> s = load_settings(env={"RADAR_WINDOW_HOURS": "2"}, overrides={"refresh_seconds": 5})
>>> s.window_hours, s.refresh_seconds, s.redis_url
(2.0, 5.0, None)
>>> load_settings(env={"RADAR_WINDOW_HOURS": "soon"})
Traceback (most recent call last):
...
radar.errors.ConfigError: RADAR_WINDOW_HOURS: expected a number, got 'soon'
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from radar.errors import ConfigError

ENV_PREFIX = "RADAR_"


def _setting(default: Any, help: str, *, secret: bool = False, **extra: Any) -> Any:
    """One declared setting; ``secret`` ones stay out of ``repr`` (and so out of logs)."""
    return field(
        default=default, repr=not secret, metadata={"help": help, "secret": secret, **extra}
    )


@dataclass(frozen=True)
class FeedSource:
    """One RSS/Atom feed to poll.

    >>> FeedSource(name="ns", url="https://example.org/rss").interval_seconds
    300.0
    """

    name: str
    url: str
    interval_seconds: float = 300.0
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Settings:
    """Every setting of the radar. Build it with :func:`load_settings`."""

    redis_url: str | None = _setting(None, "Redis URL; unset = embedded store (no server needed)")
    namespace: str = _setting("radar", "key namespace, so several radars can share one Redis")
    embedded_dir: str = _setting(
        "~/.local/share/crisis-radar", "folder of the embedded store's database file"
    )
    embedder: str = _setting(
        "use-multilingual",
        "embedding backend: use-multilingual | sentence-transformers:<name or path> | hashing",
    )
    window_hours: float = _setting(6.0, "rolling window the radar clusters, in hours")
    bin_minutes: float = _setting(1.0, "time bin for volume and sentiment series, in minutes")
    refresh_seconds: float = _setting(10.0, "seconds between two radar refreshes")
    retention_hours: float = _setting(48.0, "how long mentions stay in the store")
    clock: str = _setting(
        "wall", "radar clock: wall (real time) or data (latest mention time; drills, analyze)"
    )
    question_threshold: float = _setting(0.5, "question score from which a mention is a question")
    min_cluster_size: int = _setting(0, "HDBSCAN minimum cluster size; 0 = scale with the window")
    max_questions: int = _setting(12, "dominant questions shown on the wall")
    playbook_dir: str | None = _setting(None, "folder with playbook YAML files; unset = shipped")
    playbook_threshold: float = _setting(
        0.60, "cosine similarity from which a question matches a playbook"
    )
    playbook_scenarios: str = _setting(
        "",
        "playbook ids in play, comma-separated (e.g. treinstoring); empty = inferred from "
        "the questions",
    )
    batch_size: int = _setting(64, "mentions enriched per batch")
    pseudonym_key: str | None = _setting(
        None, "secret key for pseudonymising authors; unset = a key kept in the store", secret=True
    )
    keep_personal_data: bool = _setting(False, "store authors, e-mail addresses, phones raw")
    web_host: str = _setting("127.0.0.1", "host the wall listens on")
    web_port: int = _setting(8050, "port the wall listens on")
    web_lang: str = _setting("nl", "interface language of the wall and operator view: nl or en")
    web_connection_limit: int = _setting(
        1000, "open connections the web stage accepts (slow clients hold one each)"
    )
    web_channel_timeout_seconds: float = _setting(
        15.0, "seconds a connection may stay idle or half-sent before the web stage closes it"
    )
    operator_token: str | None = _setting(
        None,
        "token operators enter to publish, rename, merge, dismiss; unset = actions disabled",
        secret=True,
    )
    feed_timeout_seconds: float = _setting(
        10.0, "seconds a feed may take to connect, answer and transfer before it counts as failed"
    )
    feed_max_bytes: int = _setting(5 * 1024 * 1024, "largest feed document read, in bytes")
    push_token: str | None = _setting(
        None,
        "bearer token for POST /api/mentions; unset = push endpoint disabled (503)",
        secret=True,
    )
    push_max_bytes: int = _setting(1024 * 1024, "largest push request body, in bytes")
    push_rate_per_minute: int = _setting(
        120, "push requests one client (address) may send per minute"
    )
    leader_ttl_seconds: float = _setting(
        15.0, "lifetime of the radar loop's leader lock; a standby takes over within about this"
    )
    reclaim_idle_seconds: float = _setting(
        60.0, "a worker takes over mentions another worker left unacknowledged this long"
    )
    health_max_intervals: float = _setting(
        3.0, "/healthz fails when the snapshot is older than this many refresh intervals"
    )
    feeds: tuple[FeedSource, ...] = _setting((), "feeds to poll ([[feeds]] tables in the TOML)")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed, validated like the original."""
        return _validated(dataclasses.replace(self, **changes), {k: "override" for k in changes})

    @property
    def scenarios(self) -> tuple[str, ...]:
        """``playbook_scenarios`` as a tuple of ids.

        >>> Settings(playbook_scenarios="treinstoring, stroomstoring").scenarios
        ('treinstoring', 'stroomstoring')
        """
        return tuple(p.strip() for p in self.playbook_scenarios.split(",") if p.strip())


_FIELDS = {f.name: f for f in fields(Settings)}


def settings_table() -> list[tuple[str, str, Any, str]]:
    """(name, environment variable, default, help) for every scalar setting."""
    return [
        (f.name, ENV_PREFIX + f.name.upper(), f.default, f.metadata["help"])
        for f in fields(Settings)
        if f.name != "feeds"
    ]


def _coerce(name: str, raw: Any, source: str) -> Any:
    """Convert ``raw`` to the declared type of setting ``name``; ConfigError names ``source``."""
    kind = Settings.__annotations__[name]
    optional = "None" in kind
    if raw is None or (optional and isinstance(raw, str) and raw.strip() == ""):
        if optional:
            return None
        raise ConfigError(f"{source}: a value is required")
    try:
        if kind.startswith("float"):
            if isinstance(raw, bool):
                raise ValueError
            return float(raw)
        if kind.startswith("int"):
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            return int(raw)
    except (TypeError, ValueError):
        word = "a number" if kind.startswith("float") else "a whole number"
        raise ConfigError(f"{source}: expected {word}, got {raw!r}") from None
    if kind.startswith("bool"):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{source}: expected true or false, got {raw!r}")
    if not isinstance(raw, str):
        raise ConfigError(f"{source}: expected text, got {raw!r}")
    return raw


def _feed_from_table(table: Any, where: str) -> FeedSource:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: expected a table with name and url")
    known = {f.name for f in fields(FeedSource)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(sorted(known))}")
    for required in ("name", "url"):
        if not isinstance(table.get(required), str) or not table[required].strip():
            raise ConfigError(f"{where}.{required}: required text is missing")
    url = table["url"].strip()
    if not url.startswith(("http://", "https://", "file://")):
        raise ConfigError(f"{where}.url: {url!r} is not an http(s) URL")
    interval = table.get("interval_seconds", 300.0)
    if (
        isinstance(interval, bool)
        or not isinstance(interval, int | float)
        or not 0 < interval < math.inf  # NaN compares false
    ):
        raise ConfigError(f"{where}.interval_seconds: expected a positive number of seconds")
    terms = {}
    for key in ("include", "exclude"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            raise ConfigError(f"{where}.{key}: expected a list of terms")
        terms[key] = tuple(value)
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):  # "false" in quotes is text, and bool("false") is True
        raise ConfigError(f"{where}.enabled: expected true or false (no quotes), got {enabled!r}")
    lang = table.get("lang")
    if lang is not None and (not isinstance(lang, str) or not lang.strip()):
        raise ConfigError(f'{where}.lang: expected a language code such as "nl", got {lang!r}')
    return FeedSource(
        name=table["name"].strip(),
        url=url,
        interval_seconds=float(interval),
        include=terms["include"],
        exclude=terms["exclude"],
        lang=lang.strip() if lang else None,
        enabled=enabled,
    )


WEB_LANGS = ("nl", "en")
FLAGS = {"web_port": "--port", "web_host": "--host"}
"""Settings whose command-line flag is not their name with dashes (errors name the flag)."""


def _validated(settings: Settings, origins: Mapping[str, str]) -> Settings:
    """``settings`` when every value is valid; else a ConfigError naming where the bad
    value came from (file, environment variable, flag or default)."""

    def bad(name: str, what: str) -> ConfigError:
        return ConfigError(f"{origins.get(name, name + ' (default)')}: {what}")

    positive = ("window_hours", "bin_minutes", "refresh_seconds", "retention_hours", "batch_size")
    positive += ("feed_timeout_seconds", "feed_max_bytes", "push_max_bytes", "push_rate_per_minute")
    positive += ("leader_ttl_seconds", "reclaim_idle_seconds", "health_max_intervals")
    positive += ("web_connection_limit", "web_channel_timeout_seconds")
    for name in positive:
        value = getattr(settings, name)
        if not value > 0 or not math.isfinite(value):  # NaN compares false, inf never ends
            raise bad(name, f"must be a positive finite number, got {value}")
    # words from a fixed list read in any case ("RADAR_CLOCK=Data")
    settings = dataclasses.replace(
        settings, clock=settings.clock.strip().lower(), web_lang=settings.web_lang.strip().lower()
    )
    if settings.clock not in {"wall", "data"}:
        raise bad("clock", f"expected 'wall' or 'data', got {settings.clock!r}")
    if settings.web_lang not in WEB_LANGS:
        raise bad("web_lang", f"expected one of {', '.join(WEB_LANGS)}, got {settings.web_lang!r}")
    for name in ("question_threshold", "playbook_threshold"):
        if not 0.0 <= getattr(settings, name) <= 1.0:
            raise bad(name, f"must lie between 0 and 1, got {getattr(settings, name)}")
    if settings.min_cluster_size < 0:
        raise bad("min_cluster_size", "must be 0 (automatic) or more")
    if settings.max_questions < 1:
        raise bad("max_questions", f"must be 1 or more, got {settings.max_questions}")
    if not 1 <= settings.web_port <= 65535:
        raise bad("web_port", f"must be a port number 1-65535, got {settings.web_port}")
    if not settings.namespace or any(c in settings.namespace for c in "{}: "):
        raise bad("namespace", f"use letters, digits, - or _, got {settings.namespace!r}")
    if settings.redis_url and not settings.redis_url.startswith(
        ("redis://", "rediss://", "unix://")
    ):
        raise bad("redis_url", f"{settings.redis_url!r} is not a Redis URL (redis://host:port/db)")
    if settings.retention_hours < settings.window_hours:
        raise bad(
            "retention_hours",
            f"must be at least window_hours ({settings.window_hours}), "
            f"got {settings.retention_hours}",
        )
    return settings


def _refuse_duplicate_feeds(feeds: Sequence[FeedSource], where: str) -> None:
    """ConfigError when two feeds share a name or a URL (their health would mix)."""
    for attr in ("name", "url"):
        seen: dict[str, int] = {}
        for i, feed in enumerate(feeds):
            value = getattr(feed, attr)
            if value in seen:
                raise ConfigError(
                    f"{where}[{i}].{attr}: {value!r} is already used by feeds[{seen[value]}]; "
                    f"give every feed its own {attr}"
                )
            seen[value] = i


def _warn_misspelt_variables(env: Mapping[str, str]) -> None:
    """Log a warning for a ``RADAR_*`` variable that is close to a setting's but no setting.

    Other ``RADAR_*`` variables (test and tool options) pass silently.

    >>> _warn_misspelt_variables({"RADAR_TEST_REDIS_URL": "redis://x"})  # a test option
    """
    known = [ENV_PREFIX + name.upper() for name in _FIELDS] + [ENV_PREFIX + "CONFIG"]
    for var in env:
        if var.startswith(ENV_PREFIX) and var not in known and not var.startswith("RADAR_TEST_"):
            near = difflib.get_close_matches(var, known, n=1, cutoff=0.85)
            if near:
                logging.getLogger(__name__).warning(
                    "%s is not a setting and is ignored; did you mean %s?", var, near[0]
                )


def _unknown_setting(key: str) -> str:
    """The hint for an unknown setting name, with the nearest known one.

    >>> _unknown_setting("redis_ulr")
    "unknown setting 'redis_ulr' (did you mean 'redis_url'?); see README 'Configuration'"
    """
    near = difflib.get_close_matches(key, list(_FIELDS), n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return f"unknown setting {key!r}{hint}; see README 'Configuration'"


def load_settings(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the settings from a TOML file, environment variables and flag overrides.

    ``path`` None means: use ``RADAR_CONFIG`` when set, else ``radar.toml`` in the
    working folder when it exists, else defaults only.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    config_path = path or env.get(ENV_PREFIX + "CONFIG")
    if config_path is None and Path("radar.toml").is_file():
        config_path = "radar.toml"
    if config_path is not None:
        values.update(_read_toml(Path(config_path)))
        origins.update({name: f"{config_path}: {name}" for name in values})
    for name in _FIELDS:
        if name == "feeds":
            continue
        var = ENV_PREFIX + name.upper()
        if var in env:
            values[name] = _coerce(name, env[var], var)
            origins[name] = var
    _warn_misspelt_variables(env)
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        flag = FLAGS.get(name, f"--{name.replace('_', '-')}")
        if name not in _FIELDS:
            raise ConfigError(f"{flag}: not a setting")
        values[name] = value if name == "feeds" else _coerce(name, value, flag)
        origins[name] = flag
    return _validated(Settings(**values), origins)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found; pass -c (or RADAR_CONFIG) with an existing file"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("radar", data)
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key == "feeds":
            if not isinstance(raw, list):
                raise ConfigError(f"{path}: feeds: expected [[feeds]] tables")
            values["feeds"] = tuple(
                _feed_from_table(item, f"{path}: feeds[{i}]") for i, item in enumerate(raw)
            )
            _refuse_duplicate_feeds(values["feeds"], f"{path}: feeds")
        elif key in _FIELDS:
            values[key] = _coerce(key, raw, f"{path}: {key}")
        elif key != "radar":
            raise ConfigError(f"{path}: {_unknown_setting(key)}")
    return values
