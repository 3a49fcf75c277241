"""One report's record for people (``dragoman analyze`` without ``--json``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dragoman.cli.render.base import cell, table
from dragoman.models import Article, ArticleRecord


def _fields(article: Article) -> Table:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    for name, value in (
        ("id", article.id),
        ("source", article.source),
        ("outlet", article.outlet),
        ("url", article.url),
        ("published", article.published),
        ("title", article.title),
        ("language", article.language),
    ):
        fields.add_row(name, escape(cell(value)))
    return fields


def _photo(article: Article) -> list[RenderableType]:
    if not (article.caption or article.credit):
        return []
    photo = Table.grid(padding=(0, 2))
    photo.add_column(style="bold")
    photo.add_column(overflow="fold")
    photo.add_row("caption", escape(cell(article.caption)))
    photo.add_row("credit", escape(cell(article.credit)))
    return [Text(""), Text("Photo (shown, never analysed)", style="dim"), photo]


def _parts(record: ArticleRecord) -> list[RenderableType]:
    q = record.quotes
    return [
        table(
            f"Actors ({len(record.actors)})",
            "name kind* role party also_called",
            [[a.name, a.kind, a.role, a.party, a.aliases] for a in record.actors],
        ),
        table(
            f"Quotes ({len(q)})",
            "#* kind* speaker date* cue* text:3",
            [
                [i, x.kind, x.speaker or "(unattributed)", x.date, x.cue, x.text]
                for i, x in enumerate(q, 1)
            ],
        ),
        table(
            f"Events ({len(record.events)})",
            "type* status* date* place participants:2",
            [[e.type, e.status, e.date, e.place, e.participants] for e in record.events],
        ),
        table(
            f"Positions ({len(record.positions)})",
            "party issue stance* subject reported_by date*",
            [
                [p.party, p.issue, p.stance, p.subject, p.reported_by, p.date]
                for p in record.positions
            ],
        ),
        table(
            f"Assessments ({len(record.assessments)})",
            "actor polarity* date* summary:3",
            [[a.actor, a.polarity, a.date, a.summary] for a in record.assessments],
        ),
    ]


def record_view(record: ArticleRecord) -> Panel:
    """A report's record for people: the article, then each part as a table."""
    article = record.article
    parts = [_fields(article), *_photo(article), Text(""), *_parts(record)]
    title = escape(article.title or article.source or article.id)
    return Panel(Group(*parts), title=f"[bold]{title}[/]", title_align="left")
