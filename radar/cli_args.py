"""The ``radar`` command line's arguments: the parser, and what commands read from the
parsed namespace (the typed settings, the field map of an input file).

>>> build_parser().parse_args(["analyze", "posts.csv", "--out", "out"]).command
'analyze'
"""

from __future__ import annotations

import argparse

# `radar demo`: the 3-hour drill in 9 minutes, so the wall plays the story live (spike,
# new questions one by one, the second failure's swing, relief); at 120x it was over
# before the first model fit and the wall showed only its end
DEMO_SPEED = 20.0
# `radar demo --from`: where the replay starts (radar.demo.DEMO_FROM_MINUTE, kept in step
# by tests/unit/test_demo.py; this module imports nothing heavy before a command runs)
DEMO_FROM_MINUTE = 14.0


def build_parser() -> argparse.ArgumentParser:
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
    field_flags(p)

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
    field_flags(p)

    p = sub.add_parser("analyze", parents=[common], help="offline run over a JSONL or CSV file")
    p.add_argument("file")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument(
        "--every",
        metavar="INTERVAL",
        help="a timeline snapshot per INTERVAL of data time (15m, 1h, 1d; 0 = none); default: "
        "15 min (more for long recordings) when the recording is longer than the window",
    )
    field_flags(p)

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


def field_flags(p: argparse.ArgumentParser) -> None:
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
        "user_name, screen_name, handle, author_name, auteur, gebruiker, gebruikersnaam, "
        "afzender)",
    )


def settings_from(args: argparse.Namespace, **extra):  # noqa: ANN201 - radar.config.Settings
    """The typed settings of a command: the config file, then its flags."""
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


def fields_from(args):
    from radar.files import FieldMap

    return FieldMap(
        text=args.text_field,
        time=args.time_field or "published",
        author=args.author_field,
        time_required=args.time_field is not None,
    )


def wait_for_configured_redis(settings, what: str) -> None:
    """Long-running stages wait for a configured Redis instead of exiting (one log line)."""
    from radar.health import wait_for_redis

    if settings.redis_url:
        wait_for_redis(settings.redis_url, what)
