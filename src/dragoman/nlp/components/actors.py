"""The ``dragoman_actors`` component: people, parties and organisations, their roles
and parties, under one canonical name across spellings and metonyms.

Names come from the gazetteer (known actors, the world's states and their variants,
matched as phrases), from spaCy's PERSON entities and the names a title introduces
("spokesperson Esmaeil Baghaei", "Mr. Moffett"), and from places the text makes act
that no data file knows (:mod:`dragoman.nlp.parties`). A surname alone is the
person of that surname named most recently before it ("Hillary Clinton ... Bill
Clinton ... Clinton" is Bill), so "Kremlin spokesman Dmitry Peskov ... Peskov" is one
actor.
Roles come from titles before a name ("French President Emmanuel Macron") and from
appositions ("the head of the Ukrainian delegation, David Arakhamia,").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dragoman.models import Actor
from dragoman.nlp.extensions import Mention, register_extensions, text_of
from dragoman.nlp.gazetteer import Entry, Gazetteer, fold, load_gazetteer
from dragoman.nlp.parties import local_parties, party_of_adjective
from dragoman.nlp.people import TITLES, name_beside

#: Head nouns that make a noun phrase a role ("spokesman", "chief negotiator").
ROLE_WORDS = {
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "negotiator",
    "adviser",
    "advisor",
    "assistant",
    "aide",
    "secretary",
    "chancellor",
    "chief",
    "head",
    "leader",
    "ambassador",
    "commander",
    "general",
    "mayor",
    "governor",
    "chairman",
    "chairwoman",
    "director",
    "deputy",
    "representative",
    "premier",
    "prime",
    "king",
    "foreign",
    "defence",
    "defense",
    "official",
    "diplomat",
    "mediator",
    "member",
    "delegate",
    "speaker",
    "lawmaker",
    "senator",
    "ombudsman",
    "commissioner",
    "emissary",
    "son-in-law",
    "administrator",
    "chair",
    "vice",
    "counterpart",
    "press",
    "correspondent",
    "analyst",
    "editor",
}
#: Words that may stand before a name without being part of its role.
_NOT_ROLE = {"the", "a", "an", "said", "says", "according", "to", "by", "mr", "mrs", "ms", "dr"}
_TITLE_CASE = re.compile(r"^[A-Z][\w'\-\.]*$")
#: A role that is a capitalised title alone, naming no state ("President").
_BARE_TITLE = re.compile(r"^(?:[A-Z][a-z\-]+ ){0,3}[A-Z][a-z\-]+$")


def _mention_tokens(doc: Doc, start: int, end: int) -> Span:
    return doc[start:end]


def _is_plausible_person(span: Span, gazetteer: Gazetteer) -> bool:
    """spaCy's small model calls many things PERSON; keep names that look like names."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 4:
        return False
    if not all(t.text[:1].isupper() for t in words if t.text not in ("bin", "von", "der", "al")):
        return False
    entry = gazetteer.lookup(span.text)
    if entry is not None and entry.kind != "person":
        return False
    return not any(gazetteer.party_of_adjective(t.text) for t in words)


def _strip_possessive(span: Span) -> Span:
    """A PERSON entity without its possessive ending and the titles before the name
    ("Gen Keith Kellogg's" -> "Keith Kellogg")."""
    if len(span) > 1 and span[-1].text in ("'s", "\u2019s", "'"):
        span = span[:-1]
    while len(span) > 1 and span[0].lower_.rstrip(".") in TITLES:
        span = span[1:]
    return span


