"""The ``dragoman_events`` component: talks, calls, summits, briefings, military
actions, agreements and prisoner exchanges, each with its status, day, place and
participants.

Events are found in three steps, one module each:

1. *Triggers* (:mod:`.triggers`). Nouns and verbs from ``lexicons/events.yaml``
   ("talks", "phone call", "met", "signed an agreement", "exchanged 90 prisoners"),
   matched on lemmas sentence by sentence. A meeting is a summit when heads of state
   meet, else a round of talks.
2. *Reading each mention* (:mod:`.reading`). The verb that governs the trigger (its
   *anchor*) and the trigger's own modifiers give the status (:mod:`.status`: "will
   hold" -> planned, "possible meeting" -> proposed, "postponed" -> cancelled, "under
   way" -> ongoing, past tense -> occurred); a time expression attached to the
   trigger or its anchor gives the day (re-resolved towards the future for plans); an
   "in/at" phrase or a compound ("the Istanbul talks") gives the place
   (:mod:`.when_where`); actor mentions in the trigger's phrase and the subject of the
   verb that holds it ("Russia and Ukraine held talks") give the participants
   (:mod:`.participants`).
3. *Merging* (:mod:`.merge`). A report names one event several times ("talks in
   Istanbul" ... "the talks"); mentions of one type merge when their days, places and
   tense agree. A mention set apart ("the first round", "in February 2022") joins only
   an event it shares a day, a period or a place with, and a mention that says nothing
   of its own only ever joins an event found elsewhere.

The factory and the component are in :mod:`.component`; what one document's stages
share is an :class:`~.document.EventDoc`, never state on the component.
"""

from dragoman.nlp.components.events.component import EventsComponent, make_events
from dragoman.nlp.components.events.document import Candidate, EventDoc, Reading
from dragoman.nlp.components.events.lexicon import STATUSES, TYPES, EventLexicon, Pattern

__all__ = [
    "STATUSES",
    "TYPES",
    "Candidate",
    "EventDoc",
    "EventLexicon",
    "EventsComponent",
    "Pattern",
    "Reading",
    "make_events",
]
