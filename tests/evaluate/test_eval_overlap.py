"""The README's overlap rule: >= 60% of the shorter text and >= 30% of the longer."""

from dragoman.evaluation.overlap import quote_words, shared_words, texts_match

SHORT = "alpha bravo charlie delta echo"  # 5 words


def test_exactly_sixty_and_thirty_percent_match() -> None:
    # 3 shared words: 3/5 = 60% of the shorter, 3/10 = 30% of the longer.
    longer = "alpha bravo charlie one two three four five six seven"
    assert texts_match(SHORT, longer)
    assert texts_match(longer, SHORT)


def test_just_under_thirty_percent_of_the_longer_does_not_match() -> None:
    # 3 shared of 11 words is 27%.
    longer = "alpha bravo charlie one two three four five six seven eight"
    assert not texts_match(SHORT, longer)


def test_just_under_sixty_percent_of_the_shorter_does_not_match() -> None:
    # 2 shared of 5 is 40%, though 2 of 6 is above 30% of the longer.
    assert not texts_match(SHORT, "alpha bravo one two three four")


def test_words_are_compared_without_case_punctuation_or_curly_quotes() -> None:
    a = "\u201cWe haven\u2019t agreed, yet,\u201d"
    b = "we HAVEN'T agreed yet"
    assert quote_words(a) == quote_words(b)
    assert texts_match(a, b)


def test_shared_words_count_repeats_once_per_occurrence() -> None:
    assert shared_words(quote_words("no no no deal"), quote_words("no deal")) == 2


def test_empty_or_missing_text_never_matches() -> None:
    assert not texts_match("", "")
    assert not texts_match(None, "talks resume")