class ActorsComponent:
    """Find actor mentions, merge them into canonical actors, and attach roles."""

    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer | None = None) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entry_of_form: dict[str, Entry] = {}
        exact_forms, folded_forms = [], []
        for form, entry in self.gazetteer.surface_forms():
            self.entry_of_form[form.lower()] = entry
            # Acronyms ("US", "UN") would match pronouns when lower-cased.
            if form.replace(".", "").isupper() or len(form) <= 3:
                exact_forms.append(form)
            else:
                folded_forms.append(form)
        self.exact.add("GAZ", [nlp.make_doc(f) for f in exact_forms])
        self.folded.add("GAZ", [nlp.make_doc(f) for f in folded_forms])
        self.people = {e.name: e for e in self.gazetteer.entries.values() if e.kind == "person"}
        self.person_surnames = {fold(e.name).split()[-1]: e for e in self.people.values()}
        for person in self.people.values():
            for alias in person.aliases:
                self.person_surnames.setdefault(fold(alias).split()[-1], person)

    # -- finding mentions -------------------------------------------------------

    def _gazetteer_spans(self, doc: Doc) -> list[tuple[Span, Entry]]:
        found = []
        for _, start, end in [*self.exact(doc), *self.folded(doc)]:
            span = doc[start:end]
            entry = self.entry_of_form.get(span.text.lower())
            if entry is None:
                continue
            found.append((span, entry))
        return found

    def _resolve_person(self, text: str) -> Entry | None:
        """A known person for a name found by the parser, allowing spelling variants."""
        entry = self.gazetteer.lookup(text)
        if entry is not None and entry.kind == "person":
            return entry
        folded = fold(text)
        surname = folded.split()[-1] if folded else ""
        if surname in self.person_surnames:
            candidate = self.person_surnames[surname]
            first = folded.split()[0]
            known_first = {fold(f).split()[0] for f in [candidate.name, *candidate.aliases]}
            if (
                len(folded.split()) == 1
                or first in known_first
                or fuzz.ratio(first, fold(candidate.name).split()[0]) > 70
            ):
                return candidate
        if len(folded) >= 6:
            best = process.extractOne(folded, {n: fold(n) for n in self.people}, scorer=fuzz.ratio)
            if best and best[1] >= 90:
                return self.people[best[2]]
        return None

    def __call__(self, doc: Doc) -> Doc:
        spans: list[tuple[Span, str, str]] = []  # (span, canonical name, kind)
        taken: dict[int, int] = {}  # token -> index in spans
        gaz = sorted(
            self._gazetteer_spans(doc), key=lambda x: (-(x[0].end - x[0].start), x[0].start)
        )
        for span, entry in gaz:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            for i in range(span.start, span.end):
                taken[i] = len(spans)
            spans.append((span, entry.name, entry.kind))
        for span, name in local_parties(doc, self.gazetteer, set(taken)):
            for i in range(span.start, span.end):
                taken[i] = len(spans)
            spans.append((span, name, "party"))
        persons = [_strip_possessive(e) for e in doc.ents if e.label_ == "PERSON"]
        persons += _titled_names(doc, {i for p in persons for i in range(p.start, p.end)})
        persons += _appositive_names(doc, {i for p in persons for i in range(p.start, p.end)})
        persons.sort(key=lambda s: -(s.end - s.start))
        for span in persons:
            if not _is_plausible_person(span, self.gazetteer) or any(
                party_of_adjective(doc, self.gazetteer, t.text) for t in span
            ):
                continue
            known = self._resolve_person(span.text)
            overlapped = {taken[i] for i in range(span.start, span.end) if i in taken}
            if overlapped:
                # A longer name around a gazetteer surname is that person ("Volodymyr
                # Zelenskiy"), unless its first name says it is someone else
                # ("Melania Trump"): then it replaces the match.
                if known is not None or len(span) < 2 or len(overlapped) > 1:
                    continue
                index = overlapped.pop()
                inner = spans[index][0]
                if spans[index][2] != "person" or not (
                    span.start <= inner.start and inner.end <= span.end
                ):
                    continue
                spans[index] = (span, span.text, "person")
                for i in range(span.start, span.end):
                    taken[i] = index
                continue
            titled = span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in TITLES
            lone = len(span) == 1 and not titled
            name = known.name if known is not None else ("" if lone else span.text)
            for i in range(span.start, span.end):
                taken[i] = len(spans)
            spans.append((span, name, "person"))
        mentions = sorted(
            (
                Mention(s.start_char, s.end_char, s.start, s.end, name, kind)
                for s, name, kind in _link_surnames(spans)
            ),
            key=lambda m: m.start,
        )
        doc._.mentions = mentions
        doc._.actors = self._actors(doc, mentions)
        return doc

    # -- building actors ----------------------------------------------------------

    def _actors(self, doc: Doc, mentions: list[Mention]) -> dict[str, Actor]:
        actors: dict[str, Actor] = {}
        for mention in mentions:
            actor = actors.get(mention.name)
            if actor is None:
                entry = self.gazetteer.entries.get(mention.name)
                actor = Actor(
                    name=mention.name,
                    kind=mention.kind,
                    party=entry.party if entry else None,
                    confidence=0.9 if entry else 0.6,
                )
                actors[mention.name] = actor
            surface = text_of(doc)[mention.start : mention.end]
            if surface != actor.name and surface not in actor.aliases:
                actor.aliases.append(surface)
            actor.mentions.append((mention.start, mention.end))
            if actor.kind == "person" and actor.role is None:
                role = self.role_of(doc[mention.token_start : mention.token_end])
                if role:
                    actor.role = role
                    if actor.party is None:
                        actor.party = self.party_of_role(role, doc)
        for actor in actors.values():
            if actor.kind == "person" and actor.role is None:
                entry = self.gazetteer.entries.get(actor.name)
                if entry is not None:
                    actor.role = entry.role
        self._bare_titles(doc, actors)
        places = {m.name for m in mentions if m.kind == "party" and not _only_a_place(doc, m)}
        return {
            name: actor
            for name, actor in actors.items()
            # A country named only as where something happened ("talks in Istanbul,
            # Turkey") is a place, not a party to the talks; news outlets wait for
            # the quotes component to show they are quoted.
            if (actor.kind != "party" or name in places) and not self._is_media(name)
        }

    def _bare_titles(self, doc: Doc, actors: dict[str, Actor]) -> None:
        """A title given without its state ("President Ilham Aliyev") is the one the
        report names with its state elsewhere ("an aide to the President of
        Azerbaijan"), when one person alone bears it bare, one state alone follows it,
        and nobody else holds it for that state."""
        bare: dict[str, list[Actor]] = {}
        for actor in actors.values():
            role = actor.role or ""
            if actor.kind == "person" and actor.party is None and _BARE_TITLE.match(role):
                bare.setdefault(role.lower(), []).append(actor)
        text = text_of(doc)
        for title, holders in bare.items():
            pattern = rf"\b{re.escape(title)} of (?:the )?([A-Z][\w\-]+(?: [A-Z][\w\-]+)*)"
            states = set()
            for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                entry = self.gazetteer.lookup(match.group(1))
                state = entry.name if entry is not None and entry.kind == "party" else None
                state = state or party_of_adjective(doc, self.gazetteer, match.group(1))
                if state:
                    states.add(state)
            held = {
                actor.party
                for actor in actors.values()
                if (actor.role or "").lower().startswith(f"{title} of")
            }
            if len(holders) == 1 and len(states) == 1 and not states & held:
                holders[0].party = states.pop()
                holders[0].role = f"{holders[0].role} of {holders[0].party}"

    def _is_media(self, name: str) -> bool:
        entry = self.gazetteer.entries.get(name)
        return bool(entry and entry.media)

    def role_of(self, name: Span) -> str | None:
        """The role a sentence gives the person named by ``name``, if any."""
        head = name.root
        # "Kremlin spokesman Dmitry Peskov": titles compounded onto the name.
        left = [
            t
            for t in head.lefts
            if t.dep_ in ("compound", "amod", "nmod", "poss", "nn") and t.i < name.start
        ]
        if left:
            start = min(t.left_edge.i for t in left)
            tokens = [t for t in name.doc[start : name.start] if t.lower_ not in _NOT_ROLE]
            if tokens and any(t.lower_ in ROLE_WORDS for t in tokens):
                return self.normalise_role(" ".join(t.text for t in tokens).replace(" 's", "'s"))
        # "Rustem Umerov, head of the Ukrainian delegation,": an apposition after the name.
        for child in head.rights:
            if child.dep_ == "appos" and child.lower_ in ROLE_WORDS:
                return self._clean_phrase(child.subtree)
        # "The head of the Ukrainian delegation, David Arakhamia,": the name is the apposition.
        if head.dep_ == "appos" and head.head.lower_ in ROLE_WORDS and head.head.i < name.start:
            role_head = head.head
            tokens = [t for t in role_head.subtree if t.i < name.start]
            return self._clean_phrase(tokens)
        # "Russia's negotiator Kirill Dmitriev told": the parser made two subjects.
        before = name.doc[name.start - 1] if name.start else None
        if before is not None and before.lower_ in ROLE_WORDS:
            beside = name_beside(before)
            if beside is not None and beside.i == name.start:
                return self._clean_phrase(before.subtree)
        return None

    def _clean_phrase(self, tokens: object) -> str | None:
        words = [t for t in tokens if not (t.is_punct and t.text in ",;")]  # type: ignore[attr-defined]
        while words and words[0].lower_ in ("the", "a", "an"):
            words = words[1:]
        if not words or len(words) > 12:
            return None
        text = "".join(t.text_with_ws for t in words).strip()
        return self.normalise_role(text)

    def normalise_role(self, role: str) -> str:
        """ "Russian President" -> "President of Russia"; other roles as written."""
        words = role.split()
        if len(words) == 2 and words[1].lower() in ("president", "chancellor", "premier"):
            party = self.gazetteer.party_of_adjective(words[0])
            if party:
                return f"{words[1].capitalize()} of {party}"
        if len(words) == 3 and " ".join(words[1:]).lower() in (
            "prime minister",
            "foreign minister",
            "defence minister",
            "defense minister",
        ):
            party = self.gazetteer.party_of_adjective(words[0])
            if party:
                return f"{words[1].capitalize()} {words[2].capitalize()} of {party}"
        return role

    def party_of_role(self, role: str, doc: Doc | None = None) -> str | None:
        """The party a role belongs to, from its nationality words or a metonym:
        "Kremlin spokesman" -> Russia, "head of the Ukrainian delegation" -> Ukraine."""
        match = re.search(r"\b(of|for) (?:the )?([A-Z][\w\-' ]+)$", role)
        if match:
            entry = self.gazetteer.lookup(match.group(2))
            if entry is not None and entry.kind in ("party", "organization"):
                return entry.name
            if match.group(1) == "for":
                # "a spokesman for Disney": the organisation the person speaks for.
                return match.group(2).strip()
        words = role.replace("'s", "").split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i : i + size])
                party = (
                    party_of_adjective(doc, self.gazetteer, phrase)
                    if doc is not None
                    else self.gazetteer.party_of_adjective(phrase)
                )
                if party:
                    return party
                entry = self.gazetteer.lookup(phrase)
                if entry is not None and entry.kind == "party":
                    return entry.name
        return None


