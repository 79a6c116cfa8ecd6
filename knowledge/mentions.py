"""Job names said in a message, word for word: the longest ESCO label in it.

People name their job inside a sentence ("my brother is a firefighter, surely AI can't run
into burning buildings?"). The embedding of the whole job text dilutes that name with the rest
of the sentence, so the resolver also looks for the longest run of words that is an ESCO label
(preferred or alternative; plurals made singular, typos corrected, short forms expanded). A
preferred label names one occupation; an alternative label may be shared by several ("nurse"),
and then how common each one is decides (the resolver's prior). Data only: ESCO's own labels.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.chosen_names import WorkPhrase, job_aliases, load_work_phrases, phrase_said
from knowledge.short_forms import ABBREVIATIONS, short_form, spell_out_capitals
from knowledge.store import LabelRow
from knowledge.text import Query
from knowledge.wordforms import agent_forms, singular, words
from knowledge.work_names import gerund_work, verb_bases, work_names

MAX_WORDS = 6  # longer labels are never said word for word
# "a receptionist at a hotel" is a hotel receptionist: the place or field said after a job
# name, when ESCO names the job with it in front.
_PLACE_PREPOSITIONS = frozenset("at in on for with".split())
_PLACE_DETERMINERS = frozenset("a an the our my his her their your one this that".split())
# A job name said before one of these names the place ("a GP surgery", "a vet clinic").
_PLACE_NOUNS = frozenset(
    "surgery surgeries practice practices firm firms depot depots yard yards ward wards".split()
)  # (not "shop" or "clinic": "a butcher shop", "a vet clinic" still say who works there)
# A field said before one of these names a tool ("screening tools", "accounting software").
_TOOL_NOUNS = frozenset("tool tools software system systems app apps platform platforms".split())
# "will AI tutors replace her": the machine, not anyone's job.
_MACHINE_WORDS = frozenset("ai robot robots chatbot chatbots automated virtual".split())
# Labels that are ordinary words more often than job names in a message about work.
TOO_GENERIC = frozenset(
    "worker employee staff manager assistant operator officer agent specialist expert "
    "consultant professional technician helper clerk leader head director owner apprentice "
    "trainee intern".split()  # (ESCO has "apprentice" as an alternative label of cook)
)


@dataclass(frozen=True)
class Mention:
    """The longest label said in a message and the occupations it names."""

    text: str
    preferred: frozenset[int]  # occupations with this as their preferred label
    alternative: frozenset[int]  # occupations with it as an alternative label
    alias: bool = False  # a hand-chosen job name (job_aliases), never an ordinary word
    field: bool = False  # derived from a field or activity word ("welding" -> welder)
    bare: bool = False  # one bare noun that several occupations are built on (usual_sense)
    # a bare word whose senses we chose (data/usual_senses.tsv): the order they were chosen
    # in, most common first ("teacher": primary school teacher before secondary and early
    # years); a menu of them keeps it
    chosen_order: tuple[int, ...] = ()
    # a word of its own that only one occupation has, as an alternative label ("croupier", of
    # gaming dealer): that one goes first (lift), and the confidence decides
    sole: bool = False
    work_phrase: bool = False  # an everyday phrase for the work said (chosen_names)

    @property
    def everyday(self) -> bool:
        """A bare word whose senses we chose, not a job name said."""
        return bool(self.chosen_order)

    @property
    def generic(self) -> bool:
        """Built on a noun too generic to name a job by itself ("store manager"); a name of
        three words or more says which ("child protection social worker")."""
        said = self.text.split()
        return said[-1] in TOO_GENERIC and len(said) < 3

    @property
    def occupations(self) -> frozenset[int]:
        return self.preferred | self.alternative


def _key(tokens: Iterable[str]) -> str:
    return " ".join(map(singular, tokens))


class LabelMentions:
    def __init__(
        self,
        labels: Iterable[LabelRow],
        aliases: Iterable[LabelRow] = (),
        phrases: tuple[WorkPhrase, ...] = (),
    ):
        """``aliases`` are names chosen by hand (``job_aliases``): they count even when
        their last word is no ESCO job noun ("youtuber"); ``phrases``, everyday phrases for
        a job's work (``chosen_names``), name their job like an alias."""
        aliases, self._phrases = list(aliases), phrases
        self._aliases = frozenset(_key(words(row.text)) for row in aliases)
        # Words of the hand-chosen names are taken as said: never "corrected" into a label
        # word ("sonographer" is not a typo of scenographer), never expanded ("tech support").
        self.alias_words = frozenset(w for key in self._aliases for w in key.split())
        table: dict[str, tuple[set[int], set[int]]] = {}
        for row in [*labels, *aliases]:
            for form in row.text.split("/"):  # "waiter/waitress": each form is a name
                tokens = words(form)  # ("cnc setter/operator" does not make "operator" one)
                if not tokens or len(tokens) > MAX_WORDS or _key(tokens) in TOO_GENERIC:
                    continue
                pair = table.setdefault(_key(tokens), (set(), set()))
                (pair[0] if row.kind == "preferred" else pair[1]).add(row.occupation_idx)
        self._table = table  # (which names are an occupation's own is decided when said)
        # Word pairs that labels write as two words ("school teacher", "fire fighter"), which
        # are never joined into one ("hair dresser" is, into hairdresser); and short forms
        # some labels use as they are ("cnc machinist"), kept as said too.
        pairs: set[tuple[str, str]] = set()
        label_words: set[str] = set()
        for key in table:
            said = key.split()
            pairs.update(itertools.pairwise(said))
            label_words.update(said)
        self._pairs = frozenset(pairs)
        self._short_in_labels = frozenset(label_words & ABBREVIATIONS.keys())

    @classmethod
    def with_chosen(cls, labels: list[LabelRow], label_to_index: dict[str, int]) -> LabelMentions:
        """With the names chosen by hand (``chosen_names``): job aliases and work phrases."""
        return cls(labels, job_aliases(label_to_index), load_work_phrases(label_to_index))

    def _named_as(self, key: str) -> tuple[frozenset[int], frozenset[int]] | None:
        """Whose own name and whose alternative name a label is (None: no label). A
        multi-word alternative label of one occupation ("tour guide", "bin lorry driver") is
        its name as surely as the preferred one; a one-word one ("fishmonger", of fish
        preparation operator) or one on a generic noun ("lab technician") is not."""
        said = self._table.get(key)
        if said is None:
            return None
        preferred, alternative = said[0], said[1] - said[0]
        sole = len(alternative) == 1 and " " in key and key.split()[-1] not in TOO_GENERIC
        if sole and not preferred:
            return frozenset(alternative), frozenset()
        return frozenset(preferred), frozenset(alternative)

    def run_together(self, word: str) -> str:
        """A two-word name written as one word ("careworker"), split again; or ""."""
        for i in range(3, len(word) - 2):
            if f"{word[:i]} {singular(word[i:])}" in self._table:
                return f"{word[:i]} {word[i:]}"
        return ""

    def joined(self, tokens: list[str]) -> list[str]:
        """A job name written as two words that labels write as one, joined again ("hair
        dresser" -> hairdresser, "book keeper" -> bookkeeper, "sales man" -> salesman);
        never a pair some label writes apart ("school teacher", ESCO's "fire fighter")."""
        out: list[str] = []
        for token in tokens:
            if (
                out
                and singular(out[-1] + token) in self._table
                and (out[-1], singular(token)) not in self._pairs
            ):
                out[-1] += token
            else:
                out.append(token)
        return out

    def find(
        self,
        text: str,
        correct: Callable[[str], str] = lambda w: w,
        is_head: Callable[[str], bool] = lambda w: True,
    ) -> Mention | None:
        """The label in ``text`` that best names a job: the first said ("a pharmacist in a
        high street chemist", "a PA to the CEO"), the longest label starting there.
        A label must end in a job noun (``is_head``): "dog" may be an alternative label of
        kennel supervisor, but "cats and dogs" names no job."""
        cased = spell_out_capitals(text)
        tokens: list[str] = []
        expanded: list[str] = []  # short forms expanded even where they are alias words
        for token in words(cased):
            short = len(token) == 3 and token.endswith("s") and token[:2] in self.alias_words
            if short and re.search(rf"\b{token[:2].upper()}s\b", text):
                token = token[:2]  # "DJs", "GPs": too short for the plural rule; not "hrs"
            spelt = short_form(token) or correct(token)
            spelt_out = spelt.lower().split()  # once: correct() searches the whole vocabulary
            as_said = singular(token) in self.alias_words or token in self._short_in_labels
            tokens.extend([token] if as_said else spelt_out)
            expanded.extend(spelt_out)
        tokens, expanded = self.joined(tokens), self.joined(expanded)
        found = self._longest_first(tokens, is_head)
        # "vet nurse": veterinary nurse, a longer name than "vet"; "CEO": chief executive
        # officer, ESCO's preferred name for what an alternative label shortens
        if expanded != tokens:
            longer = self._longest_first(expanded, is_head)
            if longer is not None and (
                found is None
                or (
                    longer.preferred
                    and (len(longer.text.split()) > _spread(found.text) or not found.preferred)
                )
            ):
                found = longer
        if found is not None:  # ("a receptionist at the vets": a veterinary receptionist)
            qualified = self._qualified(tokens, found)
            return qualified if qualified is not found else self._qualified(expanded, found)
        return self._field(tokens)

    def _qualified(self, tokens: list[str], found: Mention) -> Mention:
        """The job name with the place or field said after it, when that is a label of its
        own ("receptionist at a hotel" -> hotel receptionist, "social worker in child
        protection" -> child protection social worker, "cleaner in an office" -> office
        cleaner): ESCO's more particular job, as the person described it."""
        name = found.text.split()
        keys = [singular(t) for t in tokens]
        for start in range(len(keys) - len(name) + 1):
            if keys[start : start + len(name)] != name:
                continue
            after = start + len(name)
            if after >= len(tokens) or tokens[after] not in _PLACE_PREPOSITIONS:
                return found
            first = after + 1
            while first < len(tokens) and tokens[first] in _PLACE_DETERMINERS:
                first += 1
            # (a word before the place may only describe it: "in a big hospital")
            for start in (first, first + 1):
                for width in range(min(3, len(tokens) - start), 0, -1):
                    key = _key([*tokens[start : start + width], *name])
                    hit = self._named_as(key)
                    if hit is None:
                        continue
                    if hit[0]:
                        return Mention(key, hit[0], hit[1], key in self._aliases)
                    if len(hit[1]) == 1:  # the only one with that name, said with its place
                        return Mention(key, hit[1], frozenset(), key in self._aliases)
            return found
        return found

    def in_query(
        self,
        query: Query,
        correct: Callable[[str], str],
        is_head: Callable[[str], bool],
        common_verb: Callable[[str], bool] = lambda _verb: False,
    ) -> Mention | None:
        """The job name a message says: in its own words, else in the job words made of it
        ("I drive a garbage truck" -> "garbage truck driver"). A name the work said makes as
        a whole ("he drives a bus" -> "bus driver", "I walk people's dogs" -> "dog walker")
        comes before a name said that only hints at some occupations ("dog"). ``common_verb``
        tells whether many occupations do a verb: its agent noun alone names no job ("I
        write the subtitles" is no writer; "I weld ship hulls" is a welder)."""
        said = self.find(query.clean, correct, is_head)
        # "I file court papers for lawyers": who the work is done for, not who does it.
        served = said is not None and query.activity and _served(query, said.text)
        said = None if served else said
        found = None if query.pastime else phrase_said(query.clean.lower(), self._phrases)
        # "I pull pints in a pub": a bartender, unless a job is named (not a field: "I sell
        # jewellery"; nor the phrase's own verb: "I groom dogs" is no horse groom)
        named = said and not said.field and (said.preferred or query.job_frame)
        if found and (not named or said.text in found.phrase.split()):
            name = _key(words(found.label.split("/")[0]))
            return Mention(name, frozenset({found.occupation}), frozenset(), work_phrase=True)
        if said is None or not said.preferred:
            gerunds = [] if query.pastime else gerund_work(query.clean)  # "filling the shelves"
            works = [query.activity_text, *gerunds]
            for name in (n for work in works for n in work_names(work, is_head)):
                made = self.find(name, correct, is_head)
                # (as a whole, or joined: "book keeper" is a bookkeeper)
                whole = made is not None and made.text.replace(" ", "") == name.replace(" ", "")
                if whole and made.preferred:
                    return made
        if said is not None or query.pastime or served:  # "I repair my own bike": no job
            return said
        made = self.find(query.job_text, correct, is_head)
        if made is not None and query.activity and _agent_of(made.text, query.clean, common_verb):
            return None
        if made is not None and query.activity and not _said_together(made.text, query.clean):
            return None  # ("change the barrels and make cocktails" is no "barrel maker")
        return made

    def _field(self, tokens: list[str]) -> Mention | None:
        """No job named, but a field or activity whose job has it as its preferred label
        ("is welding a safe trade" -> welder, "future of carpentry" -> carpenter), with the
        words that make it a particular field ("electrical engineering" -> electrical
        engineer, not any engineer)."""
        for i, token in enumerate(tokens):
            if said_of_a_tool(tokens, i) or taught(tokens, i):
                continue
            shaped = agent_forms(token, fields_only=True)
            for form in dict.fromkeys([*shaped, *agent_forms(token)]):
                # A bare word ("design") names its agent only with the words that make it a
                # particular field ("interior design" -> interior designer); never alone, nor
                # a generic agent ("management" alone is no manager; "hotel management" is).
                alone = form in shaped and form not in TOO_GENERIC
                first = i if alone else i - 1
                for start in range(max(0, i - 3), first + 1):  # the longest field first
                    key = _key([*tokens[start:i], form])
                    hit = self._named_as(key)
                    if hit is not None and hit[0]:
                        return Mention(key, hit[0], frozenset(), field=True)
        return None

    def _longest_first(self, tokens: list[str], is_head: Callable[[str], bool]) -> Mention | None:
        best: tuple[int, int] | None = None
        found: Mention | None = None
        for start in range(len(tokens)):
            for end in range(min(len(tokens), start + MAX_WORDS), start, -1):
                key = _key(tokens[start:end])
                hit = self._named_as(key)
                if hit is None or len(key) < 2 or (start and tokens[start - 1] in _MACHINE_WORDS):
                    continue
                if end < len(tokens) and tokens[end] in _PLACE_NOUNS:
                    break  # "at a GP surgery", "the vet practice": a place, not its worker
                if key not in self._aliases and (len(key) < 3 or not is_head(key.split()[-1])):
                    continue
                rank = (-start, end - start)
                if best is None or rank > best:
                    best, found = rank, Mention(key, hit[0], hit[1], key in self._aliases)
                break
        return found


