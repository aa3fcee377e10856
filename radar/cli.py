"""The ``radar`` command line. Imports are lazy: ``radar --help`` pays for none of the models.

Every command reads the store from ``--redis-url``, ``RADAR_REDIS_URL`` or the config
file; with none, the embedded store. Errors print one line ``Error: …`` and exit 1.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from radar.errors import OutputError, RadarError
from radar.wording import counted

# `radar demo`: the 3-hour drill in 9 minutes, so the wall plays the story live (spike,
# new questions one by one, the second failure's swing, relief); at 120x it was over
# before the first model fit and the wall showed only its end
DEMO_SPEED = 20.0
# `radar demo --from`: where the replay starts (radar.demo.DEMO_FROM_MINUTE, kept in step
# by tests/unit/test_demo.py; this module imports nothing heavy before a command runs)
DEMO_FROM_MINUTE = 14.0

log = logging.getLogger("radar")
# the lines a person reads on stderr ("warning: …", "Error: …"): plain text, or JSON
# objects like every log line under --log-format json
console = logging.getLogger("radar.console")
# one-shot commands log only warnings unless -v: their result is the line they print
QUIET_COMMANDS = frozenset(
    {"import", "export", "analyze", "report", "status", "feeds", "playbooks"}
)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-c", "--config", help="TOML settings file (default: radar.toml if present)"
    )
    common.add_argument(
        "--redis-url", help="Redis URL (default: RADAR_REDIS_URL, else embedded store)"
    )
    common.add_argument("--namespace", help="key namespace (default: radar)")
    common.add_argument(
        "--embedder", help="use-multilingual | sentence-transformers:<name or path> | hashing"
    )
    common.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    common.add_argument(
        "--log-format",
        choices=["text", "json"],
        default="text",
        help="log lines as text (default) or one JSON object per line",
    )

    parser = argparse.ArgumentParser(
        prog="radar",
        description="Crisis radar: dominant questions and sentiment swings for webcare teams.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "demo", parents=[common], help="replay the bundled Dutch drill and serve the wall"
    )
    p.add_argument("--port", type=int, default=8050, help="port of the wall (default 8050)")
    p.add_argument("--host", default="127.0.0.1", help="address the wall listens on")
    p.add_argument(
        "--speed",
        type=float,
        default=DEMO_SPEED,
        help=f"replay speed (default {DEMO_SPEED:g}x: the 3-hour drill plays in 9 minutes)",
    )
    p.add_argument("--seed", type=int, default=7, help="seed of the generated drill (default 7)")
    p.add_argument(
        "--from",
        dest="from_minute",
        type=float,
        default=DEMO_FROM_MINUTE,
        metavar="MINUTE",
        help=f"drill minute to start replaying from; earlier posts are stored at once "
        f"(default {DEMO_FROM_MINUTE:g}: the first questions are building; 0: from the start)",
    )

    p = sub.add_parser("run", parents=[common], help="every stage in one process")
    p.add_argument("--host", help="address the wall listens on (default: the config's)")
    p.add_argument("--port", type=int, help="port of the wall (default: the config's)")
    p.add_argument("--no-web", action="store_true", help="do not serve the wall")

    p = sub.add_parser("ingest", parents=[common], help="poll the configured feeds")
    p.add_argument("--once", action="store_true", help="poll each feed once and exit")
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="extra feed URL")

    sub.add_parser("worker", parents=[common], help="enrich mentions (run as many as you like)")
    sub.add_parser("loop", parents=[common], help="the radar loop: window -> clusters -> snapshot")

    sub.add_parser("status", parents=[common], help="health, enrichment lag, leader, counters")

    p = sub.add_parser("web", parents=[common], help="serve the wall")
    p.add_argument("--host", help="address the wall listens on (default: the config's)")
    p.add_argument("--port", type=int, help="port of the wall (default: the config's)")

    p = sub.add_parser("import", parents=[common], help="load a JSONL or CSV file into the store")
    p.add_argument("file")
    _field_flags(p)

    p = sub.add_parser("export", parents=[common], help="dump the window or the corrections")
    p.add_argument(
        "what",
        choices=["mentions", "corrections"],
        metavar="mentions|corrections",
        help="the window's mentions, or the crisis team's corrections (for train_heads.py)",
    )
    p.add_argument("--out", required=True, help="FILE.jsonl")

    p = sub.add_parser("feeds", parents=[common], help="feed health; forget a feed")
    p.add_argument(
        "what", choices=["status", "remove"], metavar="status|remove", help="show or forget"
    )
    p.add_argument("feed", nargs="?", metavar="NAME_OR_URL", help="the feed to remove")

    p = sub.add_parser("replay", parents=[common], help="push a recorded stream with its timing")
    p.add_argument("file")
    p.add_argument("--speed", type=float, default=60.0, help="compress time by X (default 60)")
    _field_flags(p)

    p = sub.add_parser("analyze", parents=[common], help="offline run over a JSONL or CSV file")
    p.add_argument("file")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument(
        "--every",
        metavar="INTERVAL",
        help="a timeline snapshot per INTERVAL of data time (15m, 1h, 1d; 0 = none); default: "
        "15 min (more for long recordings) when the recording is longer than the window",
    )
    _field_flags(p)

    p = sub.add_parser(
        "report", parents=[common], help="shift handover from the live store (--since 8h)"
    )
    p.add_argument("--since", default="8h", help="the shift's length back from now (default 8h)")
    p.add_argument("--json", action="store_true", help="JSON instead of Markdown")

    p = sub.add_parser("playbooks", parents=[common], help="check playbook files")
    p.add_argument("what", choices=["check"], metavar="check", help="validate the playbooks")
    p.add_argument("dir", nargs="?", help="folder of playbooks (default: shipped)")
    parser.set_defaults(commands=sub.choices)  # each command's parser, for its own usage line
    return parser


def _field_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-field", default="text", help="column with the text (default: text)")
    p.add_argument(
        "--time-field",
        help="column with the time (default: published; without it every mention gets the "
        "current time)",
    )
    p.add_argument(
        "--author-field",
        default="author",
        help="column with the writer, pseudonymised (default: author, else user, username, "
        "user_name, screen_name, handle, author_name)",
    )


def _settings(args: argparse.Namespace, **extra):
    from radar.config import load_settings

    overrides = {
        "redis_url": args.redis_url,
        "namespace": args.namespace,
        "embedder": args.embedder,
        "web_host": getattr(args, "host", None),
        "web_port": getattr(args, "port", None),
        **extra,
    }
    return load_settings(args.config, overrides=overrides)


def _fields(args):
    from radar.files import FieldMap

    return FieldMap(
        text=args.text_field,
        time=args.time_field or "published",
        author=args.author_field,
        time_required=args.time_field is not None,
    )


# -- commands -------------------------------------------------------------------------------
def cmd_demo(args) -> int:
    from radar.demo import run_demo

    settings = _settings(
        args, clock="data", refresh_seconds=5.0, namespace=args.namespace or "demo"
    )
    return run_demo(settings, speed=args.speed, seed=args.seed, from_minute=args.from_minute)


def cmd_run(args) -> int:
    from radar.services import start_pipeline, stop_threads
    from radar.store import open_store

    settings = _settings(args)
    if not args.no_web:
        from radar.services import check_port_free

        check_port_free(settings.web_host, settings.web_port)
    _wait_for_redis(settings, "run")  # as its stages do when started on their own
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

    settings = _settings(args)
    configured = {f.url for f in settings.feeds}
    extra = tuple(f for f in feed_sources_from_urls(args.feed) if f.url not in configured)
    settings = settings.replace(feeds=settings.feeds + extra)
    if not settings.feeds:
        raise RadarError("no feeds configured; add [[feeds]] to radar.toml or pass --feed URL")
    if not args.once:
        _wait_for_redis(settings, "ingest")
    started = time.time()
    with open_store(settings) as store:
        run_feeds(store, settings, threading.Event(), once=args.once)
        if not args.once:
            return 0
        polled = {f.url for f in settings.feeds if f.enabled}
        states = [s for s in store.all_feed_states() if s.get("url") in polled]
    for state in states:
        print(_feed_line(state))
    failed = [s for s in states if float(s.get("last_error_at") or 0) >= started]
    if states and len(failed) == len(states):
        console.error("all %d feed(s) failed; see the lines above", len(states))
        return 1
    return 0


def cmd_worker(args) -> int:
    from radar.enrichment import Enricher, run_worker
    from radar.services import build_embedder, consumer_name
    from radar.store import open_store

    settings = _settings(args)
    _wait_for_redis(settings, "worker")
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

    settings = _settings(args)
    _wait_for_redis(settings, "radar loop")
    stop = threading.Event()
    # systemd and docker stop with SIGTERM: finish the refresh and hand the lock over at once
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
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
    return 0


def cmd_status(args) -> int:
    from radar.metrics import status_lines
    from radar.store import open_store

    settings = _settings(args)
    with open_store(settings) as store:
        lines = status_lines(store, settings)
    for line in lines:
        print(line)
    return 0 if lines[0] == "health: ok" else 1


def _wait_for_redis(settings, what: str) -> None:
    """Long-running stages wait for a configured Redis instead of exiting (one log line)."""
    from radar.health import wait_for_redis

    if settings.redis_url:
        wait_for_redis(settings.redis_url, what)


def cmd_web(args) -> int:
    from radar.services import check_port_free
    from radar.store import open_store
    from web.app import serve

    settings = _settings(args)
    check_port_free(settings.web_host, settings.web_port)
    _wait_for_redis(settings, "web")
    with open_store(settings) as store:
        serve(settings, store, settings.web_host, settings.web_port)
    return 0


def cmd_import(args) -> int:
    from radar.files import check_input_file, read_mentions
    from radar.store import open_store

    check_input_file(args.file)
    settings = _settings(args)
    bad: list[str] = []
    mentions = [
        m
        for _line, m in read_mentions(
            args.file,
            _fields(args),
            errors="skip",
            on_skip=lambda exc: bad.append(str(exc)),
            on_warning=_time_hint,
        )
    ]
    if not mentions:
        if len(bad) == 1:
            raise RadarError(f"no mentions read: {bad[0]}")
        more = f"; {len(bad)} bad lines, the first: {bad[0]}" if bad else ""
        raise RadarError(f"{args.file}: no mentions in the file{more}")
    for line in bad:
        console.warning("%s", line)
    with open_store(settings) as store:
        counts = store.ingest(mentions)
    print(
        f"{args.file}: {len(mentions)} mentions read, {counts.stored} new, "
        f"{counts.exact_duplicates} duplicates, {counts.near_duplicates} near-duplicate copies, "
        f"{len(bad)} bad lines skipped"
    )
    _warn_outside_window(settings, [m.published for m in mentions])
    return 0


def _time_hint(text: str) -> None:
    """Import and replay: a file without times is stamped with the current time, which is
    meant for a batch of plain texts; it is said only when the file has a time-like column
    (the likely mistake: a recording whose time column has another name)."""
    if "time-like columns:" in text:
        console.warning("%s", text)


def _warn_outside_window(settings, times: list[float]) -> None:
    """With the wall clock, recorded mentions older than the window never show: say so."""
    if settings.clock != "wall":
        return
    cutoff = time.time() - settings.window_hours * 3600
    old = sum(1 for t in times if t < cutoff)
    if old:
        console.warning(
            "%d of %d mentions are older than the %g h window, so the wall (clock=wall) "
            'will not show them; for a recorded crisis set clock = "data" (RADAR_CLOCK=data)',
            old,
            len(times),
            settings.window_hours,
        )


def _output_dir(path: str) -> None:
    """Create an output folder, or say in one line why it cannot be one."""
    if Path(path).exists() and not Path(path).is_dir():
        raise OutputError(f"{path}: is a file; --out takes a folder (it will be created)")
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the output folder ({exc.strerror})") from None


def _export_corrections(settings, out: Path) -> int:
    """``radar export corrections``: one JSON line per corrected post (id, text, lang, at,
    the corrected fields), the input of ``scripts/train_heads.py --corrections``."""
    import json

    from radar.corrections import Corrections
    from radar.store import open_store

    with open_store(settings) as store:
        rows = Corrections(store).all()
    try:
        with out.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror})") from None
    print(f"{out}: {len(rows)} corrections")
    return 0


def cmd_export(args) -> int:
    import json

    from radar.loop import radar_now
    from radar.store import open_store
    from radar.timeutil import iso

    settings = _settings(args)
    out = Path(args.out)
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; --out takes a file name such as mentions.jsonl")
    if not out.parent.is_dir():
        raise OutputError(f"{out}: the folder {out.parent} does not exist; create it first")
    if args.what == "corrections":
        return _export_corrections(settings, out)
    with open_store(settings) as store:
        now = radar_now(settings, store) or 0.0
        mentions, _ = store.window(now - settings.window_hours * 3600, now)
        stored = store.enriched_count()
        waiting = store.pending_count()
    try:
        with out.open("w", encoding="utf-8") as handle:
            for m in mentions:
                handle.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror})") from None
    print(f"{args.out}: {len(mentions)} mentions")
    if waiting:
        console.warning(
            "%d mentions still wait for enrichment and are not exported; run a worker "
            "(radar worker, or radar run) and export again",
            waiting,
        )
    if stored > len(mentions):
        console.warning(
            "%d enriched mentions are stored but outside the %g h window ending %s; "
            'for a recorded crisis set clock = "data" (RADAR_CLOCK=data)',
            stored - len(mentions),
            settings.window_hours,
            iso(now),
        )
    return 0


def _feed_line(state: dict) -> str:
    from radar.timeutil import iso

    def when(key):
        return iso(float(state[key])) if state.get(key) else "never"

    status = "ERROR " + state["last_error"] if state.get("last_error") else "ok"
    if not state.get("last_error") and state.get("last_warning"):
        status = "WARNING " + state["last_warning"]
    return (
        f"{state.get('name', '?')}  {state.get('url', '?')}  last success {when('last_success')}  "
        f"items {state.get('items', 0)}  next poll {when('next_poll')}  {status}"
    )


def cmd_feeds(args) -> int:
    from radar.store import open_store

    settings = _settings(args)
    if args.what == "remove":
        return _remove_feed(settings, args.feed)
    configured = {f.url for f in settings.feeds}
    with open_store(settings) as store:
        states = store.all_feed_states()
    for state in states:
        stale = "" if state.get("url") in configured else "  (not in the config)"
        print(_feed_line(state) + stale)
    if not states:
        print("no feeds polled yet")
    return 0


def _remove_feed(settings, which: str | None) -> int:
    """Forget a feed's health and conditional-GET state (its mentions stay)."""
    from radar.feeds import url_hash
    from radar.store import open_store

    if not which:
        raise RadarError("feeds remove: name the feed, e.g. radar feeds remove nos.nl/rss")
    with open_store(settings) as store:
        states = store.all_feed_states()
        chosen = [s for s in states if which in (s.get("name"), s.get("url"))]
        if not chosen:
            known = ", ".join(sorted(s.get("name", "?") for s in states)) or "none"
            raise RadarError(f"feeds remove: no feed {which!r}; known: {known}")
        for state in chosen:
            store.remove_feed_state(url_hash(state["url"]))
            print(f"removed {state.get('name')}  {state.get('url')}")
    return 0


