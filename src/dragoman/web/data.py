"""The pages' functions under their former names; each lives in :mod:`dragoman.web.pages`
(one module per page or group of pages)."""

from __future__ import annotations

from dragoman.web.pages import iso
from dragoman.web.pages.actors import actor, actor_list
from dragoman.web.pages.articles import KIND_OF, article, article_list, segments
from dragoman.web.pages.matrix import history, matrix
from dragoman.web.pages.overview import overview
from dragoman.web.pages.review import review_log
from dragoman.web.pages.search import SearchArgs, search
from dragoman.web.pages.timeline import timeline

__all__ = [
    "KIND_OF",
    "SearchArgs",
    "actor",
    "actor_list",
    "article",
    "article_list",
    "history",
    "iso",
    "matrix",
    "overview",
    "review_log",
    "search",
    "segments",
    "timeline",
]
