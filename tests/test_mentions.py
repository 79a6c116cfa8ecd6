"""Job names said word for word (knowledge/mentions.py), on hand-made labels: what counts as
a mention, which one wins, and how it moves the ranking."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np

from knowledge.mention_lift import lift, settles
from knowledge.mentions import LabelMentions, Mention
from knowledge.store import LabelRow

LABELS = [
    LabelRow(0, 0, "pharmacist", "preferred"),
    LabelRow(1, 1, "chemist", "preferred"),
    LabelRow(2, 2, "personal assistant", "preferred"),
    LabelRow(3, 3, "chief executive officer", "preferred"),
    LabelRow(4, 4, "waiter/waitress", "preferred"),
    LabelRow(5, 5, "kennel supervisor", "preferred"),
    LabelRow(6, 5, "dog", "alternative"),  # a real kind of ESCO alternative label
    LabelRow(7, 6, "general nurse", "alternative"),
    LabelRow(8, 7, "general nurse", "alternative"),
    LabelRow(9, 8, "operator", "preferred"),  # too generic to count as a name
    LabelRow(10, 8, "cnc setter/operator", "alternative"),  # nor as the second of two forms
]
HEADS = {"pharmacist", "chemist", "assistant", "officer", "waiter", "waitress", "supervisor",
         "nurse", "operator"}  # fmt: skip


def find(text: str):
    return LabelMentions(LABELS).find(text, is_head=HEADS.__contains__)


def test_the_first_name_said_wins_and_plurals_and_capitals_count():
    assert find("my sister works as a pharmacist in a high street chemist").text == "pharmacist"
    assert find("I'm a PA to the CEO of a bank").text == "personal assistant"  # short forms
    assert find("will AI replace pharmacists?").preferred == {0}
    assert find("Waitresses on weekends").preferred == {4}  # each form of "waiter/waitress"


def test_words_that_name_no_job_are_not_mentions():
    assert find("I walk dogs and feed cats") is None  # "dog" does not end in a job noun
    assert find("I am an operator") is None  # too generic
    assert find("what's the weather like?") is None
    assert find("") is None


def test_a_shared_alternative_label_names_every_occupation_that_has_it():
    mention = find("I'm a general nurse")
    assert mention.preferred == frozenset() and mention.alternative == {6, 7}


def weights(**kw):
    base = {"w_mention": 0.5, "w_mention_alternative": 1.5, "w_mention_prior": 1.0}
    return SimpleNamespace(**{**base, **kw})


def test_a_preferred_label_goes_first_and_settles_it():
    fused = np.array([1.0, 6.0, 2.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    mention = find("pharmacist in a chemist")
    lifted = lift(fused, mention, None, weights())
    assert int(np.argmax(lifted)) == 0 and lifted[0] == 6.5
    assert settles(mention, 0)
    assert not settles(mention, 1)  # not the named one
    assert lift(fused, None, None, weights()) is fused  # no mention: unchanged


def test_a_shared_alternative_label_lifts_the_common_one_but_never_settles():
    fused = np.zeros(9)
    prior = np.array([0, 0, 0, 0, 0, 0, -0.5, 1.5, 0])
    mention = find("general nurses")
    lifted = lift(fused, mention, prior, weights())
    assert lifted[7] - lifted[6] == 2.0 and int(np.argmax(lifted)) == 7
    assert not settles(mention, 7)  # the confidence decides between an answer and a menu


def test_a_word_of_its_own_goes_first_among_the_alternatives_and_never_settles():
    fused = np.array([0.0, 9.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0])
    mention = Mention("croupier", frozenset(), frozenset({5}), sole=True)
    lifted = lift(fused, mention, None, weights())
    assert int(np.argmax(lifted)) == 5 and lifted[5] - lifted[1] < 0.1
    assert not settles(mention, 5)
    plain = lift(fused, replace(mention, sole=False), None, weights())
    assert int(np.argmax(plain)) == 1


def test_hand_chosen_aliases_name_jobs_that_esco_spells_differently():
    aliases = [LabelRow(-1, 9, "youtuber", "preferred"), LabelRow(-1, 2, "pa", "preferred")]
    mentions = LabelMentions([*LABELS, LabelRow(10, 9, "vlogger", "preferred")], aliases)
    found = mentions.find("my son wants to be a YouTuber", is_head=HEADS.__contains__)
    assert found.text == "youtuber" and found.preferred == {9} and found.alias
    assert not mentions.find("a vlogger", is_head=lambda w: True).alias


def test_a_field_names_the_job_whose_preferred_label_it_comes_from():
    welder, writer = LabelRow(10, 9, "welder", "preferred"), LabelRow(11, 10, "writer", "preferred")
    labels = [*LABELS, welder, writer]
    mentions = LabelMentions(labels)
    found = mentions.find("is welding a safe trade to get into?", is_head=lambda w: True)
    assert found.text == "welder" and found.preferred == {9} and found.field
    assert mentions.find("can you help me write a cover letter?", is_head=lambda w: False) is None


def test_an_alternative_name_only_one_occupation_has_is_its_name():
    """Several words, one occupation, not built on a generic noun: as sure as a preferred
    label ("tour guide" is only tourist guide's). One word, or a generic head, is not."""
    labels = [
        LabelRow(0, 0, "tourist guide", "preferred"),
        LabelRow(1, 0, "tour guide", "alternative"),
        LabelRow(2, 1, "bacteriology technician", "preferred"),
        LabelRow(3, 1, "lab technician", "alternative"),
        LabelRow(4, 2, "fish preparation operator", "preferred"),
        LabelRow(5, 2, "fishmonger", "alternative"),
    ]
    mentions = LabelMentions(labels)
    guide = mentions.find("I'm a tour guide in Rome", is_head=lambda w: True)
    assert guide.preferred == {0} and guide.alternative == frozenset() and settles(guide, 0)
    lab = mentions.find("lab technician", is_head=lambda w: True)
    assert lab.preferred == frozenset() and lab.alternative == {1}
    fish = mentions.find("fishmonger", is_head=lambda w: True)
    assert fish.preferred == frozenset() and fish.alternative == {2}


def test_a_field_keeps_the_words_that_make_it_particular():
    """ "electrical engineering" names electrical engineers, not any engineer; a field in
    "-ment" names its agent ("software development" -> software developer)."""
    labels = [
        LabelRow(0, 0, "electrical engineer", "preferred"),
        LabelRow(1, 1, "civil engineer", "preferred"),
        LabelRow(2, 2, "engineer", "preferred"),
        LabelRow(3, 3, "software developer", "preferred"),
    ]
    mentions = LabelMentions(labels)
    found = mentions.find("should my daughter study electrical engineering", is_head=lambda w: True)
    assert found.text == "electrical engineer" and found.preferred == {0} and found.field
    assert mentions.find("is engineering safe?", is_head=lambda w: True).preferred == {2}
    assert mentions.find("software development jobs", is_head=lambda w: True).preferred == {3}
    designer = LabelMentions([LabelRow(0, 0, "interior designer", "preferred")])
    found = designer.find("interior design and generative AI", is_head=lambda w: True)
    assert found.text == "interior designer" and found.field  # a bare verb, with its field
    assert designer.find("design and AI", is_head=lambda w: True) is None  # never alone
    managers = LabelMentions([LabelRow(0, 0, "project manager", "preferred")])
    found = managers.find("is project management safe from AI?", is_head=lambda w: True)
    assert found.text == "project manager"  # a generic agent, with the words of its field
    assert managers.find("is management safe?", is_head=lambda w: True) is None


def test_several_occupations_sharing_a_name_of_several_words_go_first_in_their_own_order():
    labels = [
        LabelRow(0, 0, "airline transport pilot", "preferred"),
        LabelRow(1, 0, "airline pilot", "alternative"),
        LabelRow(2, 1, "commercial pilot", "preferred"),
        LabelRow(3, 1, "airline pilot", "alternative"),
        LabelRow(4, 2, "flight instructor", "preferred"),
        LabelRow(5, 3, "shop manager", "preferred"),
        LabelRow(6, 3, "store manager", "alternative"),
        LabelRow(7, 4, "supermarket manager", "preferred"),
        LabelRow(8, 4, "store manager", "alternative"),
    ]
    mentions = LabelMentions(labels)
    fused = np.array([1.0, 2.0, 9.0, 0.0, 3.0])
    pilot = mentions.find("I'm an airline pilot", is_head=lambda w: True)
    lifted = lift(fused, pilot, None, weights())
    assert list(np.argsort(-lifted)[:3]) == [1, 0, 2]  # named ones first, their order kept
    assert not settles(pilot, 1)  # still two jobs: the confidence decides
    store = mentions.find("store managers", is_head=lambda w: True)  # a generic head: lift only
    assert int(np.argmax(lift(fused, store, None, weights()))) == 2


def test_a_short_form_expanded_makes_a_longer_name_than_the_alias_it_is():
    """ "vet" is an alias (general veterinarian), but "vet nurse" is veterinary nurse, a
    preferred label; "ux designer" stays the alias, not ESCO's "user experience designer"."""
    labels = [
        LabelRow(0, 0, "general veterinarian", "preferred"),
        LabelRow(1, 1, "veterinary nurse", "preferred"),
        LabelRow(2, 2, "user interface designer", "preferred"),
        LabelRow(3, 3, "technical communicator", "preferred"),
        LabelRow(4, 3, "user experience designer", "alternative"),
    ]
    aliases = [LabelRow(-1, 0, "vet", "preferred"), LabelRow(-1, 2, "ux designer", "preferred")]
    mentions = LabelMentions(labels, aliases)
    nurse = mentions.find("honestly I love being a vet nurse", is_head=lambda w: True)
    assert nurse.text == "veterinary nurse" and nurse.preferred == {1}
    assert mentions.find("my vet says", is_head=lambda w: True).preferred == {0}
    ux = mentions.find("UX designer working on banking apps", is_head=lambda w: True)
    assert ux.text == "ux designer" and ux.preferred == {2}


def test_a_name_written_as_two_words_is_joined_unless_a_label_writes_it_apart():
    mentions = LabelMentions(
        [
            LabelRow(0, 0, "hairdresser", "preferred"),
            LabelRow(1, 1, "dresser", "preferred"),
            LabelRow(2, 2, "secondary school teacher", "preferred"),
            LabelRow(3, 3, "schoolteacher", "alternative"),
        ]
    )
    assert mentions.joined(["hair", "dresser"]) == ["hairdresser"]
    assert mentions.joined(["hair", "dressers", "safe"]) == ["hairdressers", "safe"]
    assert mentions.joined(["secondary", "school", "teacher"]) == ["secondary", "school", "teacher"]
    assert mentions.find("will AI replace hair dressers?").preferred == {0}


def test_a_name_run_together_is_split_only_into_a_label():
    mentions = LabelMentions(
        [
            LabelRow(0, 0, "care worker", "preferred"),
            LabelRow(1, 1, "taxi driver", "alternative"),
            LabelRow(2, 2, "caseworker", "preferred"),
        ]
    )
    assert mentions.run_together("careworker") == "care worker"
    assert mentions.run_together("taxidrivers") == "taxi drivers"  # the plural, as written
    assert mentions.run_together("caseworker") == ""  # no two-word label in it
    assert mentions.run_together("shopworker") == ""


def test_each_form_of_a_label_with_a_slash_is_a_name_unless_too_generic():
    """ "technician/fill operative": the generic first form is no name, the second is."""
    mentions = LabelMentions([LabelRow(0, 0, "technician/fill operative", "alternative")])
    assert mentions.find("I'm a fill operative").occupations == {0}
    assert mentions.find("I'm a technician") is None


def test_the_place_said_after_a_name_makes_the_particular_job_when_esco_names_it():
    """ "a receptionist at a hotel" is a hotel receptionist; a place ESCO names no job after
    ("in Leeds"), or a place said before the name, leaves the name as it was."""
    labels = [
        LabelRow(0, 0, "receptionist", "preferred"),
        LabelRow(1, 1, "hospitality establishment receptionist", "preferred"),
        LabelRow(2, 1, "hotel receptionist", "alternative"),
        LabelRow(3, 2, "social worker", "preferred"),
        LabelRow(4, 3, "child care social worker", "preferred"),
        LabelRow(5, 3, "child protection social worker", "alternative"),
    ]
    mentions = LabelMentions(labels)

    def find_in(text):
        return mentions.find(text, is_head=lambda w: True)

    assert find_in("I'm a receptionist at a hotel").preferred == {1}
    assert find_in("my partner is a social worker in child protection").preferred == {3}
    assert find_in("a receptionist in Leeds").preferred == {0}
    assert find_in("hotel staff: I'm a receptionist").preferred == {0}
    assert find_in("I'm a receptionist").preferred == {0}


def test_a_name_after_ai_is_the_machine_not_a_job():
    assert find("will AI pharmacists replace my sister?") is None
    assert find("will robots replace pharmacists?").preferred == {0}


def test_a_name_said_before_a_place_names_the_place():
    assert find("I sell shampoo at a chemist practice") is None  # the place, not a chemist
    assert find("I'm a chemist at a lab").preferred == {1}


def test_the_chosen_order_of_a_bare_word_holds_whatever_the_similarity_gap():
    """ "teacher": primary school teachers first, however much closer the words of the
    message are to another teacher's label; the similarity orders only within a step."""
    fused = np.array([10.0, 30.0, 20.0, 0.0])
    mention = Mention(
        "teacher", frozenset(), frozenset({0, 1, 2}), bare=True, chosen_order=(0, 2, 1)
    )
    lifted = lift(fused, mention, None, weights())
    assert list(np.argsort(-lifted)[:3]) == [0, 2, 1]
