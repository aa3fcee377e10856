"""Reading and checking scenario playbooks: strict YAML (a duplicated key is an error),
the schema, and one line per problem ``<file>: <key>: <what is wrong>; <what to do>``
(list positions count from 0). :func:`radar.playbooks.load_playbooks` builds on it.

>>> from radar.playbooks import shipped_playbook_dir
>>> check_playbooks(shipped_playbook_dir())
[]
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from radar.wording import counted

STATUSES = ("actief", "concept", "archief")
PLAYBOOK_KEYS = (
    "id",
    "title",
    "description",
    "status",
    "expert",
    "channels",
    "questions",
    "answers",
)
ANSWER_KEYS = ("id", "questions", "wordings")
EXPERT_KEYS = ("name", "role", "contact")
MIN_QUESTIONS = 5
MIN_ANSWERS = 2
MIN_ANSWER_QUESTIONS = 3
MIN_WORDINGS = 3
SUFFIXES = (".yaml", ".yml")


class _DuplicateKey(yaml.constructor.ConstructorError):
    pass


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(None, None, f"key '{key}' appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def same_text(text: str) -> str:
    """``text`` compared as a person would: spacing and case aside.

    >>> same_text("  Rijdt de  TREIN?") == same_text("rijdt de trein?")
    True
    """
    return " ".join(text.split()).casefold()


def _read(path: Path) -> tuple[Any, str | None]:
    """Parsed YAML of one file, or a problem line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, f"{path.name}: (file): not UTF-8 text; save the file as UTF-8"
    except OSError as exc:
        return None, f"{path.name}: (file): cannot be read ({exc.strerror}); check the permissions"
    try:
        return yaml.load(text, Loader=_StrictLoader), None
    except _DuplicateKey as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        return None, f"{path.name}: line {line}: {exc.problem}; keep one and merge the values"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, (
            f"{path.name}: line {line}: not valid YAML ({problem}); "
            "fix the indentation there, and quote texts that contain ': ' or start with a symbol"
        )


def _unknown(name: str, where: str, data: dict[Any, Any], known: Sequence[str]) -> list[str]:
    out = []
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f"did you mean '{close[0]}'? Known keys: " if close else "known keys are "
        out.append(f"{name}: {where}{key}: unknown key; {hint}{', '.join(known)}")
    return out


def _texts(name: str, key: str, value: Any, hint: str, required: bool = True) -> list[str]:
    """Problems of a list-of-texts value (missing, empty, wrong type, empty items)."""
    if value is None or value == []:
        return (
            [f"{name}: {key}: {'missing' if value is None else 'empty'}; {hint}"]
            if required
            else []
        )
    if not isinstance(value, list):
        return [
            f"{name}: {key}: expected a list of texts, got {_kind(value)}; "
            "write one item per line, starting with '- '"
        ]
    out = []
    for j, item in enumerate(value):
        if not isinstance(item, str):
            out.append(
                f"{name}: {key}[{j}]: expected a text, got {_kind(item)}; put the text in quotes"
            )
        elif not item.strip():
            out.append(f"{name}: {key}[{j}]: empty; remove the item or write the text")
    return out


def _text(name: str, key: str, value: Any, hint: str, required: bool) -> list[str]:
    if value is None:
        return [f"{name}: {key}: missing; {hint}"] if required else []
    if not isinstance(value, str):
        return [f"{name}: {key}: expected a text, got {_kind(value)}; put the text in quotes"]
    if not value.strip():
        return [f"{name}: {key}: empty; {hint}"]
    return []


def _check_answer(name: str, i: int, answer: Any) -> list[str]:
    where = f"answers[{i}]"
    if not isinstance(answer, dict):
        return [
            f"{name}: {where}: expected a mapping with id, questions and wordings, "
            f"got {_kind(answer)}; start the answer with '- id: ...'"
        ]
    out = _unknown(name, f"{where}.", answer, ANSWER_KEYS)
    out += _text(
        name, f"{where}.id", answer.get("id"), "add a short id, e.g. 'id: geld-terug'", True
    )
    for key, low, hint in (
        ("questions", MIN_ANSWER_QUESTIONS, "example question"),
        ("wordings", MIN_WORDINGS, "wording"),
    ):
        value = answer.get(key)
        todo = f"add at least {low} different {hint}s"
        problems = _texts(name, f"{where}.{key}", value, todo)
        out += problems
        if not isinstance(value, list) or not value:
            continue
        if len(value) < low:
            out.append(f"{name}: {where}.{key}: only {counted(len(value), hint)}; {todo}")
        if key == "wordings":
            first: dict[str, int] = {}
            for j, text in enumerate(value):
                if not isinstance(text, str):
                    continue
                k = first.setdefault(same_text(text), j)
                if k != j:
                    out.append(
                        f"{name}: {where}.wordings[{j}]: same text as wordings[{k}]; "
                        "make each wording different"
                    )
    return out