def cmd_replay(args) -> int:
    from radar.files import read_mentions
    from radar.replay import replay_mentions
    from radar.store import open_store

    if args.speed <= 0:
        raise RadarError("--speed: must be positive, e.g. --speed 60")
    settings = _settings(args)
    mentions = [
        m
        for _line, m in read_mentions(
            args.file,
            _fields(args),
            source_type="replay",
            errors="skip",
            on_skip=lambda exc: console.warning("%s", exc),
            on_warning=_time_hint,
        )
    ]
    if not mentions:
        raise RadarError(f"{args.file}: no mentions to replay")
    span = max(m.published for m in mentions) - min(m.published for m in mentions)
    log.info(
        "replaying %d mentions spanning %.0f s in %.0f s (%gx)",
        len(mentions),
        span,
        span / args.speed,
        args.speed,
    )
    progress = {"done": 0, "shown": time.monotonic()}

    def show(n: int) -> None:
        progress["done"] += n
        if time.monotonic() - progress["shown"] >= 10:
            progress["shown"] = time.monotonic()
            log.info("replayed %d of %d mentions", progress["done"], len(mentions))

    stop = threading.Event()
    _wait_for_redis(settings, "replay")  # a drill started before Redis waits for it
    with open_store(settings) as store:
        try:
            stored = replay_mentions(store, mentions, args.speed, stop, on_progress=show)
        except KeyboardInterrupt:
            stop.set()
            print(f"{args.file}: replay interrupted after {progress['done']} mentions")
            return 130
    print(f"{args.file}: replayed {len(mentions)} mentions at {args.speed:g}x, {stored} new")
    _warn_outside_window(settings, [m.published for m in mentions])
    return 0


