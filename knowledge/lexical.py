"""The lexical signal: BM25 over stemmed words, plus typo correction against the label vocabulary.

Dense vectors miss exact trade words and over-match frame words; BM25 with a Snowball stemmer
(so "welders" meets "welder") covers the first, and the frame stripping in ``text.py`` the
second. Built with the knowledge base and saved in its folder, so opening it stays fast.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.wordforms import agent_forms, words

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

# A sound spelt as it is said, at the start or the end of a job noun: "farmacist",
# "sycologist", "dietishan", "musishun", "recepshunist".
_SOUNDS_AT_START = (("f", "ph"), ("syco", "psycho"), ("sych", "psych"), ("sico", "psycho"))
_SOUNDS_AT_END = (
    ("ishan", "ician"),
    ("ishun", "ician"),
    ("ition", "ician"),
    ("shunist", "tionist"),
)
_SOUNDS_INSIDE = (("sh", "ci"), ("sh", "ti"), ("sh", "ssi"), ("s", "c"), ("k", "c"))

# How much closer another word must be than a job noun for a typo to be read as it.
_JOB_WORD_PREFERENCE = 4.0
# A word of the labels this rare, one slip from a job noun this many times as common, is a
# typo of that job noun ("enginer").
_RARE = 3
_COMMON = 5
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with without".split()
)


# Words after which a label's job noun has been said ("conductor on trains", "driver of taxi").
_AFTER_HEAD = frozenset("of in for at on".split())  # (not "to": "door to door seller")


def _first_sound(word: str) -> str:
    """ "ph" sounds as "f", "k" as "c" ("fisiotherapist", "kashier")."""
    if word.startswith("ph"):
        return "f"
    return "c" if word[:1] == "k" else word[:1]


def _slipped(typo: str, word: str) -> bool:
    """``typo`` is ``word`` with a letter left out or two letters swapped: the slips that do
    not make another word of the labels ("miller" is no "milker" with a letter changed)."""
    if len(typo) == len(word) - 1:
        return any(word[:i] + word[i + 1 :] == typo for i in range(len(word)))
    if len(typo) == len(word) and sorted(typo) == sorted(word):
        diff = [i for i, (a, b) in enumerate(zip(typo, word, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1
    return False


_PREFIXES = ("re", "un", "over", "under", "pre", "mis", "out")
_ENDINGS = (("ing", ("", "e")), ("ed", ("", "e")), ("s", ("",)), ("ly", ("",)))


class Lexicon:
    """Stemming, vocabulary and typo correction shared by the lexical indexes."""

    def __init__(self, texts: Sequence[str], dictionary: frozenset[str] = frozenset()):
        """``dictionary``: ordinary English words, never "corrected" into a label word
        ("tired" must not become "tyre")."""
        self._dictionary = dictionary
        self._stemmer = Stemmer.Stemmer("english")
        vocab: dict[str, int] = {}
        for text in texts:
            for w in words(text):
                vocab[w] = vocab.get(w, 0) + 1
        self.vocabulary = vocab
        self.head_words = self._head_words(texts)
        # Correction candidates: words long enough that a one- or two-letter slip is a typo.
        self._candidates = sorted(w for w in vocab if len(w) >= 4 and w.isalpha())

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_stemmer")  # a C object; recreated on load
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._stemmer = Stemmer.Stemmer("english")

    @staticmethod
    def _head_words(texts: Sequence[str]) -> frozenset[str]:
        """Words that name a job: the head noun of each label, which is the word before its
        first "of"/"in"/"for"/"at"/"on" if it has one, else its last word
        ("driver of taxi" -> "driver", "conductor on trains" -> "conductor"; "weather
        forecaster" -> "forecaster", never "weather")."""
        heads: set[str] = set()
        for text in texts:
            # (not cut at a comma: "coffee, tea, cocoa and spices distribution manager")
            tokens = words(text.split("/")[0].split("(")[0])
            cut = next(
                (i for i, t in enumerate(tokens) if i > 0 and t in _AFTER_HEAD),
                len(tokens),
            )
            if cut:
                heads.add(tokens[cut - 1])
        return frozenset(heads)

    @cached_property
    def _by_sound(self) -> dict[str, tuple[list[str], list[str]]]:
        """Correction candidates by how they begin (typos seldom change the first sound:
        "lambing" is no "gambling"), all of them and the job nouns among them."""
        out: dict[str, tuple[list[str], list[str]]] = {}
        for w in self._candidates:
            every, jobs = out.setdefault(_first_sound(w), ([], []))
            every.append(w)
            if w in self.head_words:
                jobs.append(w)
        # "f" and "p" are looked in together ("pysiotherapist" among the "ph" words too)
        f, p = out.get("f", ([], [])), out.get("p", ([], []))
        out["f"] = out["p"] = (f[0] + p[0], f[1] + p[1])
        return out

    def is_head(self, word: str) -> bool:
        return word in self.head_words

    def known(self, word: str) -> bool:
        return word in self.vocabulary

    def correct(self, word: str) -> str:
        """The vocabulary word a misspelt ``word`` most likely meant, or ``word`` itself."""
        if len(word) >= 5 and word.isalpha() and word not in self._dictionary:
            slip = self._job_word_slip(word)
            if slip is not None:
                return slip
        if (
            len(word) < 5
            or not word.isalpha()
            or word in self.vocabulary
            or word in self._dictionary
            or self._made_from_a_word(word)
            or any(self.is_head(form) for form in agent_forms(word, fields_only=True))
            or (word.endswith("ist") and word + "ry" in self.vocabulary)
        ):  # a field whose worker is a job noun ("dressmaking") is no typo of "dressing", nor
            # an "-ist" whose field is a known word ("florist" of "floristry", not "flavorist";
            # "brewe" is still a typo of brewer, not the stem of "brewery")
            return word
        candidates, job_words = self._by_sound.get(_first_sound(word), ([], []))
        match = process.extractOne(
            word, candidates, scorer=fuzz.ratio, score_cutoff=84, processor=None
        )
        # A job noun a little further away is still the likelier meaning: typos in job
        # questions are typos of job words ("acountent" is an accountant, not "content";
        # "secatary", "electrision", "recepshonist").
        # (Only long words: a short one of another language is too near too many: "gerade".)
        job = len(word) >= 7 and process.extractOne(
            word, job_words, scorer=fuzz.ratio, score_cutoff=80, processor=None
        )
        if job and (match is None or job[1] >= match[1] - _JOB_WORD_PREFERENCE):
            match = job
        if match is None:
            # Short words have little room for a ratio: one letter wrong, missing, extra or
            # swapped ("nurce") is still a typo of a job word.
            match = process.extractOne(
                word, candidates, scorer=OSA.distance, score_cutoff=1, processor=None
            )
        if match is None:  # a sound spelt as said ("soshal", "spesial", "finanshal")
            spelt = (word.replace(said, sound) for said, sound in _SOUNDS_INSIDE)
            match = next(((w, 0) for w in spelt if w != word and w in self.vocabulary), None)
        return match[0] if match else word

    def _made_from_a_word(self, word: str) -> bool:
        """An ordinary word with a prefix or an ending the model's vocabulary lists without
        ("retraining", "overcharging", "unblocking"): no typo."""
        for prefix in _PREFIXES:
            if word.startswith(prefix) and word[len(prefix) :] in self._dictionary:
                return True
        for ending, stems in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                stem = word[: -len(ending)]
                if any(stem + tail in self._dictionary for tail in stems):
                    return True
        return False

    def _job_word_slip(self, word: str) -> str | None:
        """A job noun one slip away (a letter left out or two swapped: "mecanic", "laywer"),
        when ``word`` is no common word of the labels itself: the labels and vacancy titles
        hold a few typos of their own ("enginer" three times, "engineer" over a thousand),
        and a typo in a job question is likelier a job noun's than any other word's ("laywer"
        is a lawyer, not a layer). Even a job noun of the labels: "mecanic" is one, three
        times, of vacancy titles."""
        if self.vocabulary.get(word, 0) > _RARE:
            return None
        for said, spelt in _SOUNDS_AT_START:  # ("farmacist", "sycologist")
            if word.startswith(said) and self._names_a_job(spelt + word[len(said) :]):
                return spelt + word[len(said) :]
        for said, spelt in _SOUNDS_AT_END:  # ("dietishan", "electrishun")
            if word.endswith(said) and self._names_a_job(word[: -len(said)] + spelt):
                return word[: -len(said)] + spelt
        _, job_words = self._by_sound.get(_first_sound(word), ([], []))
        near = process.extract(word, job_words, scorer=OSA.distance, score_cutoff=1, limit=4)
        common = _COMMON * max(self.vocabulary.get(word, 0), 1)
        for job, _distance, _index in near:
            if _slipped(word, job) and self.vocabulary.get(job, 0) >= common:
                return job
        return None

    def _names_a_job(self, word: str) -> bool:
        """A job noun, or a field word whose worker is one ("pharmacy")."""
        return self.is_head(word) or any(self.is_head(f) for f in agent_forms(word))

    def tokens(self, text: str) -> list[str]:
        return [self._stemmer.stemWord(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class LexicalIndexes:
    """Everything lexical a knowledge base needs, built once per build and saved with it."""

    lexicon: Lexicon
    labels: BM25Index
    descriptions: BM25Index
    # per occupation, the words of its skills ("check tickets", "make announcements"): what a
    # description of work says ("I check tickets and make the announcements"); None in a build
    # older than format 8
    skills: BM25Index | None = None

    @classmethod
    def build(
        cls, labels: Sequence[str], descriptions: Sequence[str], skills: Sequence[str]
    ) -> LexicalIndexes:
        from knowledge.embeddings import english_words

        lexicon = Lexicon(labels, english_words())
        return cls(
            lexicon,
            BM25Index(lexicon, labels),
            BM25Index(lexicon, descriptions),
            BM25Index(lexicon, skills),
        )

    def save(self, path: Path) -> None:
        with path.open("wb") as handle:
            pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path) -> LexicalIndexes:
        """Load a file this project wrote into its own build folder (never foreign input)."""
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if not isinstance(value, cls):
            raise TypeError(f"{path} is not a lexical index file")
        return value


class BM25Index:
    """BM25 over a list of documents, scoring every document for a query."""

    def __init__(self, lexicon: Lexicon, documents: Sequence[str]):
        self._lexicon = lexicon
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [lexicon.tokens(d) or ["<empty>"] for d in documents]
        self._bm25.index(corpus, show_progress=False)
        self._vocab = self._bm25.vocab_dict
        self.size = len(documents)

    def scores(self, text: str) -> np.ndarray:
        return self.scores_tokens(self._lexicon.tokens(text))

    def scores_tokens(self, tokens: Sequence[str]) -> np.ndarray:
        """Every document's score for a query already cut into the lexicon's tokens."""
        tokens = [t for t in tokens if t in self._vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