_LOCATIVE = {
    "in",
    "at",
    "near",
    "to",
    "from",
    "across",
    "into",
    "outside",
    "inside",
    "throughout",
    "through",
    "around",
    "via",
    "on",
}


def _only_a_place(doc: Doc, mention: Mention) -> bool:
    """Whether a mention names where something happens rather than who acts:
    the object of a locative preposition, or an apposition/conjunct of one."""
    token = doc[mention.token_end - 1]
    while token.dep_ in ("appos", "conj", "compound") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
        return True
    if token.dep_ == "compound" or (token.dep_ == "npadvmod" and token.head.pos_ == "ADJ"):
        return False
    return False


_NOT_PEOPLE = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def _titled_names(doc: Doc, seen: set[int]) -> list[Span]:
    """Names the entity recogniser missed that a title or role word introduces
    ("spokesperson Esmaeil Baghaei", "Mr. Moffett"): the run of capitalised proper
    nouns right after it."""
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _name_word(token) or i in seen:
            i += 1
            continue
        end = i
        while end + 1 < len(doc) and _name_word(doc[end + 1]) and end + 1 not in seen:
            end += 1
        before = doc[i - 1] if i > 0 else None
        span = doc[i : end + 1]
        if (
            before is not None
            and (before.lower_.rstrip(".") in TITLES or before.lower_ in ROLE_WORDS)
            and len(span) <= 4
            and not any(t.ent_type_ in _NOT_PEOPLE for t in span)
        ):
            found.append(span)
        i = end + 1
    return found


