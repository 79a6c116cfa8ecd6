"""Which kinds of AI tools act on which kinds of work: a declared, reviewed table.

Keyed by ESCO's own grouping of skills (the skills-pillar areas, "S2.2 documenting and
recording information"; for knowledge, the ISCED-F field, "042 law"), so an answer can say
*which* kind of AI touches *which* part of a job, and the grounding check accepts exactly these
words. A group absent from the table names no tool: the answer then says the work stays with
people. Reviewed against the kinds of systems the anchors describe (ILO 2025's task
examples, Eloundou et al.'s LLM-plus-tools exposure, Frey-Osborne's engineering
bottlenecks); change an entry here and ``TOOL_TABLE_VERSION`` together (the prompt
version, and with it the answer cache key, includes it).
"""

from __future__ import annotations

from dataclasses import dataclass

TOOL_TABLE_VERSION = "1"
GENAI, AUTO = "generative AI", "automation"
NOW, LATER = "now", "later"


@dataclass(frozen=True)
class ToolKind:
    name: str  # how an answer names it: "language models that draft and edit text"
    family: str  # "generative AI" or "automation": which factor it belongs to
    horizon: str  # "now" (in wide use) or "later" (needs machines, investment, regulation)


DRAFTING = ToolKind("language models that draft and edit text", GENAI, NOW)
TRANSLATION = ToolKind("machine translation", GENAI, NOW)
DESIGN = ToolKind("image and design generators", GENAI, NOW)
ASSISTANTS = ToolKind("chatbots and AI assistants that answer routine questions", GENAI, NOW)
ADVICE = ToolKind("AI assistants that draft advice", GENAI, NOW)
SALES = ToolKind("recommendation engines and AI sales assistants", GENAI, NOW)
RESEARCH = ToolKind("AI research assistants that search and summarise sources", GENAI, NOW)
CAPTURE = ToolKind(
    "document and data capture (scanning, forms, transcription)", "automation", "now"
)
ANALYTICS = ToolKind("analytics and forecasting software", GENAI, NOW)
CODING = ToolKind("AI coding assistants", GENAI, NOW)
OFFICE = ToolKind("workflow automation and AI office assistants", AUTO, NOW)
SCHEDULING = ToolKind("scheduling and planning software", AUTO, NOW)
INSPECTION = ToolKind("sensors and computer vision for inspection", AUTO, LATER)
MACHINES = ToolKind("computer-controlled and self-adjusting machinery", AUTO, LATER)
ROBOTS = ToolKind("warehouse robots and automated handling", AUTO, LATER)
VEHICLES = ToolKind("driver assistance and autonomous vehicles", AUTO, LATER)
CLEANING = ToolKind("cleaning robots", AUTO, LATER)
CLINICAL = ToolKind("clinical decision support and AI-assisted diagnostics", GENAI, LATER)
SECURITY = ToolKind("automated monitoring and security tools", AUTO, NOW)

# ESCO group code -> the kind of tool that acts on it. The most specific code wins.
TOOLS: dict[str, ToolKind] = {
    "S1.4": DRAFTING,  # presenting information
    "S1.5": ADVICE,  # advising and consulting
    "S1.6": SALES,  # promoting, selling and purchasing
    "S1.7": ASSISTANTS,  # obtaining information verbally
    "S1.11": DESIGN,  # designing systems and products
    "S1.12": DESIGN,  # creating artistic, visual or instructive materials
    "S1.13": DRAFTING,  # writing and composing
    "S1.15": TRANSLATION,  # using more than one language
    "S2.1": RESEARCH,  # conducting studies, investigations and examinations
    "S2.2": CAPTURE,  # documenting and recording information
    "S2.3": CAPTURE,  # managing information
    "S2.4": CAPTURE,  # processing information
    "S2.5": INSPECTION,  # measuring physical properties
    "S2.6": ANALYTICS,  # calculating and estimating
    "S2.7": ANALYTICS,  # analysing and evaluating information and data
    "S2.8": INSPECTION,  # monitoring, inspecting and testing
    "S2.9": RESEARCH,  # monitoring developments in area of expertise
    "S3.2": CLINICAL,  # providing health care or medical treatments
    "S3.4": ASSISTANTS,  # providing information and support to the public and clients
    "S4.2": SCHEDULING,  # organising, planning and scheduling work and activities
    "S4.3": ANALYTICS,  # allocating and controlling resources
    "S4.4": OFFICE,  # performing administrative activities
    "S5.1": CODING,  # programming computer systems
    "S5.2": SECURITY,  # setting up and protecting computer systems
    "S5.5": ANALYTICS,  # accessing and analysing digital data
    "S5.6": OFFICE,  # using digital tools for collaboration, content creation, problem solving
    "S5.7": MACHINES,  # using digital tools to control machinery
    "S6.1": ROBOTS,  # sorting and packaging goods and materials
    "S6.2": ROBOTS,  # moving and lifting
    "S6.11": CLEANING,  # cleaning
    "S8.1": VEHICLES,  # operating mobile plant
    "S8.2": VEHICLES,  # driving vehicles
    "S8.3": VEHICLES,  # operating watercraft
    "S8.4": MACHINES,  # machinery for the extraction and processing of raw materials
    "S8.5": MACHINES,  # machinery for the manufacture of products
    "S8.9": VEHICLES,  # operating aircraft
    "023": TRANSLATION,  # languages
    "032": DRAFTING,  # journalism and information
    "041": ANALYTICS,  # business and administration
    "042": RESEARCH,  # law
    "054": ANALYTICS,  # mathematics and statistics
    "061": CODING,  # information and communication technologies
}


def tool_for(group: str) -> ToolKind | None:
    """The tool kind for an ESCO group code, trying "S2.8" then "S2"; None: people's work."""
    if group in TOOLS:
        return TOOLS[group]
    return TOOLS.get(group.split(".", 1)[0])


def tool_names() -> list[str]:
    """Every tool name an answer may use (the grounding check's own wording)."""
    return sorted({t.name for t in TOOLS.values()})
