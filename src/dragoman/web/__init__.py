"""The web dashboard and JSON API (``dragoman serve``): see :mod:`dragoman.web.app`."""

from dragoman.web.app import create_app

__all__ = ["create_app"]
