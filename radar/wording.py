"""Words for counts in what the radar prints: "1 question", "2 questions".

>>> counted(1, "question"), counted(3, "question"), counted(1, "copy", "copies")
('1 question', '3 questions', '1 copy')
>>> counted(2, "dominant question"), counted(0, "line skipped", "lines skipped")
('2 dominant questions', '0 lines skipped')
"""


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the word for one or for several (``plural``, else ``singular`` + "s", so
    a phrase whose plural is not its last word plus "s" names its ``plural``)."""
    if n == 1:
        return f"{n} {singular}"
    return f"{n} {plural or singular + 's'}"
