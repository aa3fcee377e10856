"""Build the long-lived parts (embedder, playbooks, radar) and run stages as threads.

``radar run`` and ``radar demo`` run every stage in one process; the stage
commands (``radar worker``, ``radar loop``, …) run one each. Heavy imports
happen here, on first use, never at ``radar --help``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from radar.config import Settings
from radar.errors import BackendNotInstalled, ConfigError, OutputError, PlaybookError

if TYPE_CHECKING:
    from radar.playbooks import Playbook

log = logging.getLogger(__name__)


def build_embedder(settings: Settings):
    """The configured embedder; clustering's errors become radar errors."""
    from clustering.embedders import EmbedderUnavailable, UnknownEmbedder, get_embedder

    try:
        return get_embedder(settings.embedder)
    except UnknownEmbedder as exc:
        raise ConfigError(f"embedder: {exc}") from None
    except EmbedderUnavailable as exc:
        raise BackendNotInstalled(str(exc)) from None


def build_playbook_index(settings: Settings, embedder):
    """Playbooks from the configured folder (or the shipped ones), embedded once."""
    from radar.playbooks import PlaybookIndex, load_playbooks

    folder = Path(settings.playbook_dir).expanduser() if settings.playbook_dir else None
    playbooks = load_playbooks(folder)
    if not playbooks:
        raise PlaybookError(f"{folder}: no playbooks found; add *.yaml files or unset playbook_dir")
    check_scenarios(settings.scenarios, playbooks)
    from radar.enrich.focus import embedding_text

    def embed_like_mentions(questions: list[str]) -> np.ndarray:
        # example questions are embedded the way mention questions are (names and noise dropped)
        return embedder.embed([embedding_text(q, "nl", True) for q in questions])

    return PlaybookIndex.build(playbooks, embed_like_mentions)


def check_scenarios(scenarios: Sequence[str], playbooks: Sequence[Playbook]) -> None:
    """ConfigError for a configured scenario that is no matchable playbook.

    >>> from radar.playbooks import load_playbooks
    >>> check_scenarios(["treinstoring"], load_playbooks())
    >>> check_scenarios(["treinstorng"], load_playbooks())
    Traceback (most recent call last):
    radar.errors.ConfigError: playbook_scenarios: no active playbook 'treinstorng' (did you mean 'treinstoring'?)
    """
    import difflib

    from radar.playbooks import MATCHED_STATUS

    active = [b.id for b in playbooks if b.status == MATCHED_STATUS]
    for scenario in scenarios:
        if scenario not in active:
            near = difflib.get_close_matches(scenario, active, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else f"; active: {', '.join(active)}"
            raise ConfigError(f"playbook_scenarios: no active playbook {scenario!r}{hint}")


def build_radar(settings: Settings, embedder):
    from radar.refresh import Radar

    return Radar(settings, build_playbook_index(settings, embedder), background_refits=True)


def consumer_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{threading.get_ident() % 10000}"


def start_thread(name: str, target: Callable[..., None], *args) -> threading.Thread:
    """A daemon thread that logs instead of dying silently."""

    def guarded() -> None:
        try:
            target(*args)
        except Exception:
            log.exception("stage %s stopped with an error", name)

    thread = threading.Thread(target=guarded, name=name, daemon=True)
    thread.start()
    return thread


def stop_threads(stop: threading.Event, threads: list[threading.Thread], timeout: float = 10.0):
    """Set ``stop`` and wait (together at most ``timeout`` s) for the stage threads to end,
    so none still talks to the store while it closes."""
    import time

    stop.set()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    late = [t.name for t in threads if t.is_alive()]
    if late:
        log.warning("stages still running at shutdown: %s", ", ".join(late))


def start_pipeline(
    settings: Settings, store, stop: threading.Event, with_feeds: bool = True
) -> list[threading.Thread]:
    """Feeds, one enrichment worker and the radar loop as threads of this process.

    The loop takes the leader lock like ``radar loop`` does, so ``/healthz`` and
    ``radar status`` name it, and a second ``radar run`` on the same Redis stands by
    instead of writing snapshots over this one's.
    """
    from clustering.topics import warm_up
    from radar.enrichment import Enricher, run_worker
    from radar.feeds import run_feeds
    from radar.leader import LeaderLock, Leadership
    from radar.loop import run_loop

    # numba compiles the clustering kernels while the embedding model loads (2 cores)
    start_thread("warm-up", warm_up)
    embedder = build_embedder(settings)
    radar = build_radar(settings, embedder)
    key = settings.pseudonym_key.encode() if settings.pseudonym_key else store.pseudonym_secret()
    enricher = Enricher(settings, embedder, key)
    lock = LeaderLock(store.client, store.keys.leader, settings.leader_ttl_seconds)
    leadership = Leadership(lock, settings.leader_ttl_seconds, stop).start()
    threads = [
        start_thread("worker", run_worker, store, enricher, consumer_name(), stop),
        start_thread(
            "loop", run_loop, store, radar, settings, stop, leadership.is_leader, lock.token
        ),
        leadership.thread,
    ]
    if with_feeds and settings.feeds:
        threads.append(start_thread("feeds", run_feeds, store, settings, stop))
    return threads


def port_unavailable(host: str, port: int, exc: OSError) -> OutputError:
    """The one-line error for a wall address that cannot be bound (checked up front by
    :func:`check_port_free`, and by the server itself should the port be taken between).

    >>> str(port_unavailable("127.0.0.1", 8050, OSError(98, "Address already in use")))[:52]
    'http://127.0.0.1:8050: cannot serve the wall (Addres'
    """
    return OutputError(
        f"http://{host}:{port}: cannot serve the wall ({exc.strerror or exc}); "
        "pass another --port (or web_port) or stop the program that uses it"
    )


def check_port_free(host: str, port: int) -> None:
    """Raise :func:`port_unavailable` when ``host:port`` cannot be bound, before any
    model loads or the wall's address is printed.

    >>> import socket
    >>> with socket.socket() as taken:
    ...     taken.bind(("127.0.0.1", 0)); taken.listen()
    ...     try:
    ...         check_port_free("127.0.0.1", taken.getsockname()[1])
    ...     except Exception as exc:  # radar.errors.OutputError
    ...         print(str(exc).split(": ", 1)[1][:24])
    cannot serve the wall (A
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise port_unavailable(host, port, exc) from None
