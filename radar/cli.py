"""The ``radar`` command line. Imports are lazy: ``radar --help`` pays for none of the models.

Every command reads the store from ``--redis-url``, ``RADAR_REDIS_URL`` or the config
file; with none, the embedded store. Errors print one line ``Error: …`` and exit 1.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from radar.cli_args import (
    DEMO_FROM_MINUTE,
    DEMO_SPEED,
    build_parser,
    settings_from,
    wait_for_configured_redis,
)
from radar.cli_files import (
    cmd_analyze,
    cmd_export,
    cmd_feeds,
    cmd_import,
    cmd_replay,
    cmd_report,
    feed_line,
)
from radar.cli_log import configure_logging, console, log
from radar.errors import RadarError

_parser = build_parser  # the tests' and the docs' name for it
__all__ = ["DEMO_FROM_MINUTE", "DEMO_SPEED", "main"]
# one-shot commands log only warnings unless -v: their result is the line they print
QUIET_COMMANDS = frozenset(
    {"import", "export", "analyze", "report", "status", "feeds", "playbooks"}
)


# -- commands -------------------------------------------------------------------------------
def cmd_demo(args) -> int:
    from radar.demo import run_demo

    settings = settings_from(
        args, clock="data", refresh_seconds=5.0, namespace=args.namespace or "demo"
    )
    return run_demo(settings, speed=args.speed, seed=args.seed, from_minute=args.from_minute)


def _warn_feeds_on_the_data_clock(settings) -> None:
    """Live feeds on a recorded crisis: their newer items move the data clock past the
    recording, and the retention then trims the recording from the store."""
    live = [f.name for f in settings.feeds if f.enabled]
    if settings.clock == "data" and live:
        console.warning(
            'clock = "data" with %d live feed(s) (%s): items newer than the recording move '
            "the radar's clock past it, and mentions older than retention_hours (%g h) before "
            'that are trimmed; replay a recording without feeds, or set clock = "wall"',
            len(live),
            ", ".join(live[:3]),
            settings.retention_hours,
        )


def cmd_run(args) -> int:
    from radar.services import start_pipeline, stop_threads
    from radar.store import open_store

    settings = settings_from(args)
    if not args.no_web:
        from radar.services import check_port_free

        check_port_free(settings.web_host, settings.web_port)
    wait_for_configured_redis(settings, "run")  # as its stages do when started on their own
    _warn_feeds_on_the_data_clock(settings)
    stop = threading.Event()
    with open_store(settings) as store:
        threads = start_pipeline(settings, store, stop)
        try:
            if args.no_web:
                stop.wait()
            else:
                from web.app import serve

                serve(settings, store, settings.web_host, settings.web_port)
        finally:
            stop_threads(stop, threads)
    return 0


def cmd_ingest(args) -> int:
    from radar.feeds import feed_sources_from_urls, run_feeds
    from radar.store import open_store

    settings = settings_from(args)
    configured = {f.url for f in settings.feeds}
    extra = tuple(f for f in feed_sources_from_urls(args.feed) if f.url not in configured)
    settings = settings.replace(feeds=settings.feeds + extra)
    if not settings.feeds:
        raise RadarError("no feeds configured; add [[feeds]] to radar.toml or pass --feed URL")
    _warn_feeds_on_the_data_clock(settings)
    if not args.once:
        wait_for_configured_redis(settings, "ingest")
    started = time.time()
    with open_store(settings) as store:
        run_feeds(store, settings, threading.Event(), once=args.once)
        if not args.once:
            return 0
        polled = {f.url for f in settings.feeds if f.enabled}
        states = [s for s in store.all_feed_states() if s.get("url") in polled]
    for state in states:
        print(feed_line(state))
    failed = [s for s in states if float(s.get("last_error_at") or 0) >= started]
    if states and len(failed) == len(states):
        console.error("all %d feed(s) failed; see the lines above", len(states))
        return 1
    return 0


def cmd_worker(args) -> int:
    from radar.enrichment import Enricher, run_worker
    from radar.services import build_embedder, consumer_name
    from radar.store import open_store

    settings = settings_from(args)
    wait_for_configured_redis(settings, "worker")
    with open_store(settings) as store:
        key = (
            settings.pseudonym_key.encode() if settings.pseudonym_key else store.pseudonym_secret()
        )
        run_worker(
            store,
            Enricher(settings, build_embedder(settings), key),
            consumer_name(),
            threading.Event(),
        )
    return 0


def cmd_loop(args) -> int:
    from radar.leader import LeaderLock, Leadership
    from radar.loop import run_loop
    from radar.services import build_embedder, build_radar
    from radar.store import open_store

    settings = settings_from(args)
    wait_for_configured_redis(settings, "radar loop")
    stop = threading.Event()
    signalled = threading.Event()

    def on_term(_signum, _frame) -> None:
        signalled.set()
        stop.set()

    # systemd and docker stop with SIGTERM: finish the refresh and hand the lock over at once
    signal.signal(signal.SIGTERM, on_term)
    with open_store(settings) as store:
        from clustering.topics import warm_up

        radar = build_radar(settings, build_embedder(settings))
        # compile the clustering kernels before competing for the lock: compiling holds
        # the GIL for seconds on end and would starve a leader's lock renewals
        log.info("radar loop: compiling the clustering kernels (once per process)")
        warm_up()
        lock = LeaderLock(store.client, store.keys.leader, settings.leader_ttl_seconds)
        leadership = Leadership(lock, settings.leader_ttl_seconds, stop).start()
        try:
            run_loop(store, radar, settings, stop, leadership.is_leader, lock.token)
        finally:
            stop.set()
            leadership.join(timeout=5)
    return 130 if signalled.is_set() else 0  # stopped like Ctrl-C: the same exit code


def cmd_status(args) -> int:
    from radar.metrics import status_lines
    from radar.store import open_store

    settings = settings_from(args)
    with open_store(settings) as store:
        lines = status_lines(store, settings)
    for line in lines:
        print(line)
    return 0 if lines[0] == "health: ok" else 1


def cmd_web(args) -> int:
    from radar.services import check_port_free
    from radar.store import open_store
    from web.app import serve

    settings = settings_from(args)
    check_port_free(settings.web_host, settings.web_port)
    wait_for_configured_redis(settings, "web")
    with open_store(settings) as store:
        serve(settings, store, settings.web_host, settings.web_port)
    return 0


def cmd_playbooks(args) -> int:
    from radar.playbooks import check_playbooks, shipped_playbook_dir

    settings = settings_from(args)
    folder = Path(args.dir or settings.playbook_dir or shipped_playbook_dir())
    problems = check_playbooks(folder)
    for line in problems:
        print(line)
    if problems:
        console.error("%d problem(s) in %s", len(problems), folder)
        return 1
    print(f"{folder}: all playbooks are valid")
    return 0


COMMANDS = {
    "demo": cmd_demo,
    "run": cmd_run,
    "ingest": cmd_ingest,
    "worker": cmd_worker,
    "loop": cmd_loop,
    "web": cmd_web,
    "status": cmd_status,
    "import": cmd_import,
    "export": cmd_export,
    "feeds": cmd_feeds,
    "replay": cmd_replay,
    "analyze": cmd_analyze,
    "report": cmd_report,
    "playbooks": cmd_playbooks,
}


def _raise_interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _unknown_flags(command: argparse.ArgumentParser, extra: list[str]) -> None:
    """A misspelt flag: the command's own usage line, and the flag it probably meant."""
    import difflib

    known = [o for action in command._actions for o in action.option_strings]
    hints = [
        f"{flag} (did you mean {close[0]}?)" if close else flag
        for flag in extra
        for close in [difflib.get_close_matches(flag.split("=")[0], known, n=1)]
    ]
    command.error(f"unrecognized arguments: {' '.join(hints)}")


def main(argv: Sequence[str] | None = None) -> int:
    args, extra = build_parser().parse_known_args(argv)
    if extra:
        _unknown_flags(args.commands[args.command], extra)
    configure_logging(args.verbose, args.log_format, quiet=args.command in QUIET_COMMANDS)
    # systemd and docker stop with SIGTERM: unwind like Ctrl-C, so every stage stops, the
    # embedded store saves and its server stops (stages may install their own handler)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return COMMANDS[args.command](args)
    except RadarError as exc:
        console.error("%s", exc)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