def cmd_analyze(args) -> int:
    from radar.analyze import Interrupted, analyze_file
    from radar.files import check_input_file
    from radar.services import build_embedder, build_playbook_index
    from radar.timeline import parse_interval

    every = (
        None
        if args.every is None
        else (0.0 if args.every.strip() in ("0", "none") else parse_interval(args.every))
    )
    settings = _settings(args)
    check_input_file(args.file)
    existed = Path(args.out).is_dir()
    _output_dir(args.out)  # before minutes of enrichment, not after
    try:
        embedder = build_embedder(settings)
        result = analyze_file(
            args.file,
            args.out,
            settings,
            embedder,
            build_playbook_index(settings, embedder),
            _fields(args),
            on_skip=lambda exc: console.warning("%s", exc),
            on_warning=lambda text: console.warning("%s", text),
            every=every,
        )
    except (Interrupted, KeyboardInterrupt) as exc:
        written = getattr(exc, "written", [])
        note = getattr(exc, "note", "")
        if not written and not existed and not any(Path(args.out).iterdir()):
            Path(args.out).rmdir()
            console.error("interrupted: nothing written (removed the empty folder %s)", args.out)
        else:
            missing = [
                f
                for f in ("mentions.jsonl", "snapshot.json", "report.md", "report.html")
                if f not in written
            ]
            console.error(
                "interrupted: %s has %s%s; not written: %s",
                args.out,
                ", ".join(written) or "nothing new",
                f" ({note})" if note else "",
                ", ".join(missing) or "nothing",
            )
        return 130
    snap = result.snapshot
    timeline = (
        f", timeline.jsonl ({result.timeline} snapshots, one per {result.every / 60:g} min)"
        if result.every
        else ""
    )
    print(
        f"{args.out}: {counted(result.rows, 'mention')} "
        f"({counted(result.skipped, 'line skipped', 'lines skipped')}, "
        f"{counted(result.duplicates, 'duplicate or copy', 'duplicates or copies')}), "
        f"{counted(snap['totals']['questions'], 'question')}, "
        f"{counted(len(snap['questions']), 'dominant question')}, "
        f"{counted(len(snap['topics']), 'topic')}; wrote mentions.jsonl, "
        f"snapshot.json{timeline}, report.md, report.html"
    )
    return 0


