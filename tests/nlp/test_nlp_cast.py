"""The cast of a report (``dragoman.nlp.cast``): names, roles and pronouns, on a
``Doc`` built by hand with its mentions and actors."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dragoman.models import Actor
from dragoman.nlp.cast import ANONYMOUS, Cast
from dragoman.nlp.extensions import Mention, register_extensions
from dragoman.nlp.gazetteer import load_gazetteer

LEADER_ROLES = ("prime minister", "chancellor")

#: A blank English vocabulary: lexical attributes (lower case, punctuation) but no model.
_VOCAB = spacy.blank("en").vocab


def _doc() -> Doc:
    register_extensions()
    # "Ivan Testov met the Narnia president . He spoke to Ukrainian envoys ."
    words = ["Ivan", "Testov", "met", "the", "Narnia", "president", ".", "He", "spoke", "to"]
    words += ["Ukrainian", "envoys", "."]
    heads = [1, 2, 2, 5, 5, 2, 2, 8, 8, 8, 11, 9, 8]
    deps = ["compound", "nsubj", "ROOT", "det", "compound", "dobj", "punct", "nsubj", "ROOT"]
    deps += ["prep", "amod", "pobj", "punct"]
    doc = Doc(_VOCAB, words=words, heads=heads, deps=deps)
    doc._.mentions = [
        Mention(0, 11, 0, 2, "Ivan Testov", "person"),
        Mention(25, 31, 4, 5, "Narnia", "party"),
    ]
    doc._.actors = {
        "Ivan Testov": Actor("Ivan Testov", "person", role="President of Narnia", party="Narnia"),
        "Narnia": Actor("Narnia", "party"),
    }
    doc._.quotes = []
    return doc


def test_names_kinds_and_parties() -> None:
    cast = Cast(_doc(), load_gazetteer())
    assert cast.person_at(1) and not cast.person_at(4) and not cast.person_at(2)
    assert cast.is_person("Ivan Testov") and not cast.is_party("Ivan Testov")
    assert cast.is_party("Narnia")
    assert cast.party_of("Ivan Testov") == "Narnia"
    assert cast.party_meant("Ivan Testov") == "Narnia"
    assert cast.party_meant("Narnia") == "Narnia"
    assert cast.party_meant(ANONYMOUS) is None
    assert cast.party_meant("Nobody Known") is None


def test_party_words() -> None:
    doc = _doc()
    cast = Cast(doc, load_gazetteer())
    assert cast.party_of_word("Ukrainian") == "Ukraine"
    assert cast.party_of_word("US-brokered") == "United States"
    assert cast.party_of_word("envoys") is None
    assert cast.party_of_token(doc[10]) == "Ukraine"
    assert cast.party_of_token(doc[4]) == "Narnia"  # the party mentioned there
    assert cast.party_of_token(doc[0]) == "Narnia"  # a person's party


def test_leaders_and_role_phrases() -> None:
    doc = _doc()
    cast = Cast(doc, load_gazetteer())
    assert cast.is_leader("Ivan Testov", LEADER_ROLES)
    assert not cast.is_leader("Narnia", LEADER_ROLES)
    # "the Narnia president": the head of state of Narnia the report names.
    assert cast.leader_of_role(doc[5], LEADER_ROLES) == "Ivan Testov"
    assert cast.leader_of_role(doc[11], LEADER_ROLES) is None


def test_pronoun_stands_for_the_last_person_named() -> None:
    doc = _doc()
    cast = Cast(doc, load_gazetteer())
    assert cast.pronoun(doc[7]) == "Ivan Testov"
    assert cast.pronoun(doc[11]) is None  # not a pronoun
