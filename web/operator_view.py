"""Layout builders of the operator view (``/operator``): pure functions of a snapshot.

The page lists the snapshot's dominant questions and topics; a link selects one
(``?cluster=<id>``, so a selection survives a reload and can be shared). The
detail shows its posts, sentiment mix, timeline and the matched playbook answer
with all wordings; the forms publish, rename, merge and dismiss. Post texts are
plain text children, never HTML.

>>> selected_cluster("?cluster=q-3f2a&lang=en"), selected_cluster("")
('q-3f2a', None)
>>> find_cluster({"questions": [{"id": "q-1"}], "topics": [{"id": "t-1"}]}, "t-1")
{'id': 't-1'}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import dcc, html

from radar.playbooks import Playbook
from web.figures import DEFAULT_TZ, cluster_figure
from web.ids import Id
from web.questions import card_title, published_line
from web.text import DEFAULT_LANG, LANGS, t

Cluster = Mapping[str, Any]
FIGURE_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": True}


def query(search: str | None) -> dict[str, str]:
    """The first value of each query parameter of ``search`` (``"?a=1&b=2"``)."""
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def selected_cluster(search: str | None) -> str | None:
    """The cluster id selected in the page address, if any."""
    return query(search).get("cluster") or None


def find_cluster(snapshot: Mapping[str, Any] | None, cluster_id: str | None) -> Cluster | None:
    """The question or topic with this id in the snapshot, or None."""
    if not snapshot or not cluster_id:
        return None
    for c in (snapshot.get("questions") or []) + (snapshot.get("topics") or []):
        if c.get("id") == cluster_id:
            return c
    return None


def href(cluster_id: str | None, lang: str) -> str:
    """Address of the operator view with a selection and a language.

    >>> href("q-1", "en")
    '/operator?cluster=q-1&lang=en'
    """
    params = {"cluster": cluster_id} if cluster_id else {}
    return "/operator?" + urlencode({**params, "lang": lang})


def skeleton(lang: str, token_configured: bool, interval_ms: int) -> html.Div:
    """The operator page: header, token bar, list, detail and the action forms."""
    disabled = not token_configured
    return html.Div(
        id=Id.OPERATOR,
        className="operator",
        lang=lang,
        children=[
            dcc.Interval(id=Id.OP_INTERVAL, interval=interval_ms, n_intervals=0),
            dcc.Store(id=Id.LANG, data=lang),
            dcc.Store(id=Id.OP_DONE, data=0),
            dcc.Store(id=Id.OP_RENDERED, data=None),
            html.Header(
                className="op-header",
                children=[
                    html.H1(t("operator_title", lang), className="op-title"),
                    html.Nav(
                        className="op-nav",
                        children=[
                            html.Span(t("language", lang), className="op-nav-label"),
                            *[
                                dcc.Link(
                                    code.upper(),
                                    href=href(None, code),
                                    className="op-lang" + (" active" if code == lang else ""),
                                )
                                for code in LANGS
                            ],
                            dcc.Link(
                                t("to_wall", lang), href=f"/?lang={lang}", className="op-wall"
                            ),
                        ],
                    ),
                ],
            ),
            html.Div(
                className="op-token",
                children=[
                    html.Label(t("token_label", lang), htmlFor=Id.OP_TOKEN),
                    dcc.Input(
                        id=Id.OP_TOKEN,
                        type="password",
                        placeholder=t("token_placeholder", lang),
                        persistence=True,
                        persistence_type="session",
                        autoComplete="off",
                        disabled=disabled,
                    ),
                    html.Span(
                        t("actions_disabled", lang) if disabled else t("token_hint", lang),
                        id=Id.OP_TOKEN_STATE,
                        className="op-token-state" + (" disabled" if disabled else ""),
                    ),
                ],
            ),
            html.Div(
                id=Id.OP_MESSAGE, className="op-message", role="status", **{"aria-live": "polite"}
            ),
            html.Main(
                className="op-body",
                children=[
                    html.Nav(id=Id.OP_LIST, className="op-list"),
                    html.Section(
                        className="op-main",
                        children=[
                            html.Div(id=Id.OP_DETAIL, className="op-detail"),
                            _forms(lang, disabled),
                        ],
                    ),
                ],
            ),
        ],
    )


def _forms(lang: str, disabled: bool) -> html.Section:
    return html.Section(
        className="op-forms",
        children=[
            html.H2(t("answer", lang), id=Id.OP_FORM_TITLE),
            html.Div(wording_picker([], None), id=Id.OP_WORDINGS),
            html.Div(
                className="op-row",
                children=[
                    html.Label(t("channel", lang), htmlFor=Id.OP_CHANNEL),
                    dcc.Dropdown(
                        id=Id.OP_CHANNEL,
                        options=[],
                        placeholder=t("choose_channel", lang),
                        clearable=False,
                        searchable=False,
                        className="op-dropdown",
                    ),
                    html.Button(
                        t("publish", lang),
                        id=Id.OP_PUBLISH,
                        className="op-button primary",
                        disabled=disabled,
                    ),
                ],
            ),
            html.Div(
                className="op-row",
                children=[
                    html.Label(t("rename_label", lang), htmlFor=Id.OP_LABEL),
                    dcc.Input(id=Id.OP_LABEL, type="text", maxLength=120, className="op-input"),
                    html.Button(
                        t("rename", lang), id=Id.OP_RENAME, className="op-button", disabled=disabled
                    ),
                ],
            ),
            html.Div(
                className="op-row",
                children=[
                    html.Label(t("merge_label", lang), htmlFor=Id.OP_MERGE_TARGET),
                    dcc.Dropdown(
                        id=Id.OP_MERGE_TARGET,
                        options=[],
                        placeholder=t("choose_target", lang),
                        searchable=False,
                        className="op-dropdown",
                    ),
                    html.Button(
                        t("merge", lang), id=Id.OP_MERGE, className="op-button", disabled=disabled
                    ),
                ],
            ),
            html.Div(
                className="op-row",
                children=[
                    html.Button(
                        t("dismiss", lang),
                        id=Id.OP_DISMISS,
                        className="op-button danger",
                        disabled=disabled,
                    ),
                ],
            ),
        ],
    )


def cluster_links(
    snapshot: Mapping[str, Any] | None, selected: str | None, lang: str = DEFAULT_LANG
) -> list:
    """The questions, then the topics, each a link that selects it."""
    if not snapshot:
        return [html.P(t("waiting", lang), className="empty")]
    out: list = []
    for title, kind in (("questions", "questions"), ("topics", "topics")):
        items = []
        for c in snapshot.get(kind) or []:
            cid = str(c.get("id") or "")
            name = _name(c) or cid
            classes = [
                "op-item",
                "gap" if c.get("gap") else "",
                "published" if c.get("published") else "",
            ]
            items.append(
                html.Li(
                    dcc.Link(
                        [
                            html.Span(name, className="op-item-label"),
                            html.Span(str(int(c.get("size") or 0)), className="op-item-size"),
                        ],
                        href=href(cid, lang),
                        className=" ".join(x for x in classes if x)
                        + (" selected" if cid == selected else ""),
                    ),
                    **{"data-cluster": cid},
                )
            )
        out += [html.H2(t(title, lang)), html.Ul(items or [html.Li("–", className="empty")])]
    return out


def _name(cluster: Cluster) -> str:
    """Questions read as on the wall (the central question); topics by their keywords."""
    if cluster.get("kind") == "question":
        return card_title(cluster)
    return str(cluster.get("label") or cluster.get("representative") or "")


def cluster_detail(
    snapshot: Mapping[str, Any] | None,
    cluster_id: str | None,
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
) -> list:
    """What the operator needs to decide: posts, sentiment, timeline, publish state."""
    cluster = find_cluster(snapshot, cluster_id)
    if cluster is None:
        key = "cluster_unknown" if cluster_id and snapshot else "pick_cluster"
        return [html.P(t(key, lang), className="empty")]
    mix = cluster.get("sentiment") or {}
    meta = [
        t(
            "size_line",
            lang,
            size=int(cluster.get("size") or 0),
            recent=int(cluster.get("recent") or 0),
            growth=f"{float(cluster.get('growth') or 1.0):.1f}",
        )
    ]
    if cluster.get("kind") == "question" and cluster.get("label") and not cluster.get("renamed"):
        meta.append(str(cluster["label"]))  # the keywords, next to the question's own words
    if cluster.get("state"):
        meta.append(t(f"state_{cluster['state']}", lang))
    if cluster.get("renamed"):
        meta.append(t("renamed", lang))
    if cluster.get("merged"):
        meta.append(t("merged_from", lang, ids=", ".join(map(str, cluster["merged"]))))
    children: list = [
        html.H2(_name(cluster) or str(cluster.get("id")), className="op-label"),
        html.Div(" · ".join(meta), className="op-meta"),
        html.H3(t("representative", lang)),
        html.Blockquote(str(cluster.get("representative") or ""), className="op-rep"),
        correction_bar(cluster.get("representative_id"), lang),
    ]
    examples = [str(e) for e in cluster.get("examples") or [] if e]
    if examples:
        ids = list(cluster.get("example_ids") or []) + [None] * len(examples)
        children += [
            html.H3(t("examples", lang)),
            html.Ul(
                [
                    html.Li([e, correction_bar(i, lang)])
                    for e, i in zip(examples, ids, strict=False)
                ],
                className="op-examples",
            ),
        ]
    children.append(
        html.Div(
            className="op-mix",
            children=[
                html.Span(
                    f"{t(name, lang)} {round(100 * float(mix.get(name) or 0))}%",
                    className=f"op-mix-{name}",
                )
                for name in ("negative", "neutral", "positive")
            ],
        )
    )
    children += [
        html.H3(t("timeline", lang)),
        dcc.Graph(
            figure=cluster_figure(cluster, (snapshot or {}).get("bins") or [], lang, tz),
            config=FIGURE_CONFIG,
            className="op-timeline",
        ),
    ]
    published = published_line(cluster, lang, tz)
    if published:
        after = cluster.get("after_publish") or {}
        rate = (
            t("rate_line", lang, before=after["before_rate"], after=after["after_rate"])
            if after.get("before_rate") is not None
            and (after.get("before_rate") or after.get("after_rate"))
            else t("no_before", lang)  # nothing yet, or no posts on either side to compare
        )
        children.append(
            html.Div(
                [html.H3(t("did_it_help", lang)), *published, html.Span(rate, className="p-rate")],
                className="op-published",
            )
        )
    return children


def wording_picker(
    options: list[dict[str, Any]], value: str | None, hint: str | None = None
) -> list:
    """The wordings to choose from, as a new radio group each time the selection changes.

    The group is rebuilt, not updated in place: an update of options whose labels are
    components left the previous question's wordings on screen (and broke the renderer).
    With no wordings it says why (``hint``), and the group stays, empty, for the forms.

    >>> [type(c).__name__ for c in wording_picker([], None, "geen voorbereid antwoord")]
    ['RadioItems', 'P']
    """
    group = dcc.RadioItems(id=Id.OP_WORDING, options=options, value=value, className="op-wordings")
    return [group] + ([html.P(hint, className="op-no-wording")] if hint and not options else [])


CORRECTIONS = (("question", "no"), ("question", "yes")) + tuple(
    ("sentiment", name) for name in ("negative", "neutral", "positive")
)


def correction_bar(mention_id: str | None, lang: str) -> html.Div | str:
    """Buttons that correct one post: "geen vraag", "wel een vraag", its sentiment.

    >>> [b.id["value"] for b in correction_bar("m1", "nl").children]
    ['no', 'yes', 'negative', 'neutral', 'positive']
    """
    if not mention_id:
        return ""
    return html.Div(
        [
            html.Button(
                t(f"correct_{field}_{value}", lang),
                id={"type": Id.OP_CORRECT, "mention": mention_id, "field": field, "value": value},
                className="op-correct",
                title=t("correct_hint", lang),
            )
            for field, value in CORRECTIONS
        ],
        className="op-corrections",
    )


def form_state(
    snapshot: Mapping[str, Any] | None,
    cluster_id: str | None,
    playbooks: Mapping[str, Playbook],
    lang: str = DEFAULT_LANG,
) -> tuple:
    """(form title, wording picker, channel options, channel value, label, merge options)
    for the selected cluster; empty forms when none is selected."""
    cluster = find_cluster(snapshot, cluster_id)
    if cluster is None:
        return t("answer", lang), wording_picker([], None), [], None, "", []
    wordings, suggested, channels = answer_options(cluster, playbooks, lang)
    title = t("answer", lang)
    match = cluster.get("playbook") or {}
    if match:
        title = f"{title}: {match.get('title') or match.get('id')} · {match.get('answer_id')}"
        if match.get("example"):
            title = f"{title} ({t('matched_on', lang, example=match['example'])})"
    elif cluster.get("kind") == "question":
        title = f"{title}: {t('gap', lang)}"
        near = cluster.get("nearest") or {}
        if near.get("answer_id"):
            title += (
                " ("
                + t(
                    "nearest",
                    lang,
                    answer=f"{near.get('id')} · {near['answer_id']}",
                    score=f"{round(100 * float(near.get('score') or 0))}%",
                )
                + ")"
            )
    kind = cluster.get("kind")
    targets = [
        {"label": f"{_name(c) or c.get('id')} ({c.get('id')})", "value": c["id"]}
        for c in (snapshot or {}).get("questions" if kind == "question" else "topics") or []
        if c.get("id") != cluster_id
    ]
    channel_options = [{"label": c, "value": c} for c in channels]
    hint = (
        None
        if wordings
        else t("no_wording" if cluster.get("kind") == "question" else "no_wording_topic", lang)
    )
    return (
        title,
        wording_picker(wordings, suggested, hint),
        channel_options,
        channels[0] if len(channels) == 1 else None,
        card_title(cluster)
        if cluster.get("kind") == "question"
        else str(cluster.get("label") or ""),
        targets,
    )


def answer_options(
    cluster: Cluster, playbooks: Mapping[str, Playbook], lang: str = DEFAULT_LANG
) -> tuple[list[dict[str, Any]], str | None, Sequence[str]]:
    """Radio options of every wording of the matched answer, each with a copy button;
    the suggested wording's key; the playbook's channels."""
    match = cluster.get("playbook") or {}
    book = playbooks.get(str(match.get("id") or ""))
    answer = (
        next((a for a in book.answers if a.id == match.get("answer_id")), None) if book else None
    )
    if book is None or answer is None:
        return [], None, ()
    suggested = match.get("wording_key")
    options = []
    for i, text in enumerate(answer.wordings):
        key = f"{book.id}/{answer.id}/{i}"
        badge = [html.Span(t("suggested", lang), className="w-badge")] if key == suggested else []
        options.append(
            {
                "label": html.Span(
                    className="w-option",
                    children=[
                        html.Span(text, className="w-text"),
                        *badge,
                        dcc.Clipboard(content=text, title=t("copy", lang), className="w-copy"),
                    ],
                ),
                "value": key,
            }
        )
    keys = [o["value"] for o in options]
    return options, suggested if suggested in keys else (keys[0] if keys else None), book.channels
