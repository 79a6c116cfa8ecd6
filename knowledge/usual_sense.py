"""The usual meaning of a bare job word: "nurse", "will AI replace developers?".

ESCO has no occupation called "nurse"; it has three whose name is built on that noun (nurse
responsible for general care, specialist nurse, veterinary nurse), and its alternative labels
for bare words are haphazard ("teacher" is an alternative label of politics lecturer only,
"driver" of hearse driver only). When the job a message names is one bare noun, this module
says which occupations that noun names (label grammar: the head noun of their preferred
label) and, when one of them is what almost everyone means, which one:

* the one ESCO itself marks as the general sense ("nurse responsible for general care",
  "general veterinarian"), if exactly one is;
* otherwise the one with by far the most real vacancy titles (the JobBERT validation split
  the build holds): at least ``MIN_TITLES`` and ``DOMINANCE`` times the next ("developer" ->
  software developer, "driver" -> cargo vehicle driver).

Otherwise there is no usual sense ("cleaner", "engineer"), the named occupations are lifted
together, and the resolver's confidence decides between an answer and a menu.

Neither tells some everyday senses: a "mechanic" is a vehicle technician to most people (a
label built on another noun), a "teacher" a school teacher (the vacancy titles' commonest is
early years teacher), a "pilot" an airline pilot. A short table written from general
knowledge (``data/usual_senses.tsv``) gives those: its usual sense, if one, and the others
people commonly mean, which are then the ones a menu offers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources

import numpy as np

from knowledge.mentions import TOO_GENERIC, Mention, said_of_a_tool
from knowledge.text import Query
from knowledge.wordforms import agent_forms, singular, words

MIN_TITLES = 40  # fewer real titles than this is no evidence of what most people mean
DOMINANCE = 5.0  # the usual sense has this many times the titles of the next one
# Words shaped like a field that are the "-ing" of verbs said about anything ("doing" is no
# field of doers, "dying trade" none of dyers).
_NOT_FIELDS = frozenset(
    "doing making going coming taking dying getting having being looking saying working "
    "living thinking trying using playing feeling wondering asking telling handling dealing "
    "helping studying planning retraining considering hoping wanting running".split()
)
# Words after which a label's head noun has been said ("nurse responsible for general care",
# "teacher of talented and gifted students", "manager in ...").
_AFTER_HEAD = frozenset("responsible for of in at with and on to".split())


# A job word said as what someone is or would be: "is being a pilot ...", "as a nurse".
_SAID_AS_WHAT = re.compile(r"\b(?:being|be|been|become|becoming|as)\s+(?:a|an)\s+([a-z]+)\b")


def head_noun(label: str) -> str:
    """The noun a label is built on: the word before its first "for/of/in/responsible..."
    ("nurse responsible for general care" -> nurse), else its last word ("early years
    teacher" -> teacher); singular, lower case. Of "waiter/waitress", the first form."""
    tokens = words(label.split("/")[0])
    for i, token in enumerate(tokens):
        if i and token in _AFTER_HEAD:
            return singular(tokens[i - 1])
    return singular(tokens[-1]) if tokens else ""


def _field_words() -> dict[str, str]:
    """``data/field_words.tsv``: fields whose worker English word-building does not make
    ("law" -> lawyer, "medicine" -> doctor)."""
    table = resources.files("knowledge").joinpath("data/field_words.tsv").read_text("utf-8")
    rows = (line.rstrip("\r").split("\t") for line in table.splitlines() if line.strip())
    return {row[0]: row[1] for row in rows if len(row) >= 2 and not row[0].startswith("#")}


_FIELD_WORDS = _field_words()
# A word shaped like someone who does something ("croupier", "reporter", "radiologist").
_AGENT_SHAPED = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|man|woman|smith|wright|monger)$")
# A field word said before these names a place, a person or a course, not the field's worker:
# "a law firm", "music teacher", "history lessons".
_MODIFIED = frozenset(
    "firm student teacher lecturer class lesson office department shop store gallery "
    "clerk secretary assistant technician".split()
)


# The worker of a field said in two words, by its second word ("data science" -> data
# scientist, "social work" -> social worker, "game design" -> game designer): words too
# general to name a worker alone, named only with the word before them.
_SECOND_WORDS = {
    "science": "scientist",
    "sciences": "scientist",
    "work": "worker",
    "design": "designer",
    "production": "producer",
    "management": "manager",
    "development": "developer",
}


