"""``python -m dragoman``: the same command line as ``dragoman``."""

from dragoman.cli import app

if __name__ == "__main__":
    app(prog_name="dragoman")
