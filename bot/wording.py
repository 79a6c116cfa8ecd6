"""Every sentence the product says to a person outside an answer, in one place.

The CLI and the Discord adapters take these, so "not found", "which job?", "slow down" and
"something went wrong" read the same wherever they appear, and changing one changes it
everywhere. (Answer prose lives in ``prompts/``; the scoring vocabulary in
``scoring/vocabulary.py``.)
"""

from __future__ import annotations

from collections.abc import Sequence

from prompts.context import ATTRIBUTION

EXAMPLE_QUESTION = '"will AI replace glaziers?"'

NOT_FOUND_ANSWER = (
    "I could not find a job in that message. Ask me about an occupation, for example "
    f'{EXAMPLE_QUESTION} or "I run the night shift at a bakery, should I worry?", '
    "and I will tell you how exposed its skills are to AI, what AI is likely to change, "
    "which skills keep their value and which related jobs are safer.\n\n*" + ATTRIBUTION + "*"
)
NOT_FOUND_SHORT = (
    f"I could not find a job in that. Ask me about a job, for example: {EXAMPLE_QUESTION}"
)
EMPTY_MESSAGE = f"Ask me about a job, for example {EXAMPLE_QUESTION}"
NOT_AVAILABLE = "Sorry, that command is not available to you here."
RESTARTING = "I am restarting; please ask again in a minute."
BUSY = "I am answering a lot of questions right now; please try again in a minute."
PICK_AGAIN = "I no longer know {label}; please ask again."
NO_SUCH_OCCUPATION = "I could not find that occupation; pick one of the suggestions as you type."
NOT_ON_THE_MENU = "That choice is not on this menu; pick one of the jobs listed."


# Knowledge-base administration (operators only; the one base is shared by every guild).
OPERATORS_ONLY = "Only the bot's operators can manage the knowledge base."
RELOAD_RUNNING = "A reload is already running; I keep answering from the current knowledge base."


def reload_wait(seconds: float) -> str:
    return (
        f"The knowledge base was reloaded recently; the next reload can start in {seconds:.0f} s."
    )


def reloaded(seconds: float, build_id: str, before: str) -> str:
    return f"Reloaded in {seconds:.1f} s: now serving `{build_id}` (was `{before}`)."


def reload_failed(reason: str, before: str, error_id: str) -> str:
    """One line, no paths or exception text: the details are in the log under ``error_id``."""
    return f"Reload failed: {reason}. Still serving `{before}` (log id `{error_id}`)."


RELOAD_REASONS = {
    "source": "the ESCO export could not be read",
    "refused": "the new build could not be written or did not pass its checks",
    "unexpected": "an unexpected error",
}


def numbered(labels: Sequence[str], sep: str = "\n") -> str:
    return sep.join(f"{n}. {label}" for n, label in enumerate(labels, 1))


def ambiguous_menu(labels: Sequence[str]) -> str:
    """The chat menu: the person picks below."""
    return f"I am not sure which job you mean:\n{numbered(labels)}\nPick one below."


def ambiguous_prefix(labels: Sequence[str]) -> str:
    """Before a written answer for the closest match (CLI ``ask``)."""
    return (
        "I am not sure which job you mean. The closest matches are:\n"
        f"{numbered(labels)}\nHere is the first; ask again with one of the other names to see "
        "it instead.\n\n"
    )


def ambiguous_line(labels: Sequence[str]) -> str:
    """One line (CLI ``resolve``)."""
    return f"Not sure which job you mean. Did you mean: {numbered(labels, '; ')}?"


def asking_quickly(seconds: float) -> str:
    return f"You are asking quickly: I can take your next question in {seconds:.0f} s."


def went_wrong(error_id: str) -> str:
    return (
        f"Something went wrong on my side (error `{error_id}`). It is logged; please try "
        "again in a moment."
    )


# Buttons under every answer, and what they say.
BUTTON_MOVES = "Safer moves"
BUTTON_COMPARE = "Compare with..."
BUTTON_OTHER = "Not my job?"
BUTTON_HOW = "How we score"
STALE_BUTTON = "This button no longer works. Ask again with /ask and use the new buttons."
COMPARE_TITLE = "Compare with another job"
COMPARE_FIELD = "Another job"
REPHRASE_TITLE = "Which job is yours?"
REPHRASE_FIELD = "Your job in a few words"


# Per-server settings (/settings), for that server's admins.
MANAGE_SERVER_ONLY = "Only this server's admins (Manage Server) can change its settings."
SERVERS_ONLY = "Settings are per server; there are none to change in a DM."
NO_MESSAGE_CONTENT = (
    "I can only read messages that mention me here: my operators started me without the "
    "message content intent (NESTOR_DISCORD_MESSAGE_CONTENT)."
)


def server_settings(private: bool, cooldown: float, burst: int, channels: Sequence[int]) -> str:
    """What /settings shows: each setting in a line, as this server has it now."""
    where = ", ".join(f"<#{c}>" for c in channels) if channels else "none (mentions and DMs only)"
    return (
        f"Answers: **{'private' if private else 'public'}** unless someone asks otherwise\n"
        f"Questions: **{burst}** per person every **{cooldown:g} s**\n"
        f"Chat channels (answers without a mention): {where}"
    )
