"""The verbs people say their work with ("I fix bikes", "she teaches year 6"), as one regular
expression: the words the parser of work said (``work_said.py``) takes as a description of a
job rather than of anything else one does, and the words it reads around them (verbs of
everyday life, the past, verbs that name a job alone).
"""

# The verbs people say their work with, and the few said again ("I reupholster sofas").
VERBS_OF_WORK = (
    r"(?:re-?(?=upholster|wire|paint|plaster|stock|tile|fit|build|design|roof))?(?:repair|fix|"
    r"drive|clean|teach|run|manage|build|install|deliver|sell|cook|write|design|code|program|"
    r"test|care for|look after|serve|make|bake|paint|operate|supervise|lead|answer|process|"
    r"inspect|tutor|translate|treat|nurse|farm|grow(?!s?\s+up\b)|sew|weld|wire|plumb|audit|"
    r"sing|play in|dance|coach|train|recruit|hire|assemble|pack|pick|load|guard|protect|"
    r"patrol|pilot|fly|flies|sail|mine|dig|cut|"
    r"stock|book|help|walk|feed|wash|check|fit|lay|prepare|handle|organi[sz]e|arrange|"
    r"schedule|sort|file|count|measure|survey|harvest|groom|support|advise|pour|mix|brew|"
    r"polish|maintain|service|examine|collect|carry|carries|stack|type|put up|take care|"
    r"mow|trim|prune|plant|edit|film|photograph|draw|illustrate|animate|sculpt|carve|weave|"
    r"knit|butcher|slaughter|milk|herd|chop|drill|glaze|tile|plaster|demolish|excavate|"
    r"diagnose|prescribe|counsel|preach|research|analy[sz]e|investigate|negotiate|broker|"
    r"trade|invest|lend|insure|underwrite|invoice|interpret|transcribe|proofread|publish|"
    r"market|advertise|promote|entertain|perform|referee|umpire|rescue|upholster|tailor|"
    r"launder|tow|haul|dispatch|moderate|debug|deploy|administer|bartend|cater|"
    r"mend|make-?up|wait (?:on )?table|"
    r"(?:takes?|taking) (?:x-?rays|scans|bloods?|blood samples|orders|bookings|payments|minutes)|"
    r"(?:finds?|finding) (?:candidates|staff|tenants|buyers)"
    r"(?!\s+(?:so|really|very|too|quite|pretty|annoying|hard|difficult|easy|boring)\b)|"
    r"(?:keeps?|keeping|kept) (?:the )?(?:books|accounts|ledgers|payroll)(?=\s+(?:for|at)\b))"
)

# Verbs that begin ESCO skills but that people say of anything but their work ("I think",
# "I use ChatGPT", "I read"): work only with an object a skill names ("I take blood samples").
NOT_WORK_VERBS = frozenset(
    "think have do be see use play watch read listen get go say want need like love hate feel "
    "know hope wonder guess believe mean ask tell try look seem enjoy find work take agree "
    "study live start stop keep follow".split()
)
# Any other verb in the present, with an object, said of someone's day: "I pull teeth and fill
# cavities", "my boyfriend knocks dents out of crashed cars". Not what everyone does in a day
# ("I eat pizza", "she wears glasses"), not the past ("I made pasta"), not a question.
EVERYDAY_VERBS = frozenset(
    "eat drink sleep wear buy pay miss meet call text visit wake rest relax chill hang shop "
    "waste lose win owe bet vote pray cry laugh smile wait worry care fear hear smell taste "
    "dream remember forget learn practise practice own rent share post scroll binge order "
    "spend sit stand lie am is are was were be been has do does did can could will would shall "
    "should must might may let bring give send show put prefer grab hog rant talk chat "
    "complain moan".split()
)
PAST = frozenset(
    "made had went got took ate drank saw did said bought came ran wrote thought felt left "
    "lost met paid sat slept spent told won wore gave sent brought put began kept threw "
    "drove rode broke chose caught fought forgot heard held hid knew led meant rang sang "
    "sold shot shut spoke stole stood swam taught tore understood woke".split()
)
NOT_VERBS = frozenset("really always totally never literally basically honestly".split())
# Plurals that do not end in "s" ("I pull teeth").
IRREGULAR_PLURALS = frozenset("teeth feet people children sheep cattle fish geese mice".split())
# Verbs that say a job with no object ("I teach", "I nurse", "she welds").
JOB_ALONE = frozenset(
    "teach nurse farm weld plumb sing dance preach tutor bartend cater code program nanny "
    "babysit freelance lecture act model".split()
)