def cmd_report(args) -> int:
    import json

    from radar.report_live import shift_handover
    from radar.store import open_store
    from radar.timeline import parse_interval

    since = parse_interval(args.since)
    settings = _settings(args)
    with open_store(settings) as store:
        markdown, data = shift_handover(store, since)
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else markdown, end="")
    return 0


def cmd_playbooks(args) -> int:
    from radar.playbooks import check_playbooks, shipped_playbook_dir

    settings = _settings(args)
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


class _JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the traceback if any)."""

    def format(self, record: logging.LogRecord) -> str:
        import json

        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _ConsoleFormatter(logging.Formatter):
    """``warning: <message>`` and ``Error: <message>``: the one-line form of the CLI."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = "Error" if record.levelno >= logging.ERROR else record.levelname.lower()
        return f"{prefix}: {record.getMessage()}"


def _configure_logging(verbose: bool, log_format: str, quiet: bool = False) -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S")
        )
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    # set on every call (main runs more than once in one process in the tests)
    for name in ("radar", "clustering", "web"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet and not verbose else 0)
    # stderr as it is now (tests swap it); replaced on every call, never duplicated
    out = logging.StreamHandler(sys.stderr)
    out.setFormatter(_JsonFormatter() if log_format == "json" else _ConsoleFormatter())
    console.handlers[:] = [out]
    console.propagate = False
    console.setLevel(logging.INFO)


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
    args, extra = _parser().parse_known_args(argv)
    if extra:
        _unknown_flags(args.commands[args.command], extra)
    _configure_logging(args.verbose, args.log_format, quiet=args.command in QUIET_COMMANDS)
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