class UsualSenses:
    def __init__(self, labels: Sequence[str], title_counts: np.ndarray | None):
        """``labels``: each occupation's preferred label, by occupation index;
        ``title_counts``: real vacancy titles per occupation (None: no titles in the build)."""
        named: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            head = head_noun(label)
            if head and head not in TOO_GENERIC:
                named.setdefault(head, []).append(i)
        self._named = {h: frozenset(occ) for h, occ in named.items()}
        self._label_words = frozenset(w for label in labels for w in words(label))
        self._usual: dict[str, int] = {}
        for head, occ in named.items():
            usual = _usual_among(occ, labels, title_counts)
            if usual is not None:
                self._usual[head] = usual
        self._everyday(labels)

    def _everyday(self, labels: Sequence[str]) -> None:
        """The senses of ``data/usual_senses.tsv`` replace what the labels and titles say; a
        word whose usual sense is missing from this knowledge base (a subset, another ESCO
        version) is left as they say."""
        index = {label: i for i, label in enumerate(labels)}
        self._chosen_order: dict[str, tuple[int, ...]] = {}  # the words of the table
        table = resources.files("knowledge").joinpath("data/usual_senses.tsv").read_text("utf-8")
        for line in table.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            word, usual, others = [*line.split("\t"), "", ""][:3]
            chosen = [index[j] for j in [usual, *others.split("|")] if j in index]
            common = frozenset(index[j] for j in others.split("|") if j in index)
            if (usual and usual not in index) or not (usual or common):
                continue
            self._named[word] = common | ({index[usual]} if usual else set())
            self._chosen_order[word] = tuple(chosen)
            self._usual.pop(word, None)
            if usual:
                self._usual[word] = index[usual]

    def find(self, job_text: str) -> Mention | None:
        """The occupations a job text of one bare noun names ("nurses" -> the three nurses),
        with the usual one, if any, as the preferred; None for any other job text."""
        tokens = words(job_text)
        if len(tokens) != 1:
            return None
        head = singular(tokens[0])
        occ = self._named.get(head)
        if occ is None:
            return None
        usual = self._usual.get(head)
        order = self._chosen_order.get(head, ())  # senses people give it, if we chose them
        if usual is None:
            return Mention(head, frozenset(), occ, bare=True, chosen_order=order)
        return Mention(head, frozenset({usual}), occ - {usual}, bare=True, chosen_order=order)

    def of_field(
        self, message: str, any_label: Callable[[str], Mention | None] = lambda form: None
    ) -> Mention | None:
        """The job a field or activity said names in its usual sense ("is nursing a safe
        career?" -> nurse, its usual sense general nurse; "farming" -> the farmers; "law" ->
        lawyer, from data/field_words.tsv). A worker's name that is no label's head noun
        but some label itself (``any_label``: "beekeeping" -> beekeeper, of bee breeder;
        "glazing" -> glazier) comes after the head nouns made from the same word."""
        tokens = words(message)
        for i, token in enumerate(tokens):  # the first field said, its longest name first
            found = self._field_phrase(tokens[i : i + 3], any_label)
            if found is not None:
                return found
            if token in _NOT_FIELDS or said_of_a_tool(tokens, i):
                continue
            made = agent_forms(token, fields_only=True, asked=True)
            modifies = i + 1 < len(tokens) and singular(tokens[i + 1]) in _MODIFIED
            listed = [_FIELD_WORDS[token]] if token in _FIELD_WORDS and not modifies else []
            forms = listed or made
            for found in itertools.chain(map(self.find, forms), map(any_label, forms)):
                if found is not None:
                    return replace(found, field=True)
        return None

    @staticmethod
    def _field_phrase(
        ahead: list[str], any_label: Callable[[str], Mention | None]
    ) -> Mention | None:
        """A field said in three or two words whose worker is a label ("is data science
        dead?" -> data scientist, "financial analysis" -> financial analyst)."""
        for n in (3, 2):
            if len(ahead) < n or _NOT_FIELDS.intersection(ahead[:n]):
                continue
            *before, last = ahead[:n]
            made = [_SECOND_WORDS[last]] if last in _SECOND_WORDS else []
            for form in [*made, *agent_forms(last, fields_only=True, asked=True)]:
                found = any_label(" ".join([*before, form]))
                if found is not None:
                    return replace(found, field=True)
        return None

    def own_name(self, mention: Mention) -> bool:
        """A name of several words, a hand-chosen one, or a word no other job is built on
        ("croupier"; "driver" is one of hearse driver's labels, and the noun of a hundred
        other drivers)."""
        if mention.alias or " " in mention.text:
            return True
        built_on = self.find(mention.text)
        if built_on is not None and built_on.everyday and built_on.preferred:
            # (a word of our everyday table that only its usual sense has as a name of its own)
            return mention.occupations == built_on.preferred
        return built_on is None or len(built_on.occupations) <= 1

    def with_mention(
        self, job_text: str, mention: Mention | None, query: Query | None = None
    ) -> Mention | None:
        """What a job text of one bare noun names, with the label said word for word (see
        ``_with_bare``); in a sentence, a word of its own that only one occupation has as an
        alternative label ("I am croupier on a cruise ship": gaming dealer) is ``sole``. A
        vacancy title is left to the title memory ("Automotive Trimmer" is no meat cutter)."""
        sentence = query is None or not query.title_shaped
        tokens = words(job_text)
        loose = (  # the bare word said as what someone is: "my aunt is a nurse and ..."
            query is not None
            and sentence
            and not query.activity  # ("design logo poster" begins with a verb)
            and bool(tokens)
            and re.search(rf"\b(?:a|an|as)\s+{re.escape(tokens[0])}\b", query.clean.casefold())
            is not None
        )
        chosen = self._with_bare(tokens, mention, loose)
        if chosen is None and query is not None and sentence and not query.activity:
            chosen = self._said_as_what(query.clean, tokens)
        said_itself = (
            chosen is not None
            and query is not None
            and sentence
            and not query.activity
            and re.search(rf"\b{re.escape(chosen.text)}s?\b", query.clean.casefold()) is not None
        )
        everyday = self.find(chosen.text) if said_itself else None
        if (
            everyday is not None
            and everyday.everyday
            and not (chosen.bare or chosen.preferred or chosen.alias)
            and chosen.occupations <= everyday.occupations
        ):  # a word of our everyday table, said in a sentence ("are cobblers safe from AI?")
            return everyday
        if chosen is None or chosen.bare or chosen.preferred or len(chosen.alternative) != 1:
            return chosen
        if not sentence:
            return chosen
        if " " in chosen.text or not _AGENT_SHAPED.search(chosen.text):
            # ("admin assistant", of statistical assistant, is built on a generic noun, else it
            # would be that occupation's name: mentions.py; "dog" and "event" are no workers)
            return chosen
        return replace(chosen, sole=True) if self.own_name(chosen) else chosen

    def _said_as_what(self, message: str, tokens: list[str]) -> Mention | None:
        """A bare job word said as what someone is or would be, anywhere in a longer
        message: "my son wants to fly for an airline, is being a pilot still a good career?"
        """
        for said in _SAID_AS_WHAT.finditer(message.casefold()):
            word = singular(said.group(1))
            found = self.find(word) if word in tokens else None
            if found is not None:
                return found
        return None

    def _with_bare(self, tokens: list[str], mention: Mention | None, loose: bool) -> Mention | None:
        """That label keeps precedence, unless it is only some occupation's alternative label
        for the same bare word ("teacher" is one of politics lecturer's): then both count.
        The job words may go on after the bare word with words no label has ("nurse love" of
        "my aunt is a nurse and she loves it"): it is still that word said alone; a word
        before it may make it particular ("pediatric nurse"), and is left to the signals.
        ``tokens``: the job words. ``loose``: so read only when the word is said as what
        someone is, in a sentence ("Nurse Johor" is a vacancy title, left to the title
        memory; "my boss thinks ..." no job)."""
        alone = len(tokens) == 1 or (
            len(tokens) > 1 and loose and not any(t in self._label_words for t in tokens[1:])
        )
        bare = self.find(tokens[0]) if alone else None
        if bare is None:
            return mention
        if mention is None:
            return bare
        if mention.text != bare.text or mention.preferred:
            return mention
        if bare.everyday:  # what people mean by it, not ESCO's stray label
            return bare
        return replace(bare, alternative=(bare.alternative | mention.alternative) - bare.preferred)


def _usual_among(
    occ: list[int], labels: Sequence[str], title_counts: np.ndarray | None
) -> int | None:
    if len(occ) < 2:
        return None  # one occupation: the resolver's own signals already find it
    general = [i for i in occ if "general" in words(labels[i])]
    if len(general) == 1:
        return general[0]
    if title_counts is None:
        return None
    ranked = sorted(occ, key=lambda i: (-int(title_counts[i]), i))
    first, second = int(title_counts[ranked[0]]), int(title_counts[ranked[1]])
    if first >= MIN_TITLES and first >= DOMINANCE * max(second, 1):
        return ranked[0]
    return None
