"""The verbs people say their work with ("I fix bikes", "she teaches year 6"), as one regular
expression: the words the parser of work said (``work_said.py``) takes as a description of a
job rather than of anything else one does.
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