def said_of_a_tool(tokens: list[str], i: int) -> bool:
    """The word at ``i`` is said of a machine or a tool, not of a worker or a field of work:
    "AI screening tools", "accounting software", "AI tutors"."""
    machine = i > 0 and tokens[i - 1] in _MACHINE_WORDS
    return machine or (i + 1 < len(tokens) and tokens[i + 1] in _TOOL_NOUNS)


# A field taught names the subject, not who practises it: "I teach chemistry" is no chemist.
_TEACHING = frozenset("teach teaches teaching tutor tutors tutoring lecture lectures".split())
_OTHER_WORK = frozenset("do does doing work works run runs also".split())  # (said between)


def taught(tokens: list[str], i: int) -> bool:
    """The field at ``i`` is what someone teaches ("I teach chemistry and biology"; not "I
    teach and do accounting")."""
    before = tokens[max(0, i - 3) : i]
    at = max((k for k, t in enumerate(before) if t in _TEACHING), default=-1)
    return at >= 0 and not set(before[at + 1 :]) & _OTHER_WORK


def _spread(name: str) -> int:
    """How many words a name says once its short forms are expanded ("ux designer": 3)."""
    return sum(len(ABBREVIATIONS.get(w, w).split()) for w in name.split())


def _served(query: Query, name: str) -> bool:
    """The job name is said as whom the work is for ("I file papers for lawyers", "to a
    GP") or as what it deals with ("I organise weddings: venues, florists, seating"), not as
    who does it ("I teach maths as a secondary school teacher")."""
    message = query.clean.casefold()
    said = r"\s+".join(re.escape(w) for w in name.split())
    pattern = rf"\b(?:for|to)\s+(?:(?:a|an|the|our|my|some|other|local)\s+)?{said}s?\b"
    if re.search(pattern, message):
        return True
    work = message.find(query.activity_text) if query.activity_text else -1
    named = re.search(rf"\b{said}s?\b", message)
    return (
        work >= 0
        and named is not None
        and named.start() > work
        and not re.search(r"\b(?:as|i'?m|i am|im)\s+(?:an?\s+)?$", message[: named.start()])
    )


