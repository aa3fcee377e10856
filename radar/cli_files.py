"""The ``radar`` commands that read or write files and lists: import, export, feeds,
replay, analyze and report. Imports are lazy, like the rest of the command line.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from radar.cli_args import fields_from, settings_from, wait_for_configured_redis
from radar.cli_log import console, log
from radar.errors import OutputError, RadarError
from radar.wording import counted


def cmd_import(args) -> int:
    from radar.clock import undated_time
    from radar.files import check_input_file, read_mentions
    from radar.store import open_store

    check_input_file(args.file)
    settings = settings_from(args)
    bad: list[str] = []
    undated = None
    if settings.clock == "data":  # rows without a time join the recording, not today
        with open_store(settings) as store:
            undated = undated_time(settings.clock, store)
    mentions = [
        m
        for _line, m in read_mentions(
            args.file,
            fields_from(args),
            errors="skip",
            on_skip=lambda exc: bad.append(str(exc)),
            on_warning=_time_hint,
            now=undated,
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
        f"{args.file}: {counted(len(mentions), 'mention')} read, {counts.stored} new, "
        f"{counted(counts.exact_duplicates, 'duplicate')}, "
        f"{counted(counts.near_duplicates, 'near-duplicate copy', 'near-duplicate copies')}, "
        f"{counted(len(bad), 'bad line')} skipped"
    )
    if counts.exact_duplicates == len(mentions):  # not empty: that raised above
        console.warning(
            "every mention of %s is stored already, so nothing of it changed (an earlier "
            "import keeps its times); to read it again, e.g. with --time-field, import it "
            "into a new namespace (--namespace NAME)",
            args.file,
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

    from radar.clock import radar_now
    from radar.store import open_store
    from radar.timeutil import iso

    settings = settings_from(args)
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
            "%d enriched mentions are stored but outside the %g h window ending %s; %s",
            stored - len(mentions),
            settings.window_hours,
            iso(now),
            'for a recorded crisis set clock = "data" (RADAR_CLOCK=data)'
            if settings.clock == "wall"
            else "a longer window_hours (RADAR_WINDOW_HOURS) exports them",
        )
    return 0


def feed_line(state: dict) -> str:
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

    settings = settings_from(args)
    if args.what == "remove":
        return _remove_feed(settings, args.feed)
    configured = {f.url for f in settings.feeds}
    with open_store(settings) as store:
        states = store.all_feed_states()
    states.sort(key=lambda state: (state.get("name") or "", state.get("url") or ""))
    for state in states:
        stale = "" if state.get("url") in configured else "  (not in the config)"
        print(feed_line(state) + stale)
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
    settings = settings_from(args)
    mentions = [
        m
        for _line, m in read_mentions(
            args.file,
            fields_from(args),
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
    wait_for_configured_redis(settings, "replay")  # a drill started before Redis waits for it
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
    settings = settings_from(args)
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
            fields_from(args),
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
    settings = settings_from(args)
    with open_store(settings) as store:
        markdown, data = shift_handover(store, since)
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else markdown, end="")
    return 0
