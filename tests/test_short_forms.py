"""Short forms that are a job only when said as one (knowledge/short_forms.py)."""

import pytest

from knowledge.short_forms import spell_out_capitals


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("I'm a docker at Felixstowe, automation worries me", "a stevedore at Felixstowe"),
        ("my dad was a docker in Liverpool", "a stevedore in Liverpool"),
        ("spin up a docker container", "a docker container"),  # the software
        ("I am a Docker expert", "a Docker expert"),
        ("should I run pihole in a docker?", "in a docker?"),  # (from the review)
        ("I'm an EA to the MD", "an executive assistant to"),
        ("EA servers are down again", "EA servers"),  # the games company
    ],
)
def test_a_short_form_is_a_job_only_when_said_as_one(message, said):
    assert said in spell_out_capitals(message)