def _check_data(path: Path, data: Any) -> list[str]:
    """Every problem of one parsed playbook file."""
    name, stem = path.name, path.stem
    if data is None:
        return [f"{name}: (file): empty; add id, title, questions and answers"]
    if not isinstance(data, dict):
        return [
            f"{name}: (file): expected a mapping of keys, got {_kind(data)}; "
            f"start the file with 'id: {stem}'"
        ]
    out = _unknown(name, "", data, PLAYBOOK_KEYS)
    pid = data.get("id")
    out += _text(name, "id", pid, f"add 'id: {stem}'", True)
    if isinstance(pid, str) and pid.strip() and pid != stem:
        out.append(
            f"{name}: id: '{pid}' differs from the file name; "
            f"use 'id: {stem}' or rename the file to {pid}{path.suffix}"
        )
    out += _text(name, "title", data.get("title"), "add a title, e.g. 'title: Treinstoring'", True)
    out += _text(name, "description", data.get("description"), "describe the scenario", False)
    status = data.get("status")
    out += _text(name, "status", status, "use one of " + ", ".join(STATUSES), False)
    if isinstance(status, str) and status.strip() and status not in STATUSES:
        out.append(
            f"{name}: status: '{status}' is not a known status; use one of {', '.join(STATUSES)}"
        )
    expert = data.get("expert")
    if expert is None:
        out.append(
            f"{name}: expert: missing; add the content expert to ask "
            "(name:, role: and contact: on indented lines)"
        )
    elif not isinstance(expert, dict):
        out.append(
            f"{name}: expert: expected a mapping, got {_kind(expert)}; "
            "write name:, role: and contact: on indented lines"
        )
    elif isinstance(expert, dict):
        out += _unknown(name, "expert.", expert, EXPERT_KEYS)
        for key in EXPERT_KEYS:
            out += _text(name, f"expert.{key}", expert.get(key), "fill it in", key == "name")
    channels = data.get("channels")
    if channels is None or channels == []:
        out.append(
            f"{name}: channels: {'missing' if channels is None else 'empty'}; list where "
            "answers are published, e.g. [X, Facebook, website] (publishing needs one)"
        )
    else:
        out += _texts(name, "channels", channels, "", required=False)
    questions = data.get("questions")
    todo = f"add at least {MIN_QUESTIONS} with varied wordings"
    problems = _texts(
        name, "questions", questions, f"add a list of at least {MIN_QUESTIONS} example questions"
    )
    out += problems
    if isinstance(questions, list) and 0 < len(questions) < MIN_QUESTIONS:
        out.append(f"{name}: questions: only {counted(len(questions), 'example question')}; {todo}")
    answers = data.get("answers")
    if answers is None or answers == []:
        state = "missing" if answers is None else "empty"
        out.append(
            f"{name}: answers: {state}; add a list of at least {MIN_ANSWERS} prepared answers"
        )
    elif not isinstance(answers, list):
        out.append(
            f"{name}: answers: expected a list of answers, got {_kind(answers)}; "
            "start each answer with '- id: ...'"
        )
    else:
        if len(answers) < MIN_ANSWERS:
            out.append(
                f"{name}: answers: only {counted(len(answers), 'answer')}; "
                f"add at least {MIN_ANSWERS} prepared answers"
            )
        seen: dict[str, int] = {}
        example_of: dict[str, tuple[int, str]] = {}
        for i, answer in enumerate(answers):
            for k, question in enumerate(_answer_questions(answer)):
                first = example_of.setdefault(same_text(question), (i, str(answer.get("id"))))
                if first[0] != i:
                    out.append(
                        f"{name}: answers[{i}].questions[{k}]: '{question}' is also an example "
                        f"of answers[{first[0]}] ('{first[1]}'); keep it under one answer"
                    )
            out += _check_answer(name, i, answer)
            aid = answer.get("id") if isinstance(answer, dict) else None
            if isinstance(aid, str) and aid.strip():
                k = seen.setdefault(aid, i)
                if k != i:
                    out.append(
                        f"{name}: answers[{i}].id: '{aid}' is already used by answers[{k}]; "
                        "give each answer its own id"
                    )
    return out


def _answer_questions(answer: Any) -> list[str]:
    questions = answer.get("questions") if isinstance(answer, dict) else None
    return [q for q in questions if isinstance(q, str)] if isinstance(questions, list) else []


def scan_playbooks(directory: Path) -> tuple[list[str], list[tuple[Path, dict[str, Any]]]]:
    """Problems of every playbook file in a folder (or one file), and the parsed files."""
    directory = Path(directory)
    if directory.is_file():
        paths = [directory]
    elif directory.is_dir():
        paths = sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())
        if not paths:
            return [
                f"{directory}: no playbook files (*.yaml, *.yml); add one file per scenario"
            ], []
    else:
        return [f"{directory}: folder not found; check the path or create the folder"], []
    problems: list[str] = []
    parsed: list[tuple[Path, dict[str, Any]]] = []
    owners: dict[str, str] = {}
    for path in paths:
        data, problem = _read(path)
        if problem:
            problems.append(problem)
            continue
        found = _check_data(path, data)
        problems += found
        pid = data.get("id") if isinstance(data, dict) else None
        if isinstance(pid, str) and pid.strip():
            other = owners.setdefault(pid, path.name)
            if other != path.name:
                problems.append(
                    f"{path.name}: id: '{pid}' is also used by {other}; "
                    "give each playbook its own id"
                )
        if not found:
            parsed.append((path, data))
    return problems, parsed


def check_playbooks(directory: Path) -> list[str]:
    """Every problem of the playbooks in a folder, one line each; empty = all good.

    >>> check_playbooks(Path("/nonexistent/playbooks"))
    ['/nonexistent/playbooks: folder not found; check the path or create the folder']
    """
    return scan_playbooks(directory)[0]
