"""dragoman's command line: thin commands over :mod:`dragoman.api`.

Each command opens the store if it needs one, calls one library function and hands
what comes back to a view of :mod:`dragoman.cli.render` (Rich for people, ``--json``
for programs). Errors raised on purpose (:class:`~dragoman.errors.DragomanError`) are
printed as one line on stderr with exit code 1, never as a traceback; a batch with bad
files names each one and also exits 1.

The commands are registered here, in the order ``dragoman --help`` lists them.
"""

from dragoman.cli.base import app
from dragoman.cli.batch import batch, load
from dragoman.cli.changes import changes
from dragoman.cli.chart import chart
from dragoman.cli.evaluate import eval_
from dragoman.cli.ingest import analyze, ingest
from dragoman.cli.record import contradictions, export, positions, summary, timeline
from dragoman.cli.review import export_gold
from dragoman.cli.serve import serve
from dragoman.cli.watch import watch

app.command()(analyze)
app.command()(ingest)
app.command()(summary)
app.command("eval")(eval_)
app.command()(positions)
app.command()(timeline)
app.command()(contradictions)
app.command()(changes)
app.command()(chart)
app.command()(export)
app.command()(serve)
app.command("export-gold")(export_gold)
app.command()(batch)
app.command()(load)
app.command()(watch)

__all__ = ["app"]