def _appositive_names(doc: Doc, seen: set[int]) -> list[Span]:
    """Names the recogniser took for something else that a role apposition shows to
    be a person's ("Jan Roe, Assistant to the President of Veloria, said")."""
    found = []
    for token in doc:
        if token.i in seen or not _name_word(token) or token.ent_type_ not in ("ORG", ""):
            continue
        if not any(c.dep_ == "appos" and c.lower_ in ROLE_WORDS for c in token.children):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and _name_word(doc[start - 1]):
            start -= 1
        if 2 <= token.i + 1 - start <= 3 and not seen.intersection(range(start, token.i + 1)):
            found.append(doc[start : token.i + 1])
    return found


def _name_word(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and token.lower_ not in TITLES
        and token.lower_ not in ROLE_WORDS
    )


def _link_surnames(spans: list[tuple[Span, str, str]]) -> list[tuple[Span, str, str]]:
    """Link a surname alone to the person of that surname named most recently before
    it ("Hillary Clinton ... Bill Clinton ... Clinton" is Bill), else to the first one
    named after it, else to the gazetteer's person; an unknown lone word that no full
    name explains ("Patriot") is dropped."""
    ordered = sorted(spans, key=lambda item: item[0].start)
    full: dict[str, list[tuple[int, str]]] = {}
    for span, name, kind in ordered:
        if kind == "person" and len(span) > 1 and name:
            full.setdefault(fold(span.text).split()[-1], []).append((span.start, name))
    linked = []
    for span, name, kind in ordered:
        if kind == "person" and len(span) == 1:
            named = full.get(fold(span.text).split()[-1] if fold(span.text) else "", [])
            before = [n for start, n in named if start < span.start]
            if before:
                name = before[-1]
            elif named:
                name = named[0][1]
            if not name:
                continue
        linked.append((span, name, kind))
    return linked


def token_actor(doc: Doc, token: Token) -> Mention | None:
    """The mention a token belongs to, if any."""
    for mention in doc._.mentions or []:
        if mention.token_start <= token.i < mention.token_end:
            return mention
    return None


@Language.factory(
    "dragoman_actors",
    assigns=["doc._.mentions", "doc._.actors"],
    requires=["doc.ents"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)