def _agent_of(name: str, message: str, verb: Callable[[str], bool]) -> bool:
    """Whether ``name`` is only the agent noun of a ``verb`` the message says, not a word
    said itself ("I write news stories" -> writer; "I cut meat at a butcher's" says butcher)."""
    said = words(message)
    if " " in name or name in {w.removesuffix("'s") for w in said}:
        return False
    return any(_does(name, w, verb) for w in said)


def _does(agent: str, word: str, verb: Callable[[str], bool] = lambda _v: True) -> bool:
    """Whether ``agent`` is the agent noun of ``word`` said as a ``verb`` ("writes": writer)."""
    return any(verb(base) and agent in agent_forms(base) for base in verb_bases(word))


def _said_together(name: str, message: str) -> bool:
    """Whether the words of ``name`` follow each other in ``message`` (but for a determiner;
    the last may be said as the verb it is the agent of), not across "and" or a comma."""
    said = re.findall(r"[\w'-]+|[,;.]", message.casefold())
    wanted = name.split()
    for start in range(len(said)):
        i = start
        for k, word in enumerate(wanted):
            while k and i < len(said) and said[i] in ("the", "a", "an"):
                i += 1
            if i >= len(said):
                break
            here = said[i]
            last = k == len(wanted) - 1
            if word not in (here, singular(here)) and not (last and _does(word, here)):
                break
            i += 1
        else:
            return True
    return False
