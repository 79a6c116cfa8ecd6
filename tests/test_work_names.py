"""The job name a description of work makes (knowledge/work_names.py), and how the resolver
takes it: "he drives a bus" names bus drivers as surely as "bus driver" does."""

from __future__ import annotations

from knowledge.mentions import LabelMentions
from knowledge.store import LabelRow
from knowledge.text import parse_question
from knowledge.work_names import gerund_work, work_names, work_phrase

HEADS = {"driver", "walker", "stocker", "maker", "sitter", "filler", "seller"}.__contains__


def test_object_then_agent_noun():
    assert work_names("drives a bus", HEADS) == ["bus driver"]
    assert work_names("drive a bin lorry", HEADS) == ["bin lorry driver"]
    assert work_names("walk people's dogs and feed their cats", HEADS) == ["dog walker"]
    assert work_names("make chocolates and truffles", HEADS) == ["chocolate maker"]
    assert work_names("stock shelves", HEADS) == ["shelve stocker", "shelf stocker"]
    assert work_names("also drive a taxi", HEADS) == ["taxi driver"]  # an adverb first


def test_only_an_adverb_may_come_before_the_verb():
    heads = {"dentist", "driver", "up"}.__contains__
    # the second word is the verb only after an adverb: "knocks dents out" makes no dentist
    assert work_names("knocks dents out of crashed cars", heads) == []
    assert work_names("put up the metal poles", heads) == []
    assert work_names("usually drive a taxi", heads) == ["taxi driver"]


def test_workers_named_with_another_noun_and_verbs_that_are_job_nouns():
    heads = {"repairer", "mechanic", "guard", "cook", "driver"}.__contains__
    assert work_names("fix bikes", heads) == ["bike repairer", "bike mechanic"]
    assert work_names("mends shoes", heads) == ["shoe repairer"]
    assert work_names("guard a warehouse", heads) == ["warehouse guard"]
    assert work_names("cooks meals", heads) == ["meal cook"]
    assert work_names("drive a bus", heads) == ["bus driver"]  # not "bus drive"


def test_no_name_without_an_agent_noun_that_names_a_job_or_without_an_object():
    assert work_names("fix bikes", HEADS) == []  # "fixer" is no ESCO job noun here
    assert work_names("drive", HEADS) == []
    assert work_names("", HEADS) == []


LABELS = [
    LabelRow(0, 0, "pet sitter", "preferred"),
    LabelRow(1, 0, "dog walker", "alternative"),
    LabelRow(2, 1, "kennel supervisor", "preferred"),
    LabelRow(3, 1, "dog", "alternative"),
    LabelRow(4, 2, "shelf filler", "preferred"),
    LabelRow(5, 2, "shelf stocker", "alternative"),
    LabelRow(6, 3, "machine repairer", "alternative"),
    LabelRow(7, 3, "power tool repair technician", "preferred"),
]


def said(message: str):
    heads = {"sitter", "walker", "supervisor", "dog", "filler", "stocker", "repairer"}
    return LabelMentions(LABELS).in_query(parse_question(message), lambda w: w, heads.__contains__)


def test_the_name_the_work_makes_beats_a_word_that_only_hints():
    assert said("I walk people's dogs and feed their cats when they're away").preferred == {0}
    assert said("I stock shelves at night in a big supermarket").preferred == {2}


def test_only_a_whole_made_name_counts():
    """ "washing machine repairer" is no label; its tail "machine repairer" must not settle."""
    found = said("I repair washing machines in people's homes")
    assert found is None or 3 not in found.preferred


def test_the_particle_of_a_phrasal_verb_is_no_part_of_the_thing_worked_on():
    heads = {"looker", "sitter"}.__contains__
    assert work_names("look after toddlers", heads) == ["toddler looker"]  # not "after ..."
    assert work_phrase("deal with staff complaints", heads) == "staff complaint dealer"


def test_a_made_agent_noun_is_spelt_as_labels_spell_it_and_ends_at_the_place():
    heads = set().__contains__
    assert work_phrase("investigate burglaries", heads) == "burglary investigator"
    assert work_phrase("patrol car parks", heads) == "car park patroller"
    assert work_phrase("push patients around the hospital", heads) == "patient pusher"
    assert work_phrase("check tickets on trains", heads) == "ticket checker"


def test_who_writes_code_is_a_developer(assistant):
    """ "I write code" was a writer, then a clinical coder."""
    assert work_names("write backend code", {"writer", "developer"}.__contains__) == [
        "backend code developer"
    ]
    answer = assistant.resolve("my brother writes code for an insurance company")
    assert answer.candidates[0].label == "software developer"


def test_a_description_of_hands_on_work_is_not_its_supervisor_nor_assistant(assistant):
    """knowledge/ranks.py: a rank the work said does not say costs a little."""
    answer = assistant.resolve("my aunt cuts and colours hair in her salon")
    assert answer.candidates[0].label == "hairdresser"


def test_work_said_with_a_gerund_and_its_object():
    """ "I work nights filling the shelves": the name the gerund's work makes; a gerund
    without a determiner is rather a thing ("washing machines")."""
    assert "fill the shelves" in gerund_work("I work nights filling the shelves in a Tesco")
    assert gerund_work("I repair washing machines") == []


def test_a_rank_said_with_a_verb_is_said(assistant):
    """ "I manage a team of ..." says the manager (knowledge/ranks.py)."""
    answer = assistant.resolve("I manage a team of software engineers")
    assert answer.candidates[0].label == "software manager"


def test_the_agent_noun_of_a_verb_many_jobs_do_names_no_job():
    """ "I write the subtitles" made "writer", which then beat subtitler; a verb that begins
    the skills of hundreds of occupations says no job by its agent noun. A rare one does."""
    labels = [LabelRow(0, 0, "writer", "preferred"), LabelRow(1, 1, "welder", "preferred")]
    heads = {"writer", "welder"}.__contains__

    def named(message: str, common: set[str]):
        mentions = LabelMentions(labels)
        query = parse_question(message, is_head=heads)
        return mentions.in_query(query, lambda w: w, heads, common.__contains__)

    subtitles = "I write the subtitles for foreign films"
    assert named(subtitles, set()).preferred == {0}  # (what it did before)
    assert named(subtitles, {"write"}) is None
    assert named("I weld ship hulls at a shipyard", {"write"}).preferred == {1}
    # a job word said is said, whatever the verb ("a writer" here is no agent we made)
    assert named("I write adverts as a writer for an agency", {"write"}).preferred == {0}


def test_someone_who_writes_subtitles_is_a_subtitler_not_a_writer(assistant):
    answer = assistant.resolve("I write the subtitles for nature documentaries")
    assert answer.candidates[0].label == "subtitler"
    assert "writer" not in [c.label for c in answer.candidates[:1]]


def singular_known(word: str) -> bool:
    return word in {"barrel", "pint", "cocktail", "pub", "hand", "cooperage"}


def test_a_name_made_across_two_pieces_of_work_is_no_name():
    """ "change the barrels and make cocktails" left "barrel make cocktail" in the job words,
    which named a cooper (barrel maker) for a bartender."""
    labels = [LabelRow(0, 0, "barrel maker", "preferred")]
    heads = {"maker"}.__contains__

    def named(message: str):
        query = parse_question(message, singular_known, heads)
        return LabelMentions(labels).in_query(query, lambda w: w, heads)

    assert named("I pour pints, change the barrels and make cocktails at a pub") is None
    assert named("I make barrels by hand in a cooperage").preferred == {0}
