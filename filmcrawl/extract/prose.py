"""Prose review pages: "Where to Watch <Film>" followed by paragraphs of review text.

The facts are stated in sentences ("Heat is a 1995 crime thriller directed by Michael
Mann ..."), so every field is found by cue phrases: a cue regex finds the phrase
("directed by", "plays", "runtime of", "IMDb"), then a small helper reads the names,
number or words beside it. Regexes are compiled once at module level; each runs only on
the sentences that hold one of its cue words (found with ``str.find`` on a lower-cased
copy), and name matching runs only in short windows next to a cue.

Values are raw (``"89 minutes"``, ``"6.2"``, ``["Romance", "Comedy"]``);
:mod:`filmcrawl.normalize` turns them into typed values.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from .base import FamilyPage, texts_of, xpath_all
from .offers import KNOWN_REGIONS

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def _char_class(pred) -> str:
    """A regex character class body for the Latin/Greek/Cyrillic chars matching pred."""
    cps = [c for c in range(0x0530) if pred(chr(c))]
    ranges: list[tuple[int, int]] = []
    for c in cps:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


UP = f"[{_char_class(str.isupper)}]"
LET = r"[^\W\d_]"
_ABBR_TOK = r"(?:Dr|Mr|Mrs|Ms|Lt|Sgt|Capt|Det|Prof|Gen|Col|St|Jr|Sr)\."
# "Jean-Luc", "O'Brien", and romanised given names with a lower-case syllable after
# the hyphen ("Chang-dong", "Min-sik"); not "-led", "-style" compounds
_SYLLABLE = r"(?!(?:led|era|like|born|made|based|style|type|esque|ish|bound|free|only)\b)[a-z]{1,5}(?![\w'-])"
_WORD = rf"{UP}{LET}*(?:-{UP}{LET}*|-{_SYLLABLE}|'(?!s\b){LET}+)*"
_INITIALS = rf"{UP}\.(?: ?{UP}\.)*"
TOK = rf"(?:{_ABBR_TOK}|{_INITIALS}|{_WORD})"
PARTICLE = r"(?:de|da|di|del|della|der|den|des|du|van|von|la|le|ten|ter|bin|dos|das|do)"
NAME = rf"{TOK}(?: (?:{PARTICLE} ){{0,2}}{TOK}){{0,4}}"
# a quoted nickname may sit inside a character's name: Jame "Buffalo Bill" Gumb; a
# possessive may join two of its words: "the Ship's Computer"
_CTOK = rf"{TOK}(?:'s(?= {UP}))?"
CHAR = rf"{_CTOK}(?: [\"“]{TOK}(?: {TOK}){{0,2}}[\"”])?(?: (?:{PARTICLE} |of (?:the )?)?{_CTOK}){{0,3}}"

NAME_AT = re.compile(NAME)
NAME_END = re.compile(rf"(?<![\w'\-]){NAME}$")
CHAR_AT = re.compile(rf"(?:[Tt]he )?(?P<c>{CHAR})")
CHARLIST_END = re.compile(
    rf"(?<![\w'\-])(?P<l>{CHAR}(?:, {CHAR})*(?:,? (?:and|&) {CHAR})?)$"
)
LIST_SEP = re.compile(r"(?:,? (?:and|&) |, |; )")
LIST_END_OK = re.compile(r"(?:[,;.:!?)\]\"]|$| and | & | \(| as |\s*\n| who\b| whose\b)")
ROLE_AFTER = re.compile(rf",? (?:as|playing) (?:[Tt]he )?(?P<c>{CHAR})| \((?:as )?(?P<p>{CHAR})\)")

STOP = frozenset(
    """the a an he she it they his her hers their them this that these those in on at as
    with and but or so when while after before although though meanwhile here there its
    we you i if then also both each every director directed directs writer actor actress
    star stars starring screenwriter filmmaker producer oscar academy winner veteran
    newcomer co-star critics viewers audiences fans netflix hulu amazon prime video
    disney hbo max imdb rotten tomatoes metacritic film movie now later finally together
    despite throughout however ultimately overall yet still even whether what who which
    where why how for from by of to our my your not no one all some many most such other
    another story plot cast watch stream streaming where-to-watch critic review reviews
    rated released runtime genre genres did does do was were is are has have had being
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday like unlike
    fellow co-stars legendary hollywood""".split()
)

# ---------------------------------------------------------------------------
# Text shape
# ---------------------------------------------------------------------------

WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
NO_SPLIT_BEFORE = re.compile(
    r"(?:^|[^\w])(?:[A-Z]|Mr|Mrs|Ms|Dr|Jr|Sr|St|Lt|Sgt|Capt|Det|Prof|Gen|Col|vs|No|Mt|Ft|etc|approx|Vol)$"
)
# the chars NO_SPLIT_BEFORE's words end with, and a newline ("$" also matches before a
# last newline): before another char there is no abbreviation, and no need to ask the regex
NO_SPLIT_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZrstfnlocx\n")
YEAR_RE = re.compile(r"(?<![\d$£€#.])(?<!\d,)((?:18[89]|19\d|20[0-4])\d)(?!\d|,\d|s\b|-\d|–\d)")

COMPARE = re.compile(
    r"(?i)\b(?:like|unlike|such as|reminiscent of|similar to|compared (?:to|with)|recalls|"
    r"evokes|echoes|in the vein of|tradition of|remake of|sequel to|prequel to|follow-up to|"
    r"fans of|the original|previously|earlier|went on to|would later|had (?:already )?|"
    r"has (?:also )?)\b"
)
CAST_WORDS = re.compile(
    r"(?i)\b(?:cast|casts|star|stars|starring|actor|actors|actress|actresses|performances?|"
    r"ensemble|plays|roles?|played)\b"
)

# ---------------------------------------------------------------------------
# Headings and page kind
# ---------------------------------------------------------------------------

SPLIT_HEADING = re.compile(r"\s+[|–—-]\s+|\s+[|]\s*|\s*[|]\s+")
_WW = r"(?:where|how)\s+(?:to|can\s+(?:i|you)|do\s+(?:i|you))\s+(?:watch|stream|see|rent|buy)"
WRAPPERS = (
    re.compile(
        rf"(?i)^{_WW}(?:\s*(?:and|&|or|/)\s*(?:stream|watch|rent|buy|download))*\s*[:\-–—]?\s*"
        r"(?P<t>.*?)(?:\s+(?:online|streaming|for free|free|in hd|in 4k|right now|now))*\s*\??$"
    ),
    re.compile(
        r"(?i)^(?:watch|stream)\s+(?P<t>.+?)(?:\s+(?:online|full movie|free|for free|streaming|"
        r"in hd|now|hd|movie))+\s*[!?]?$"
    ),
    re.compile(
        rf"(?i)^(?P<t>.+?)\s*(?:[:\-–—,]\s*|\s+)(?:{_WW}.*|watch\s+(?:online|now|it).*|"
        r"(?:now\s+)?streaming.*|stream(?:ing)?\s+online.*|full movie.*|is it streaming.*)$"
    ),
    re.compile(r"(?i)^is\s+(?P<t>.+?)\s+(?:on|streaming on|available on)\s+\S.*\?$"),
    re.compile(r"(?i)^(?:watch|stream)\s*:\s*(?P<t>.+)$"),
)
FILLER_ONLY = re.compile(r"(?i)^(?:(?:online|streaming|stream|for free|free|in hd|in 4k|right now|now|full movie|hd)\b\s*)+$")
WRAPPER_ONLY = re.compile(rf"(?i)^(?:{_WW}.*|watch online|stream(?:ing)? online|streaming)$")
TITLE_TAIL = re.compile(r"(?i)\s*\((?:(?:19|20)\d\d(?:\s+film)?|film|movie)\)\s*$")
HEAD_YEAR = re.compile(r"\(((?:19|20)\d\d)\)")
LISTING_HEAD = re.compile(
    r"(?i)\b(?:\d+|top|best|greatest|every|all(?: the)?|essential|must-see)\b[^.]{0,50}?"
    r"\b(?:movies|films|shows|series|picks|titles)\b"
)
LISTING_ITEM_HEAD = re.compile(r"^\s*(?:#?\d{1,3}[.):]\s|.*\((?:19|20)\d\d\))")
OTHER_TITLE_YEAR = re.compile(rf"(?P<t>{TOK}(?: [^\s()]+){{0,6}}?) \((?:19|20)\d\d\)")

# r"\bseason \d", written so that the regex engine looks for the literal "season " first
# (a pattern opening with \b is tried at every position): the lookbehind asks the
# same as \b, that no word char comes right before "season "
SEASON_N = re.compile(r"season (?<!\wseason )\d")

# ---------------------------------------------------------------------------
# Cast
# ---------------------------------------------------------------------------

CAST_LIST_STRONG = re.compile(
    r"(?i)\b(?:co-?starring|starring|headlined by|toplined by|fronted by|"
    r"cast (?:that )?(?:also )?(?:includes|including|featuring|features|of|is led by|led by|"
    r"comprising|comprises|consisting of|consists of|headed by|rounded out by|boasts)|"
    r"the cast:|cast:|stars:|(?<=[a-z] )stars(?! as\b))[:\s]+(?=[A-Z])"
)
SUPPORTING = re.compile(r"(?i)\b(?:supporting|also|other|rounded out|rounds out|minor|smaller)\b")
CAST_LIST_WEAK = re.compile(
    r"(?i)\b(?:(?:notably|notable) among them|among them|among whom|led by|alongside|"
    r"with performances (?:from|by)|performances (?:from|by)|ensemble (?:cast )?(?:of|including|"
    r"that includes|featuring)|including|such as|featuring|features|with)[:\s]+(?=[A-Z])"
)
# (the lookaheads only state what the match opens with, the first letters of the verbs:
# the regex engine gives up on most positions sooner; the same for the genre regexes)
ACTOR_FIRST = re.compile(
    r"(?=[,\s])(?P<comma>,)?\s(?P<who>who\s)?(?:also\s|then\s)?(?=[aipscwtvlegdrj])(?P<v>"
    r"(?:in and )?as|plays the (?:role|part) of|plays|played|portrays|portrayed|"
    r"stars as|starred as|co-stars as|co-starred as|is cast as|was cast as|appears as|"
    r"appeared as|takes on the (?:role|part) of|took on the (?:role|part) of|"
    r"steps into the (?:role|shoes) of|in the (?:role|part) of|playing|voices|"
    r"lends (?:his|her|their) voice to|embodies|shines as|excels as|is seen as|"
    r"(?:turns in|delivers|gives) an? [a-z-]+ performance as|rounds? out the cast as|"
    r"joins? the cast as|turns up as|co-stars as)\s"
)
ACTING_VERBS = frozenset(
    (
        "plays", "played", "portrays", "portrayed", "playing", "stars as", "starred as",
        "co-stars as", "co-starred as", "is cast as", "was cast as", "takes on the role of",
        "took on the role of", "in the role of", "plays the role of", "appears as", "appeared as",
        "rounds out the cast as", "round out the cast as", "joins the cast as", "join the cast as",
    )
)
NOT_ROLE_OBJECT = re.compile(
    r"(?i)(?:with|on|off|out|up|into|like|to|against|around|down|havoc|games|music|a (?:\w+ )?role\b|"
    r"an (?:\w+ )?role\b|an? (?:\w+ )?part\b|host|well|it|them|along)\b"
)
CHAR_FIRST = re.compile(
    r"(?P<pre>,\s*|\s*\(\s*|\s+(?:is|are|was|were)\s+(?:[a-z]+ly\s+)?|\s+)"
    r"(?:played|portrayed|voiced|brought to life|embodied|essayed|performed)"
    r"(?: with (?:[a-z][a-z-]* ){0,3}?[a-z][a-z-]*)? by\s"
)
LEAD_ROLE = re.compile(
    r"(?:the |a )?(?:lead(?:ing)? (?:role|character)|lead|title (?:role|character)|"
    r"titular (?:role|character|hero|heroine)|protagonist|main (?:role|character)|"
    r"central (?:role|character)|role|part|character|hero|heroine|villain|antagonist|"
    r"eponymous [a-z]+)(?: of| as)?,? "
)
NAMED_ROLE = re.compile(r"(?:a|an|the|his|her|their)\b[^,.;()\n]{0,60}?\b(?:named|called) ")
APPOS_ROLE = re.compile(r"(?:a|an|the|his|her|their)\b[^,.;()\n—]{0,60}?, ")
DESC_ROLE = re.compile(
    r"(?:a|an|the|his|her|their) (?:(?!(?:in|at|from|of|on|to|for|with|into|across|near|by|"
    r"and|or|who|that)\b)[a-z-]+ ){1,5}"
)
APPOS_FOLLOW = re.compile(r"(?:\s*[,.;:—(]|\s*$| who\b| and\b| whose\b)")
PAREN_CHAR = re.compile(rf" \((?:as |voice of )?(?P<c>{CHAR})\)")
# "Bradley Whitford and Catherine Keener are perfectly unsettling as Dean and Missy Armitage"
PAIRED_AS = re.compile(
    rf"(?P<n>{NAME}(?:, {NAME})*,? (?:and|&) {NAME}) (?:are|were) (?:[a-z-]+ ){{0,4}}?as "
    rf"(?P<c>(?:[Tt]he )?{CHAR}(?:, (?:[Tt]he )?{CHAR})*,? (?:and|&) (?:[Tt]he )?{CHAR})"
)
# "LilRel Howery steals every scene he is in as Rod Williams" (the actor opens the sentence)
SUBJECT_AS = re.compile(rf"(?P<n>{NAME})(?P<gap>(?: (?!as\b)[a-z][a-z'’-]*){{1,8}}) as (?:[Tt]he )?(?P<c>{CHAR})")
# "Michael Mann shot the film as ...", "X wrote it as ...": no acting in the gap
NOT_ACTING_GAP = re.compile(
    r"\b(?:wrote|writes|written|directed|directs|shot|shoots|filmed|films|produced|produces|edited|scored|"
    r"composed|grew|grows|began|begins|started|starts|worked|works|served|serves|made|makes|released|"
    r"described|describes|known|sees|saw|treats|treated|frames|framed|uses|used|built|builds|staged)\b"
)
# "Totoro, the huge forest spirit of the title, is voiced by X": the character before an appositive
# "played by first-time actor X", "voiced by the comedian X": a descriptor before the name
CHAR_FIRST_DESC = re.compile(
    r"(?:(?:the|a|an|then|fellow)\s)?(?:[a-z][a-z-]*\s){0,2}?(?:actor|actress|newcomer|performer|comedian|"
    r"comedienne|veteran|star|singer|musician|rapper|model|unknown|legend|icon|dancer|athlete|"
    r"child|teenager|youngster|player)\s(?=[A-Z])"
)
# "A, who ... ," / "A (who ...)" / "A and B, a married pair," before a verb: the subject
# of a clause that an aside interrupts
INTERRUPTED_END = re.compile(
    rf"(?:^(?:And |But |Then )?|(?<=[.;:!?] )|(?<=, and )|(?<=, but )|(?<=, )|(?<=\band ))"
    rf"(?P<l>{NAME}(?:, {NAME})*(?:,? (?:and|&) {NAME})?)"
    r"(?:, [^,;()]{3,140},| \([^()]{3,140}\)| [—–] [^—–;]{3,140} [—–])$"
)
# "A, in a remarkable debut, is a force of nature as B" / "A — an aside — gives it menace as B"
INTERRUPTED_AS = re.compile(
    rf"(?P<lead>,| [—–])(?P<gap>(?: (?!as\b)[a-z][a-z'’-]*){{1,8}}) as (?:[Tt]he )?(?P<c>{CHAR})"
)
# "A and B directed it": names listed before the one right before the verb
SUBJECT_LIST_END = re.compile(rf"(?<![\w'\-])(?P<l>{NAME}(?:, {NAME})*,? (?:and|&) )$")
# "X is Y" in a paragraph about the cast ("Ben Burtt is WALL-E", "X is Y, the lawyer")
IS_AT = re.compile(r" (?:is|was) (?=(?:[Tt]he )?[A-Z])")
IS_ROLE_END = re.compile(r"(?:[,;.:!?)]|\s*$| and\b| who\b| whose\b| -| —| in (?:the )?(?:film|movie)\b)")
# "Y, Z a comically tone-deaf W": a further pair after "X is Y," with the verb left out
GAPPED_ROLE = re.compile(
    rf", (?P<n>{NAME}) (?:an?|the) (?:[a-z][a-z-]* ){{0,4}}?(?P<c>{CHAR})(?=[,;.]| and\b)"
)
DEMONYM = re.compile(
    r"(?:American|British|English|French|German|Italian|Spanish|Canadian|Australian|Irish|"
    r"Scottish|Welsh|Swedish|Danish|Norwegian|Finnish|Japanese|Chinese|Korean|Indian|Mexican|"
    r"Brazilian|Russian|Polish|Dutch|Belgian|Swiss|Austrian|Greek|Turkish|Iranian|Israeli|"
    r"Nigerian|Argentine|Argentinian|Chilean|Jewish|Catholic|Black|White|Asian|African|"
    r"European|Latino|Latina|Hungarian|Czech|Portuguese|Icelandic|Egyptian)$"
)
# the words of a character's title that an "of" phrase completes ("Duke of York")
TITLE_NOUNS = frozenset(
    """king queen prince princess duke duchess lord lady earl count countess baron baroness
    emperor empress mother father sister brother master mistress bishop archbishop pope
    knight keeper ghost man woman girl boy son daughter wizard witch chief governor mayor
    president phantom bride creature spirit god goddess""".split()
)
APPOS_CHAR_END = re.compile(rf"(?<![\w'\-])(?P<c>{CHAR}), (?:the|a|an|his|her|their) [^.;()]{{3,80}},$")

# ---------------------------------------------------------------------------
# Crew
# ---------------------------------------------------------------------------

CREW_BY = re.compile(
    r"(?i)\b(?:(?P<both>(?:written|scripted|penned),?\s+(?:and|&)\s+(?:co-?)?directed|"
    r"(?:co-?)?directed,?\s+(?:and|&)\s+(?:co-?)?(?:written|scripted|penned))|"
    r"(?P<dir>(?:co-?)?directed|(?:co-?)?helmed)|"
    r"(?P<wri>(?:co-?)?written(?: for the screen)?|(?:co-?)?penned|(?:co-?)?scripted|"
    r"adapted(?: for the screen)?|(?:(?:original|adapted)\s+)?(?:screenplay|script)s?"
    r"(?:\s+(?:is|was))?(?:\s+(?:written|penned))?))\s+by\s+"
    r"|\bunder\s+the\s+direction\s+of\s+(?P<dir2>)"
    # "The story is credited to A, B and C": writing credits (story credits count)
    r"|\b(?:screenplay|script|story|writing)(?:\s+credits?)?\s+(?:is|was|are|were)\s+credited\s+to\s+"
)
CREW_NOUN = re.compile(
    r"(?i)\b(?:(?P<both>writer[-/ ]directors?|writer-and-director)|"
    r"(?P<dir>directors?|filmmakers?|helmer|auteur|co-directors?)|"
    r"(?P<wri>screenwriters?|co-writers?|scribe))\b,?\s+(?=[A-Z])"
)
CREW_NOUN_BAD_PRE = re.compile(
    r"(?i)\b(?:music|musical|art|casting|photography|assistant|second[- ]unit|creative|"
    r"executive|managing|production|stunt|fight|dance|editorial)\s+$"
)
CO_WRITER = re.compile(
    r"(?: the (?:script|screenplay|film|story))? (?:with|alongside) "
    # "with his longtime collaborator B"
    r"(?:(?:his|her|their|the|a|an) (?:[a-z][a-z-]* ){0,2}?(?:collaborator|partner|co-writer|"
    r"writing partner|friend|wife|husband|brother|sister|son|daughter|mentor|producer|editor|"
    r"novelist|writer|playwright|screenwriter),? (?=[A-Z]))?"
)
# "A wrote, directed and edited the film": A is the subject of every verb of the chain
VERB_CHAIN_END = re.compile(
    rf"(?<![\w'\-])(?P<n>{NAME}) (?:(?:co-)?(?:wrote|writes|directed|directs|produced|produces|"
    r"edited|edits|shot|shoots|scored|scores|penned|pens)(?:,| and|, and) )+$"
)
CREW_VERB = re.compile(
    r"(?:,\s+who)?\s(?:also\s|both\s)?(?:(?P<both>(?:wrote|writes|co-wrote|co-writes|penned),? and "
    r"(?:co-)?direct(?:ed|s)\b|(?:directed|directs),? and (?:co-)?(?:wrote|writes)\b)|"
    r"(?P<dir>directs|directed|co-directed|co-directs|helms|helmed)\b(?! by)|"
    r"(?P<wri>wrote|writes|co-wrote|co-writes|penned|pens|scripted|scripts|"
    r"(?:adapted|adapts)(?= (?:the |his |her |their )?(?:own )?(?:[a-z-]+ )?(?:screenplay|script)\b|"
    r"(?: [^.;,]{1,40})? for the screen\b))\b(?! by))"
    r"|-(?:(?P<dir2>directed|helmed)|(?P<wri2>penned|scripted|written))\b"
)
CREW_POSS = re.compile(
    r"'s\s+(?:[a-z-]+\s+){0,2}?(?:(?:19|20)\d\d\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:(?P<dir>direction|helming)|(?P<wri>screenplay|script|writing)|"
    r"(?P<film>film|movie|feature|picture|thriller|drama|comedy|romance|horror|western|"
    r"epic|masterpiece|classic|debut|opus|adaptation|effort|offering|satire|fable|noir))\b"
)
SOURCE_PRE = re.compile(
    r"(?i)\b(?:novel|novella|book|memoir|play|stage play|story|short story|comic|graphic novel|"
    r"article|song|songs|poem|lyrics|music|score|biography|autobiography|essay|manga|"
    r"source material|best-?seller|musical)\b[^.,;]{0,25}$"
)
SOURCE_OBJ = re.compile(
    r"(?i)\s+(?:the |a |an |his |her |their )?(?:[a-z-]+,?\s+){0,3}?(?:novel|novella|book|play|"
    r"memoir|story|source|comic|song|songs|music|score|soundtrack|theme|lyrics|article|poem)\b"
)
# "from a story he developed with C": the other writers of the story
STORY_WITH = re.compile(
    rf"\b(?:story|screenplay|script|treatment)\s+(?:that\s+)?(?:(?:he|she|they)|(?P<n>{NAME}))\s+"
    r"(?:had\s+)?(?:developed|conceived|co-wrote|wrote|devised|created|dreamed up|cooked up|"
    r"worked out|came up with|hatched|co-created)\s+(?:together\s+)?with\s+(?=[A-Z])"
)
PRONOUN_START = re.compile(r"(?:He|She|They)$")
CAPS_AFTER = re.compile(rf"\s+(?:the\s+|[Tt]he\s+)?(?P<t>{TOK}(?: (?:of|the|and|in|a) )?(?: ?{TOK}){{0,5}})")

# ---------------------------------------------------------------------------
# Year, runtime, ratings, genres
# ---------------------------------------------------------------------------

YEAR_NEG_BEFORE = re.compile(
    r"(?i)(?:\bre-?(?:released?|issued?|mastered|edited|made)|\brestor(?:ed|ation)|"
    r"\bremaster(?:ed)?|\bremake|\breboot|\bsequel|\bprequel|\bfollow-up|\banniversary|\bdvd|"
    r"\bblu-?ray|\bvhs|\b4k|\bhome (?:video|media|release)|\bstreaming|\bnetflix|\bdigital(?:ly)?|"
    r"\bon (?:tv|television)|\bborn|\bdied|\bset in|\btakes? place|\btook place|\bsince|\buntil|"
    r"\bbetween|\bthe year|\bsummer of|\bwinter of|\bspring of|\bfall of|\bautumn of|"
    r"\bthe (?:early|late|mid)|\bcirca|\bawards?|\boscars?|\bnominat\w*|\bwon|\boriginal|"
    r"\bbook|\bnovel|\bpublished|\bwritten in|\bplay)\b[^.;,()\n]{0,25}$"
)
YEAR_NEG_AFTER = re.compile(
    r"(?i)^(?:'s\s+)?\s*(?:[a-z-]+\s+)?(?:remake|reboot|re-?release|restoration|remaster|sequel|"
    r"prequel|version|dvd|blu-?ray|4k|re-?issue|oscars?|academy awards?|golden globes?|novel|book|"
    r"original)\b"
)
YEAR_RELEASE_BEFORE = re.compile(
    r"(?i)\b(?:released|premiered|came out|debuted|opened|bowed|arrived|dropped|"
    r"hit (?:theaters|theatres|cinemas|screens)|first screened|release(?: date)?|"
    r"theatrical release|out)\b[^.;,()\n]{0,20}?(?:\b(?:in|on|of|back in)|:)?\s*"
    r"(?:[A-Z][a-z]+\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?$"
)
YEAR_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:a|an|the|this|its)\s+(?:[\w-]+\s+){0,2}$")
YEAR_POSS_BEFORE = re.compile(r"(?i)(?:\b(?P<pron>his|her|their)|'s)\s+(?:[\w-]+\s+)?$")
YEAR_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
FILM_NOUN = (
    r"(?:film|movie|feature|picture|release|production|documentary|flick|drama|comedy|"
    r"thriller|romance|horror|western|musical|animation|animated|adventure|action|crime|"
    r"fantasy|mystery|war|epic|indie|independent|biopic|satire|debut|effort|offering|"
    r"classic|noir|sci-fi|science)"
)
YEAR_FILM_AFTER = re.compile(rf"(?i)^\s+(?:[\w-]+,?\s+){{0,4}}?{FILM_NOUN}s?\b")
YEAR_NOUN_AFTER = re.compile(rf"(?i)^\s+(?:[\w-]+\s+){{0,3}}?{FILM_NOUN}\b")

_DUR = (
    r"(?<![\d.,])(?:(?P<h>\d{1,2}|an|one|two|three)\s*(?:h|hr|hrs|hours?)\b\.?"
    r"(?:,?\s*(?:and\s+)?(?P<m>\d{1,2})\s*(?:m|min|mins|minutes?)\b\.?)?"
    r"|(?P<mm>\d{2,3})(?P<hy>\s*|-)(?:m|min|mins|minutes?)\b\.?)"
)
DUR_RE = re.compile(_DUR, re.I)
RUNTIME_CUE_BEFORE = re.compile(
    r"(?i)(?:run(?:ning)?[ -]?time|\blength|\bduration|\bruns?\b|\bran\b|\brunning\b|"
    r"clock(?:s|ed|ing)? in|\blasts?\b|\blasting\b|\bcomes? in at|\bcoming in at|\btotal(?:s|ling|ing)?\b|"
    r"\bbrisk|\blean|\btight|\btaut|\btrim|\bswift|\bcompact|\bbreezy|\bhefty|\blengthy|"
    r"\bsprawling|\bwhopping|\bmere|\bscant|\bsvelte|\beconomical|\bgenerous|\bpunishing|"
    r"\bbladder-busting|\bjust over|\bjust under)[^.;\n]{0,30}$"
)
RUNTIME_AT_BEFORE = re.compile(r"(?i)(?:^|[.;,]\s*|\n)at\s+(?:just\s+|only\s+|about\s+|around\s+)?$")
RUNTIME_NEG_AFTER = re.compile(
    r"(?i)^\s*(?:too\b|longer|shorter|more\b|less\b|into\b|in\b|of\b|mark\b|later|earlier|"
    r"before|after|from\b|sequence|scene|segment|opening|prologue|section|drive|walk|away|ago)"
)
RUNTIME_HYPHEN_NOUN = re.compile(
    rf"(?i)^\s+(?:[a-z-]+\s+)?(?:run(?:ning)?[ -]?time|{FILM_NOUN}|runtime|length|duration)\b"
)
RUNTIME_LONG_AFTER = re.compile(r"(?i)^\s*(?:long\b|in length|of (?:screen|run(?:ning)?) ?time)")
RUNTIME_PAREN = re.compile(r"\((?:[^()\n]{0,30},\s*)?$")

IMDB_RE = re.compile(r"(?i)\bIMDb\b")
RATING_NUM = re.compile(
    r"(?<![\d.,$#])(?P<v>10(?:\.0)?|\d\.\d{1,2}|\d)(?P<scale>\s*/\s*10\b|\s+out of (?:10|ten)\b)?"
    r"(?![\d%]|\.\d|,\d|\s*(?:/\s*5\b|out of (?:5|five|100)\b|stars?\b|%|percent|million|"
    r"thousand|[kKmM]\b|votes|ratings|reviews|users|people|hours?|minutes|mins?\b|years?))"
)
OTHER_SOURCE = re.compile(
    r"(?i)rotten tomatoes|tomatometer|metacritic|metascore|letterboxd|tmdb|audience score|"
    r"critics|\bour\b|\bwe\b|stars|\bout of 5\b|\bsite\b"
)
VOTES_RE = re.compile(
    r"(?i)(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*(?:[km]\b|thousand\b|million\b)|"
    r"\d{2,})\s*\+?\s*(?:imdb\s+)?(?:user\s+)?(?:votes|ratings|voters|voted|users|people|reviews)\b"
    r"|(?i:votes?)\s*:\s*(?P<n2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[km]?\b)"
)

# "IMDb 6.8 (230K)": a bare count in brackets right after the rating
VOTES_PAREN = re.compile(r"\s*\((?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[kKmM])\)")
# another site's own voters between the IMDb cue and a count: "our 418 members"
OTHER_VOTERS = re.compile(r"(?i)\b(?:members?|readers?|subscribers?|community|here)\b")
OTHER_VOTERS_AFTER = re.compile(r"\s+(?:from|by|of)\s+(?:our\s+|its\s+|the\s+site's\s+)?(?:members?|readers?|subscribers?|community)\b")
# a clause boundary between a number and a later "IMDb": the number belongs to the clause before
CLAUSE_GAP = re.compile(r"[,;]|\b(?:while|but|whereas|and)\b")

_CERT = r"(?:NC-17|PG-13|PG|G|R|NR|TV-MA|TV-14|TV-PG|TV-G|TV-Y7|TV-Y|Unrated|Not Rated)"
CERT_RATED = re.compile(
    rf"(?:\b[Rr]ated\s*:?\s*|\bRATED\s+|\b(?:MPAA|MPA)(?:\s+rating)?\s*(?:of|:|is)?\s*(?:an?\s+)?|"
    rf"\b[Cc]ontent [Rr]ating\s*(?:of|:|is)?\s*(?:an?\s+)?|\b[Cc]ertificate\s*:?\s*|"
    rf"\b[Cc]ertified\s+|\b(?:is|was|been) [Cc]lassified\s+(?:as\s+)?)(?P<r>{_CERT})(?![\w-])"
)
CERT_ARTICLE = re.compile(
    rf"\b(?:[Aa]n?|[Ii]ts|[Tt]he)\s+(?P<r>{_CERT})(?:[- ]rated|\s+rating|\s+certificate|\s+classification)\b"
)

_GENRE_WORDS = sorted(
    """action adventure animation animated anime biography biographical biopic comedy
    comedies crime documentary drama dramas family fantasy film-noir noir history historical
    horror music musical mystery romance romantic rom-com sci-fi science-fiction sport sports
    thriller thrillers war western westerns superhero teen suspense satire parody slasher
    disaster heist coming-of-age spy melodrama mockumentary psychological supernatural
    dramedy fantasy-adventure""".split()
    + ["science fiction", "film noir", "romantic comedy", "martial arts", "black comedy",
       "dark comedy", "tv movie", "war drama", "crime drama", "period drama", "psychological thriller"],
    key=len,
    reverse=True,
)
_G = r"(?:" + "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in _GENRE_WORDS) + r")(?![\w])"
_GSEP = r"(?:\s*(?:,\s*(?:and\s+|&\s+|or\s+)?|/|&|\+|\|)\s*|\s+(?:and|or|with)\s+|-)"
GLIST = rf"{_G}(?:{_GSEP}{_G})*"
GENRE_ONE = re.compile(_G, re.I)


def _cap(g: str) -> str:
    return re.sub(r"(?<![\w])([a-z])", lambda m: m.group(1).upper(), g)


# Genre labels written as labels: two or more capitalised genre words in a row
# ("it is a Comedy, Drama that ...", "A Romance and Drama of ...", "Review · Crime, Drama, Thriller").
_GCAP = r"(?:" + "|".join(re.escape(_cap(g)).replace(r"\ ", r"\s+") for g in _GENRE_WORDS) + r")(?![\w-])"
GENRE_CAPLIST = re.compile(rf"(?=[A-Z])(?<![\w-])(?P<l>{_GCAP}(?:(?:\s*,\s*|\s+(?:and|&)\s+|\s*/\s*){_GCAP})+)")
# Each explicit pattern: (regex, cue words that must be in the sentence, genre words needed).
_FILM_NOUNS = ("movie", "film", "feature", "picture", "flick", "title", "genre")
GENRE_EXPLICIT = (
    # "is a Romance, Comedy, Drama movie" (two or more, separated)
    re.compile(
        rf"(?i)(?=[iwat])\b(?:is|was|as|an?|this)\s+(?:(?:19|20)\d\d\s+)?(?P<l>{_G}(?:{_GSEP}{_G})+)\s+"
        r"(?:movie|film|feature|picture|flick|title|genre)(?!s)\b"
    ),
    re.compile(rf"(?i)\bgenres?\s*(?::|-|–|is|are|includes?|including|spans?|spanning|of)\s*(?:the\s+)?(?P<l>{GLIST})"),
    re.compile(
        rf"(?i)\b(?:falls?|falling|fits?|sits?)\s+(?:squarely\s+|neatly\s+)?(?:under|into|within|in)\s+"
        rf"(?:the\s+)?(?:categor(?:y|ies)\s+of\s+|genres?\s+of\s+)?(?P<l>{GLIST})"
    ),
    re.compile(
        rf"(?i)\b(?:belongs?\s+to|categori[sz]ed\s+as|classified\s+as|label+ed\s+as|billed\s+as|"
        rf"marketed\s+as|tagged\s+as)\s+(?:an?\s+|the\s+)?(?P<l>{GLIST})"
    ),
    re.compile(
        rf"(?i)\b(?:blends?|blending|mixes|mixing|combines|combining|fuses|fusing|marries|marrying|"
        rf"melds|melding|straddles)\s+(?:elements\s+of\s+)?(?P<l>{_G}(?:{_GSEP}{_G})+)"
    ),
    re.compile(
        rf"(?i)\b(?:blend|mix|mixture|fusion|combination|hybrid|mash-?up|cocktail)\s+of\s+"
        rf"(?P<l>{_G}(?:{_GSEP}{_G})+)"
    ),
    re.compile(rf"(?i)\bpart\s+(?P<l>{_G},?\s+part\s+{_G}(?:,?\s+(?:and\s+)?part\s+{_G})*)"),
)
GENRE_EXPLICIT_CUES = (
    (_FILM_NOUNS, 2),
    (("genre",), 1),
    (("fall", "fit", "sit"), 1),
    (("belong", "categori", "classif", "label", "billed", "marketed", "tagged"), 1),
    (("blend", "mix", "combin", "fus", "marr", "meld", "straddl"), 2),
    (("blend", "mix", "fusion", "combination", "hybrid", "mash", "cocktail"), 2),
    (("part ",), 2),
)
_GSPACE = rf"{_G}(?:(?:\s+|-|/){_G}){{0,2}}"
_ADJS = r"(?:[a-z-]+,?\s+){0,3}?(?:(?:19|20)\d\d\s+)?(?:[a-z-]+\s+){0,2}?"
GENRE_WEAK = (
    re.compile(rf"(?i)(?=[ati])\b(?:an?|the|this|its)\s+{_ADJS}(?P<l>{_GSPACE})\s+(?:movie|film|feature|picture|flick)\b"),
    re.compile(rf"(?i)(?=[iw])\b(?:is|was)\s+an?\s+{_ADJS}(?P<l>{_GSPACE})\b(?![-\w])"),
)
WEAK_GENRE_SKIP = frozenset({"short", "family", "music", "history", "war", "sport", "sports"})

# ---------------------------------------------------------------------------
# Keyword prefilters: a regex runs only on sentences holding one of its words
# (lower-cased, found with str.find), which keeps a long review cheap to scan.
# ---------------------------------------------------------------------------

KW_CREW_BY = ("directed", "helmed", "written", "penned", "scripted", "screenplay", "script",
              "adapted", "direction of", "credited to")
KW_CREW_NOUN = ("director", "filmmaker", "helmer", "auteur", "writer", "scribe")
KW_CREW_VERB = ("direct", "helm", "wrote", "writes", "penned", "pens ", "script", "adapt")
KW_STORY_WITH = ("story", "screenplay", "script", "treatment")
KW_IS = (" is ", " was ")
KW_POSS = ("'s ",)
KW_POSS_NOUN = ("direction", "helming", "screenplay", "script", "writing", "film", "movie",
                "feature", "picture", "thriller", "drama", "comedy", "romance", "horror",
                "western", "epic", "masterpiece", "classic", "debut", "opus", "adaptation",
                "effort", "offering", "satire", "fable", "noir")
KW_CAST_STRONG = ("starring", "stars", "cast", "headlined", "toplined", "fronted")
KW_CAST_WORDS = ("cast", "star", "actor", "actress", "performance", "ensemble", "plays", "role",
                 "played")
KW_ACTOR_FIRST = (" as ", "play", "portray", "voice", "role", "part of", "embod", "inhabit",
                  "shoes of")
KW_CHAR_FIRST = ("played by", "portrayed by", "voiced by", "brought to life by", "embodied by",
                 "played with", "portrayed with", "voiced with",
                 "essayed by", "performed by")
KW_PAREN = (" (",)
KW_YEAR = ("18", "19", "20")
KW_RUNTIME = (" min", "minute", "hour", " hr", "0h", "1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h")
KW_IMDB = ("imdb",)
KW_CERT = ("rated", "rating", "mpaa", "mpa ", "certificate", "certified", "classification", "classified")
GENRE_TOKENS = frozenset(t for g in _GENRE_WORDS for t in g.replace("-", " ").split())
KW_OTHER_YEAR = ("(19", "(20")
SERIES_WORDS = ("tv series", "television series", "tv show", "television show", "miniseries",
                "mini-series", "limited series", "docuseries", "docu-series", "sitcom",
                "anthology series", "web series", "seasons", "showrunner", "series premiere",
                "series finale", "episode")
FILM_WORDS = ("directed by", "runtime", "run time", "running time", " minutes", "feature film",
              "box office", "theatrical", "film", "movie")
# first chars of keywords ("1h", "(19", "'s ") that a text often lacks
RARE_FIRST = frozenset("0123456789('")
SENT_BREAKS = (". ", "! ", "? ", '." ', '!" ', '?" ', ".) ", ".' ", "\n")

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _el_text(el) -> str:
    """Text of an lxml element, with <br> as a space and whitespace collapsed."""
    if next(el.iterdescendants("br"), None) is not None:  # (find(".//br"), faster)
        for br in el.iter("br"):
            br.tail = " " + (br.tail or "")
    return " ".join("".join(el.itertext()).split())


def _norm(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _pos_name(item: tuple) -> tuple[int, str]:
    """Sort key of a (pos, name, char) cast hit: a hit without a character must not be
    compared with one that has it."""
    return item[0], item[1]


def _tokens(name: str) -> list[str]:
    return name.split(" ")


# ---------------------------------------------------------------------------
# A phrase as a whole word, without compiling a regex for it (a page's title is new
# on every page, and compiling its pattern costs more than all the searches with it)
# ---------------------------------------------------------------------------

_WORD_CHAR = re.compile(r"\w")
# the chars but ASCII ones that re.I lets match an ASCII char ("İ", "ı" for "i", "ſ"
# for "s", the Kelvin sign for "k"); "İ" is also the one char that lower-cases to two
ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def _word_pattern(phrase: str) -> str:
    return r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"


def _has_word(phrase: str, s: str) -> bool:
    """``re.search(_word_pattern(phrase), s)`` (case-sensitive): ``phrase`` in ``s``
    with no word char right before or after it."""
    n, i = len(phrase), s.find(phrase)
    while i != -1:
        if not (i and _WORD_CHAR.match(s, i - 1)) and not _WORD_CHAR.match(s, i + n):
            return True
        i = s.find(phrase, i + 1)
    return False


class _Hit:
    """The part of an ``re.Match`` that a :class:`_Phrase` match is read for."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self.string[self._start : self._end]


class _Phrase:
    """``re.compile(_word_pattern(phrase), re.I)`` for an ASCII phrase, searching strings
    that hold none of :data:`ODD_CASE`: in them re.I matches ASCII chars only with
    ASCII chars, case-blind, so a match is a hit of ``str.find`` on the lower-cased
    string (which keeps its length: no char there lower-cases to two) with no word
    char right before it (even before ``pos``) nor right after it (before ``endpos``)."""

    def __init__(self, phrase: str):
        self.low = phrase.lower()

    def _hits(self, s: str, pos: int, endpos: int | None, anchored: bool):
        size, n = len(s), len(self.low)
        end = size if endpos is None else max(0, min(endpos, size))
        pos = max(0, min(pos, size))
        window = s[pos:end].lower()
        i = window.find(self.low)
        while i != -1:
            at = pos + i
            if anchored and i:
                return
            if not (at and _WORD_CHAR.match(s, at - 1)) and not (at + n < end and _WORD_CHAR.match(s, at + n)):
                yield _Hit(s, at, at + n)
                i = window.find(self.low, i + n)
            else:
                i = window.find(self.low, i + 1)

    def match(self, s: str, pos: int = 0, endpos: int | None = None) -> _Hit | None:
        return next(self._hits(s, pos, endpos, True), None)

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> _Hit | None:
        return next(self._hits(s, pos, endpos, False), None)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None):
        return self._hits(s, pos, endpos, False)


class ProsePage(FamilyPage):
    """A film described in review prose under a "Where to Watch" heading."""

    family = "prose"

    # -- page text -----------------------------------------------------------
    @cached_property
    def _paragraphs(self) -> list[str]:
        paras = [_el_text(p) for p in self.main.root.iter("p")]
        paras = [p for p in paras if len(p) >= 5 and " " in p]
        if sum(map(len, paras)) < 300:
            # Pages that set the review in leaf <div>s instead of <p>.
            blocks = [
                _el_text(d)
                for d in xpath_all(self.main, "//body//div[not(.//div) and not(.//p)] | //body//p")
            ]
            blocks = [b for b in blocks if len(b) >= 80 and b.count(" ") >= 10]
            if sum(map(len, blocks)) > sum(map(len, paras)):
                paras = blocks
        return paras

    @cached_property
    def _text(self) -> str:
        return _norm("\n\n".join(self._paragraphs))

    @cached_property
    def _low(self) -> str:
        low = self._text.lower()
        if len(low) != len(self._text):  # a few letters lower-case to two chars
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in self._text)
        return low

    @cached_property
    def _sent_starts(self) -> list[int]:
        text, n = self._text, len(self._text)
        breaks = set()
        for mark in SENT_BREAKS:
            i = text.find(mark)
            while i != -1:
                end = i + len(mark)
                if mark == "\n" or (
                    end < n
                    and (text[end].isupper() or text[end].isdigit() or text[end] in "\"'(")
                    and not (mark[0] == "." and i and text[i - 1] in NO_SPLIT_LAST
                             and NO_SPLIT_BEFORE.search(text, max(0, i - 8), i))
                ):
                    while end < n and text[end] in " \n":
                        end += 1
                    breaks.add(end)
                i = text.find(mark, i + 1)
        return [0] + sorted(breaks - {0})

    def _sents_with(self, words: tuple[str, ...], also: tuple[str, ...] | None = None) -> list[int]:
        """Indices of sentences holding one of ``words`` (and one of ``also``): where
        one of them starts."""
        cache = self.__dict__.setdefault("_kw_cache", {})
        key = (words, also)
        if key not in cache:
            low, starts, found = self._low, self._sent_starts, set()
            for w in words:
                if w[:1] in RARE_FIRST and w[0] not in low:
                    continue  # (a one-char find is much faster than a find of the word)
                i = low.find(w)
                while i != -1:
                    k = bisect.bisect_right(starts, i) - 1
                    found.add(k)
                    i = low.find(w, starts[k + 1] if k + 1 < len(starts) else len(low))
            if also and found:
                # ``also`` looked for in these sentences only: a word starting in [s, e)
                # ends before e + len(word) - 1
                last = len(starts) - 1
                found = {
                    k for k in found
                    if any(
                        low.find(a, starts[k], (starts[k + 1] if k < last else len(low)) + len(a) - 1) != -1
                        for a in also
                    )
                }
            cache[key] = sorted(found)
        return cache[key]

    @cached_property
    def _genre_tokens(self) -> tuple[str, ...]:
        low = self._low
        return tuple(w for w in GENRE_TOKENS if w in low)

    def _genre_count(self, k: int) -> int:
        """How many distinct genre words sentence k holds (a cheap upper bound)."""
        cache = self.__dict__.setdefault("_gc_cache", {})
        if k not in cache:
            starts = self._sent_starts
            sent = self._low[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(self._low)]
            cache[k] = sum(1 for w in self._genre_tokens if w in sent)
        return cache[k]

    def _scan(self, regex, words=(), also=None, idx=None):
        """regex.finditer over the sentences holding one of ``words`` (or sentences ``idx``)."""
        starts, text = self._sent_starts, self._text
        if idx is None:
            idx = self._sents_with(words, also)
        i = 0
        while i < len(idx):
            j = i
            while j + 1 < len(idx) and idx[j + 1] == idx[j] + 1:
                j += 1
            s = starts[idx[i]]
            e = starts[idx[j] + 1] if idx[j] + 1 < len(starts) else len(text)
            yield from regex.finditer(text, s, e)
            i = j + 1

    def _sent(self, pos: int) -> tuple[int, int]:
        starts = self._sent_starts
        k = bisect.bisect_right(starts, pos) - 1
        end = starts[k + 1] if k + 1 < len(starts) else len(self._text)
        return starts[k], end

    @property
    def _title_texts(self) -> list[str]:
        """``self.sel.xpath("//title//text()").getall()``, once per page (do not change it)."""
        return self.once("title_texts", lambda: xpath_all(self.sel, "//title//text()"))

    @cached_property
    def _headings(self) -> list[str]:
        out = [WS.sub(" ", t).strip() for t in self._title_texts[:1]]
        return self._page_headings + [_norm(h) for h in out if h]

    @cached_property
    def _page_headings(self) -> list[str]:
        """The h1 and first three h2 of :attr:`_headings`, which ends with the page's
        <title> (the title is looked for in the whole page, which takes long: it is
        read only when these headings are not enough)."""
        sel = self.main
        out = [WS.sub(" ", " ".join(texts_of(h))).strip() for h in xpath_all(sel, "//h1")]
        out += [WS.sub(" ", " ".join(texts_of(h))).strip() for h in xpath_all(sel, "//h2")[:3]]
        return [_norm(h) for h in out if h]

    def _first_headings(self, n: int) -> list[str]:
        """``self._headings[:n]``."""
        heads = self._page_headings
        return heads[:n] if len(heads) >= n else self._headings[:n]

    def _iter_headings(self):
        """``iter(self._headings)``, the page's <title> read only if it is reached."""
        yield from self._page_headings
        yield from self._headings[len(self._page_headings) :]

    # -- title -----------------------------------------------------------------
    @cached_property
    def _heading_title(self) -> tuple[str | None, bool, str | None]:
        """(title, from a where-to-watch wrapper?, the heading it came from)."""
        for heading in self._iter_headings():
            parts = [p.strip() for p in SPLIT_HEADING.split(heading) if p.strip()]
            for i, part in enumerate(parts):
                if WRAPPER_ONLY.match(part) and i > 0 and not _wrapper_target(part):
                    return _strip_title(parts[i - 1]), True, heading
                target = _wrapper_target(part)
                if target:
                    return _strip_title(target), True, heading
        # no wrapper: a title two headings agree on ("X: still the gold standard" and
        # "X review"), else the first heading's first part
        cands = []
        for heading in self._headings:
            parts = [p.strip() for p in SPLIT_HEADING.split(heading) if p.strip()]
            if parts:
                forms = [_strip_title(parts[0])]
                m = re.match(r"^(.+?)\s*[:–—]\s+\S", parts[0])
                if m:
                    forms.append(_strip_title(m.group(1)))
                cands.append((heading, [f for f in forms if f]))
        for i, (heading, forms) in enumerate(cands):
            for form in forms:
                if any(form.lower() in (f.lower() for f in other) for _, other in cands[i + 1:]):
                    return form, False, heading
        for heading, forms in cands:
            if forms:
                return forms[0], False, heading
        return None, False, None

    @cached_property
    def _emphasized_title(self) -> str | None:
        """The work the headline is about: an italicised title in the article
        (``<em>Burning</em> (2018)``) that the page's main heading names ("Burning is
        the best thriller you haven't streamed yet"). The longest such title wins."""
        best = head = None
        for el in self.main.root.iter("em", "i", "cite"):
            t = _norm(WS.sub(" ", " ".join(el.itertext()))).strip(" ,.;:!?\"'“”‘’")
            if not t or len(t) > 80 or not t[0].isupper() or len(t.split()) > 10:
                continue
            if head is None:  # (read once there is a title to look for)
                heads = xpath_all(self.main, "//h1//text()")
                heads += self._title_texts[:1]
                head = _norm(WS.sub(" ", " ".join(heads))).lower()
                if not head:
                    return None
            if _has_word(t.lower(), head) and (best is None or len(t) > len(best)):
                best = t
        return best

    @cached_property
    def _title(self) -> str | None:
        title, wrapped, _ = self._heading_title
        text = self._text
        emph = self._emphasized_title
        if emph and (
            not title
            or (not wrapped and title.lower() != emph.lower())
            or (emph.lower() in title.lower() and len(title.split()) - len(emph.split()) >= 3)
        ):
            # "Majestical: why X is the feel-good film you need tonight" -> X
            title, wrapped = emph, True
        if title and wrapped:
            title = self._without_region(title)
        if title:
            m = self._word_re(title).search(text)
            if m:
                return m.group()  # the prose's casing
            if wrapped:
                return title
        subject = self._prose_subject
        return subject or self._lead_emphasis or title

    def _without_region(self, title: str) -> str:
        """"Amadeus in Sweden" -> "Amadeus" when the text names the film without the
        region ("Midnight in Paris" keeps its city: only known countries are cut, and
        only when the shorter name stands alone in the text)."""
        m = REGION_TAIL.match(title)
        if not m:
            return title
        base = m.group("t").strip()
        for hit in self._word_re(base).finditer(self._text):
            if not re.match(r"\s+in\s", self._text[hit.end():hit.end() + 4]):
                return base
        return title

    @cached_property
    def _lead_emphasis(self) -> str | None:
        """A headline that does not name the film ("a road trip i keep taking"): the
        first name the article sets in bold or italics (``<b>Little Miss Sunshine</b>``),
        capitalised, short, and named again in the text."""
        for el in self.main.root.iter("b", "strong", "em", "i", "cite"):
            parent = el.getparent()
            if parent is None or parent.tag != "p" or re.search(
                r"meta|comment|byline|author|caption|note", parent.get("class") or "", re.I
            ):
                continue
            t = _norm(WS.sub(" ", " ".join(el.itertext()))).strip(" ,;:\"'“”‘’")
            if not t or not re.match(UP, t) or len(t.split()) > 8:
                continue
            if t.endswith(".") and not re.search(r"(?:^|\s)\w{1,3}\.$", t):
                continue  # a bold sentence, not a name ("Vol." and "Mr." end names)
            if HEAD_YEAR.match((el.tail or "").strip()) or t in self._text:
                return t
        return None

    @cached_property
    def _prose_subject(self) -> str | None:
        m = re.search(
            rf"(?:^|\n)(?P<t>{TOK}(?: (?:(?:of|the|and|in|a|an|to|for|on|at|from|with|[\d:&]+) )*{TOK}){{0,7}})"
            r"(?: \((?:19|20)\d\d\))? (?:is|was) an? ",
            self._text,
        )
        return m.group("t") if m else None

    @cached_property
    def _title_re(self):
        t = self._title
        if not t:
            return None
        return self._word_re(t)

    @cached_property
    def _plain_case(self) -> bool:
        return not any(c in self._text for c in ODD_CASE)

    def _word_re(self, phrase: str):
        """``re.compile(_word_pattern(phrase), re.I)``, to search this page's text or
        a part of it: a :class:`_Phrase` where it gives the same matches."""
        if phrase and phrase.isascii() and self._plain_case:
            return _Phrase(phrase)
        return re.compile(_word_pattern(phrase), re.I)

    @cached_property
    def _title_sents(self) -> set[int]:
        """Start offsets of the sentences that name this film."""
        if not self._title:
            return set()
        return {self._sent_starts[k] for k in self._sents_with((self._title.lower(),))}

    def _is_title(self, s: str) -> bool:
        return bool(self._title) and s.lower() == self._title.lower()

    # -- names -----------------------------------------------------------------
    def _clean_name(self, raw: str | None) -> str | None:
        if not raw:
            return None
        toks = _tokens(raw.strip())
        if self._title:
            tt = _tokens(self._title)
            if len(toks) > len(tt) and [t.lower() for t in toks[: len(tt)]] == [t.lower() for t in tt]:
                toks = toks[len(tt):]
        while toks and toks[0].lower().rstrip(".") in STOP:
            toks = toks[1:]
        for i, t in enumerate(toks):
            if t.lower() in STOP and i:
                toks = toks[:i]
                break
        while toks and re.fullmatch(PARTICLE, toks[-1]):
            toks.pop()
        name = " ".join(toks).rstrip(",")
        if not name or self._is_title(name) or not re.match(UP, name):
            return None
        return name

    def _name_before(self, pos: int, need_two: bool = True) -> str | None:
        m = NAME_END.search(self._text, max(0, pos - 80), pos)
        name = self._clean_name(m.group()) if m else None
        if name and need_two and " " not in name:
            return None
        return name

    def _people_list(self, pos: int, roles: bool, single_ok: bool) -> list[tuple[int, str, str | None]]:
        """Names listed from pos: "X, Y and Z" (each optionally "as CHAR" / "(CHAR)")."""
        text, out, i, after_comma = self._text, [], pos, False
        while True:
            m = NAME_AT.match(text, i)
            if not m:
                break
            name, j, char = self._clean_name(m.group()), m.end(), None
            if roles:
                r = ROLE_AFTER.match(text, j)
                if r:
                    char, j = self._clean_char(r.group("c") or r.group("p")), r.end()
            if after_comma and not LIST_END_OK.match(text, j):
                break
            if not name:
                break
            out.append((m.start(), name, char))
            sep = LIST_SEP.match(text, j)
            if not sep:
                break
            after_comma = sep.group() in (", ", "; ")
            i = sep.end()
        if not single_ok and len(out) < 2:
            out = [o for o in out if " " in o[1]]
        return out

    def _clean_char(self, raw: str | None) -> str | None:
        if not raw:
            return None
        toks = _tokens(raw.strip())
        while toks and toks[0].lower() in STOP:
            toks = toks[1:]
        while toks and toks[-1] in ("of", "the"):
            toks.pop()
        # "Captain B. McCrea of the Axiom": a name already whole before "of" ends there;
        # "Duke of York", "Phantom of the Opera" keep theirs
        if "of" in toks[2:]:
            i = toks.index("of", 2)
            if toks[i - 1].lower() not in TITLE_NOUNS:
                toks = toks[:i]
        return " ".join(toks) or None

    def _interrupted_subject(self, pos: int) -> list[tuple[int, str]]:
        """Names (with offsets) that open a clause an aside interrupts before pos:
        "A and B, who ... ," / "A (who ...)"."""
        s, _ = self._sent(pos)
        if pos - s > 400:
            return []
        m = INTERRUPTED_END.search(self._text[s:pos])  # a slice: "^" is the sentence start
        if not m:
            return []
        out, off = [], s + m.start("l")
        for raw in re.split(r",? (?:and|&) |, ", m.group("l")):
            name = self._clean_name(raw)
            at = self._text.find(raw, off)
            off = at + len(raw)
            if name and " " in name:
                out.append((at, name))
        return out

    def _subject_list(self, pos: int, name: str) -> list[tuple[int, str]]:
        """The names listed before ``name`` (which ends at pos): "A, B and <name>"."""
        start = pos - len(name)
        m = SUBJECT_LIST_END.search(self._text, max(0, start - 120), start)
        out = [(start, name)]
        if m:
            off = m.start("l")
            for raw in re.split(r",? (?:and|&) |, ", m.group("l").rstrip()):
                if not raw:
                    continue
                n = self._clean_name(raw)
                if not n or " " not in n:
                    return out
                out.insert(len(out) - 1, (self._text.find(raw, off), n))
        return out

    def _char_after(self, pos: int) -> str | None:
        text = self._text
        m = CHAR_AT.match(text, pos)
        if m:
            return self._clean_char(m.group("c"))
        for cue in (LEAD_ROLE, NAMED_ROLE):
            c = cue.match(text, pos)
            if c:
                m = CHAR_AT.match(text, c.end())
                if m:
                    return self._clean_char(m.group("c"))
        for cue in (APPOS_ROLE, DESC_ROLE):
            c = cue.match(text, pos)
            if c:
                m = CHAR_AT.match(text, c.end())
                if m and APPOS_FOLLOW.match(text, m.end()):
                    return self._clean_char(m.group("c"))
        return None

    def _foreign(self, pos: int) -> bool:
        """Does the clause before pos talk about another film ("like Jaws (1975), ...")?"""
        start, _ = self._sent(pos)
        window = self._text[max(start, pos - 100) : pos]
        if COMPARE.search(window):
            return True
        for m in OTHER_TITLE_YEAR.finditer(window):
            if not (self._title and self._title.lower() in m.group("t").lower()):
                return True
        return False

    def _other_title_follows(self, pos: int) -> bool:
        """Is pos followed by a capitalized title other than this film's ("film The Insider")?"""
        m = CAPS_AFTER.match(self._text, pos)
        if not m:
            return False
        t = m.group("t")
        return not (self._title and t.lower().startswith(self._title.lower()))

    # -- facts (computed once) ---------------------------------------------
    @cached_property
    def _crew(self) -> tuple[list[str], list[str]]:
        text = self._text
        hits: list[tuple[int, str, str]] = []  # (pos, role, name)
        single: set[str] = set()  # lone surnames that need a full name found elsewhere

        def add(pos, role, names):
            for p, n, _ in names:
                if role in ("both", "dir"):
                    hits.append((p, "dir", n))
                if role in ("both", "wri"):
                    hits.append((p, "wri", n))

        for m in self._scan(CREW_BY, KW_CREW_BY):
            role = "both" if m.group("both") else "dir" if (m.group("dir") or m.group("dir2") is not None) else "wri"
            if role == "wri" and SOURCE_PRE.search(text, max(0, m.start() - 40), m.start()):
                continue
            if self._foreign(m.start()):
                continue
            add(m.end(), role, self._people_list(m.end(), roles=False, single_ok=True))
        for m in self._scan(CREW_NOUN, KW_CREW_NOUN):
            if CREW_NOUN_BAD_PRE.search(text, max(0, m.start() - 20), m.start()) or self._foreign(m.start()):
                continue
            role = "both" if m.group("both") else "dir" if m.group("dir") else "wri"
            names = self._people_list(m.end(), roles=False, single_ok=False)[:3]
            # "director Michael Mann's 1995 thriller" / "director X's Jaws": only if about this film
            add(m.end(), role, names)
        pending: list[tuple[int, str]] = []  # "He wrote ...": (pos, role) resolved below
        for m in self._scan(CREW_VERB, KW_CREW_VERB):
            role = (
                "both" if m.group("both") else
                "dir" if (m.group("dir") or m.group("dir2")) else "wri"
            )
            name = self._name_before(m.start(), need_two=False)
            subjects = []
            if name and " " not in name:
                single.add(name)  # a surname alone counts only if it names a full name
            elif not name and not m.group("dir2") and not m.group("wri2"):
                s0, _ = self._sent(m.start())
                chain = VERB_CHAIN_END.search(text, max(s0, m.start() - 120), m.start() + 1)
                if chain:  # "A wrote, directed and edited it"
                    name = self._clean_name(chain.group("n"))
            if not name and not m.group("dir2") and not m.group("wri2"):
                s0, _ = self._sent(m.start())
                if PRONOUN_START.fullmatch(text, s0, m.start()):
                    if not (role == "wri" and SOURCE_OBJ.match(text, m.end())) and not self._foreign(m.start()):
                        pending.append((m.start(), role))
                        co = CO_WRITER.match(text, m.end()) if role != "dir" else None
                        if co:
                            add(co.end(), "wri", self._people_list(co.end(), roles=False, single_ok=False))
                    continue
                subjects = self._interrupted_subject(m.start() + (1 if text[m.start()] == "," else 0))
            # an aside may hold words that look like a comparison ("had spent years ..."):
            # the clause is judged where its subject starts
            if not (name or subjects) or self._foreign(subjects[0][0] if subjects else m.start()):
                continue
            if role == "wri" and SOURCE_OBJ.match(text, m.end()):
                continue
            verb = m.group()
            if ("directed" in verb or "wrote" in verb) and not m.group("dir2") and not m.group("wri2"):
                nxt = CAPS_AFTER.match(text, m.end())
                if nxt and re.match(r"\s*(?:\((?:19|20)\d\d\)|in (?:19|20)\d\d)", text[nxt.end() : nxt.end() + 12]):
                    continue
            if name:
                subjects = self._subject_list(m.start(), name) if " " in name else [(m.start() - len(name), name)]
            add(m.start(), role, [(p, n, None) for p, n in subjects])
            if role != "dir":
                co = CO_WRITER.match(text, m.end())
                if co:
                    add(co.end(), "wri", self._people_list(co.end(), roles=False, single_ok=False))
        for m in self._scan(CREW_POSS, KW_POSS, KW_POSS_NOUN):
            name = self._name_before(m.start(), need_two=True)
            if not name or self._foreign(m.start()):
                continue
            if m.group("film"):
                s, _ = self._sent(m.start())
                follows_other = self._other_title_follows(m.end())
                follows_title = self._title_re and self._title_re.match(text, m.end() + 1)
                if follows_title or (not follows_other and s in self._title_sents):
                    add(m.start(), "dir", [(m.start(), name, None)])
            else:
                add(m.start(), "dir" if m.group("dir") else "wri", [(m.start(), name, None)])
        if self._title_re:
            for k in self._sents_with((self._title.lower(),), KW_POSS):
                s0 = self._sent_starts[k]
                for t in self._title_re.finditer(text, s0, s0 + 400):
                    if text[max(0, t.start() - 3) : t.start()] == "'s ":
                        name = self._name_before(t.start() - 3, need_two=True)
                        if name and not self._foreign(t.start()):
                            add(t.start(), "dir", [(t.start(), name, None)])
        for m in self._scan(STORY_WITH, KW_STORY_WITH, (" with ",)):
            if self._foreign(m.start()):
                continue
            names = self._people_list(m.end(), roles=False, single_ok=False)
            if m.group("n"):
                n = self._clean_name(m.group("n"))
                if n and " " in n:
                    names.insert(0, (m.start("n"), n, None))
                elif n:
                    single.add(n)
                    names.insert(0, (m.start("n"), n, None))
            add(m.end(), "wri", names)
        hits.sort()
        for pos, role in pending:
            # "A directed. He wrote the screenplay with B": the one person the sentence
            # before credits
            s0, _ = self._sent(pos)
            ps, _ = self._sent(s0 - 1) if s0 else (0, 0)
            prev = {n for p, _, n in hits if ps <= p < s0 and " " in n}
            if len(prev) == 1:
                hits.append((pos, role if role != "both" else "dir", prev.pop()))
                if role == "both":
                    hits.append((pos, "wri", hits[-1][2]))
        hits.sort()
        full = [n for _, _, n in hits if " " in n]
        directors, writers = [], []
        for _, role, name in hits:
            if " " not in name:
                name = next((f for f in full if f.split(" ")[-1] == name), name)
                if " " not in name and name in single:
                    continue
            bucket = directors if role == "dir" else writers
            if name not in bucket:
                bucket.append(name)
        return directors, writers

    @cached_property
    def _cast(self) -> list[dict]:
        text = self._text
        listed: list[tuple[int, int, str, str | None]] = []  # (sentence, pos, name, char)
        roles: list[tuple[int, str, str | None]] = []  # (pos, name, char)
        crew_cue = re.compile(r"(?i)(?:directed|written|penned|helmed|produced|scored|shot) by\s*$")

        for strong, cue, kw in ((True, CAST_LIST_STRONG, KW_CAST_STRONG), (False, CAST_LIST_WEAK, KW_CAST_WORDS)):
            for m in self._scan(cue, kw):
                s, e = self._sent(m.start())
                if not strong and not CAST_WORDS.search(text, s, e):
                    continue
                if crew_cue.search(text, max(0, m.start() - 20), m.start()):
                    continue
                if self._foreign(m.start()):
                    continue  # "Ron Howard's EDtv (1999), starring ...": another film's cast
                items = self._people_list(m.end(), roles=True, single_ok=strong)
                if SUPPORTING.search(text, max(s, m.start() - 30), m.end()):
                    roles.extend(items)
                    continue
                if not strong and m.group().lower().startswith("with"):
                    items = [it for it in items if it[2]]
                for p, n, c in items:
                    listed.append((s, p, n, c))
        for m in self._scan(ACTOR_FIRST, KW_ACTOR_FIRST):
            verb = m.group("v")
            name = self._name_before(m.start(), need_two=False)
            comma_ok = not m.group("comma") or m.group("who") or verb.endswith("as") or verb == "playing" or "role" in verb
            if not m.group("who") and (not name or not comma_ok) and (
                m.group("comma") or text[m.start() - 1 : m.start()] in (")", "—", "–")
            ):
                # "A, a staffer, voices B" / "A (who ...) turns up as B": an aside between
                subj = self._interrupted_subject(m.start() + (1 if m.group("comma") else 0))
                if len(subj) == 1:
                    name, comma_ok = subj[0][1], True
            if not name:
                continue
            if " " not in name:
                known = {n.lower() for _, _, n, _ in listed} | {n.lower() for _, n, _ in roles}
                if name.lower() not in known and not self._surname(name, listed, roles):
                    continue
            if not comma_ok:
                continue
            char = self._char_after(m.end())
            if char is None and (verb not in ACTING_VERBS or NOT_ROLE_OBJECT.match(text, m.end())):
                continue
            roles.append((m.start() - len(name), name, char))
        for m in self._scan(CHAR_FIRST, KW_CHAR_FIRST):
            at = m.end()
            d = CHAR_FIRST_DESC.match(text, at)
            if d:
                at = d.end()
            names = self._people_list(at, roles=False, single_ok=True)
            if not names:
                continue
            cl = CHARLIST_END.search(text, max(0, m.start() - 80), m.start())
            chars: list[str | None] = []
            if cl:
                chars = [self._clean_char(c) for c in re.split(r",? (?:and|&) |, ", cl.group("l"))]
            elif m.group("pre").strip().startswith(("is", "are", "was", "were", ",")):
                end = m.start() + (1 if m.group("pre").startswith(",") else 0)
                ap = APPOS_CHAR_END.search(text, max(0, end - 120), end)
                if ap:
                    chars = [self._clean_char(ap.group("c"))]
            if len(chars) != len(names):
                chars = chars[-1:] if len(names) == 1 and chars else [None] * len(names)
            for (p, n, _), c in zip(names, chars):
                roles.append((p, n, c))
        parens = []
        for m in self._scan(PAREN_CHAR, KW_PAREN):
            name = self._name_before(m.start(), need_two=False)
            if not name:
                continue
            s, e = self._sent(m.start())
            known = {n.lower() for _, _, n, _ in listed} | {n.lower() for _, n, _ in roles}
            if name.lower() in known or (" " in name and CAST_WORDS.search(text, s, e)):
                roles.append((m.start() - len(name), name, self._clean_char(m.group("c"))))
            elif " " in name and not self._foreign(m.start()):
                parens.append((m.start() - len(name), name, self._clean_char(m.group("c"))))
        # "Actor (Character)" twice or more in one paragraph, no cast word needed:
        # "The kidnappers — Steve Buscemi (Carl Showalter) and Peter Stormare (Gaear Grimsrud) — ..."
        by_para: dict[int, list] = {}
        for item in parens:
            by_para.setdefault(text.rfind("\n\n", 0, item[0]), []).append(item)
        for items in by_para.values():
            if len(items) >= 2:
                roles.extend(items)
        for m in self._scan(PAIRED_AS, (" as ",), also=(" are ", " were ")):
            names = [self._clean_name(n) for n in re.split(r",? (?:and|&) |, ", m.group("n"))]
            chars = [self._clean_char(c) for c in re.split(r",? (?:and|&) |, ", m.group("c"))]
            if len(names) == len(chars) and all(n and " " in n for n in names) and not self._foreign(m.start()):
                roles.extend((m.start("n") + m.group("n").find(n), n, c) for n, c in zip(names, chars))
        starts = set(self._sent_starts)
        crew = {n.lower() for names in self._crew for n in names}
        for m in self._scan(SUBJECT_AS, (" as ",)):
            # the actor opens the sentence, or a clause after ";" / "and" with "is ... as"
            before = text[max(0, m.start() - 6) : m.start()]
            at_start = m.start() in starts or before.endswith(("; ", ", and "))
            if not at_start and re.match(r" (?:is|was) ", m.group("gap")):
                at_start = bool(re.search(r"(?:, | and |, but |, while )$", text[max(0, m.start() - 8) : m.start()]))
            if not at_start or self._foreign(m.start()) or NOT_ACTING_GAP.search(m.group("gap")):
                continue
            name = self._clean_name(m.group("n"))
            if name and " " in name and not self._is_title(name) and name.lower() not in crew:
                roles.append((m.start(), name, self._clean_char(m.group("c"))))
        for m in self._scan(INTERRUPTED_AS, (" as ",)):
            if NOT_ACTING_GAP.search(m.group("gap")) or re.match(r" (?:who|which|that)\b", m.group("gap")):
                continue
            subj = self._interrupted_subject(m.start() + (1 if m.group("lead") == "," else len(m.group("lead"))))
            if len(subj) != 1 or self._foreign(subj[0][0]):
                continue
            name = subj[0][1]
            if not self._is_title(name) and name.lower() not in crew:
                roles.append((subj[0][0], name, self._clean_char(m.group("c"))))
        roles.extend(self._is_roles(listed, roles, crew))
        return self._merge_cast(listed, roles)

    def _is_roles(self, listed, roles, crew) -> list[tuple[int, str, str | None]]:
        """"X is Y" (and a gapped ", Z a tone-deaf W" after it) in a paragraph that talks
        about the cast: another role is named there, or a cast word."""
        text, out = self._text, []
        found_paras = {text.rfind("\n\n", 0, p) for p, _, _ in roles if _ is not None} | {
            text.rfind("\n\n", 0, p) for _, p, _, _ in listed
        }
        people = {n.lower() for _, _, n, _ in listed} | {n.lower() for _, n, _ in roles} | crew
        cast_para: dict[int, bool] = {}
        for k in self._sents_with(KW_IS):
            s0 = self._sent_starts[k]
            para = text.rfind("\n\n", 0, s0 + 1)
            if para not in found_paras:
                if para not in cast_para:
                    pe = text.find("\n\n", s0)
                    cast_para[para] = bool(CAST_WORDS.search(text, para + 1, pe if pe != -1 else len(text)))
                if not cast_para[para]:
                    continue
            _, e = self._sent(s0)
            for m in IS_AT.finditer(text, s0, e):
                name = self._name_before(m.start(), need_two=True)
                if not name and text[m.start() - 1 : m.start()] == ",":
                    subj = self._interrupted_subject(m.start())  # "A, in her debut, is B"
                    name = subj[0][1] if len(subj) == 1 else None
                    name_pos = subj[0][0] if name else 0
                else:
                    name_pos = m.start() - len(name or "")
                if not name or self._is_title(name) or name.lower() in crew:
                    continue
                c = CHAR_AT.match(text, m.end())
                if not c or not IS_ROLE_END.match(text, c.end()):
                    continue
                char = self._clean_char(c.group("c"))
                if (
                    not char or self._is_title(char) or char.lower() in people
                    or DEMONYM.match(char) or self._foreign(m.start())
                ):
                    continue
                out.append((name_pos, name, char))
                g = GAPPED_ROLE.match(text, c.end())
                if g:
                    gn, gc = self._clean_name(g.group("n")), self._clean_char(g.group("c"))
                    if gn and " " in gn and gc and gn.lower() not in crew:
                        out.append((g.start("n"), gn, gc))
        return out

    @staticmethod
    def _surname(name, listed, roles) -> bool:
        full = [n for _, _, n, _ in listed] + [n for _, n, _ in roles]
        return any(f.split(" ")[-1] == name for f in full if " " in f)

    def _merge_cast(self, listed, roles) -> list[dict]:
        # Billing: the first list sentence with two or more names, then first mentions.
        primary: list[tuple[int, str, str | None]] = []
        if listed:
            by_sent: dict[int, list] = {}
            for s, p, n, c in listed:
                by_sent.setdefault(s, []).append((p, n, c))
            multi = [s for s in sorted(by_sent) if len(by_sent[s]) >= 2]
            first = multi[0] if multi else min(by_sent)
            primary = sorted(by_sent.pop(first), key=_pos_name)
            rest = sorted([x for v in by_sent.values() for x in v] + roles, key=_pos_name)
        else:
            rest = sorted(roles, key=_pos_name)
        order: list[str] = []
        chars: dict[str, str | None] = {}
        for _, name, char in primary + rest:
            key = self._resolve(name, order)
            if key is None:
                order.append(name)
                key = name
            if chars.get(key) is None and char:
                chars[key] = char
        return [{"name": n, "character": chars.get(n)} for n in order]

    @staticmethod
    def _resolve(name: str, order: list[str]) -> str | None:
        low = name.lower()
        for n in order:
            if n.lower() == low:
                return n
        if " " not in name:
            for n in order:
                if n.split(" ")[-1].lower() == low:
                    return n
        return None

    @cached_property
    def _year(self) -> str | None:
        best: tuple[int, int, str] | None = None  # (-score, pos, year)
        for h in self._first_headings(2):
            m = HEAD_YEAR.search(h)
            if m:
                return m.group(1)
        text = self._text
        for m in self._scan(YEAR_RE, KW_YEAR):
            score = self._year_score(m)
            if score > 0 and (best is None or (-score, m.start()) < best[:2]):
                best = (-score, m.start(), m.group(1))
        return best[2] if best else None

    def _year_score(self, m) -> int:
        text = self._text
        s, e = self._sent(m.start())
        before = text[max(s, m.start() - 60) : m.start()]
        after = text[m.end() : min(e, m.end() + 60)]
        if YEAR_NEG_BEFORE.search(before) or YEAR_NEG_AFTER.match(after):
            return 0
        bonus = 2 if s in self._title_sents else 0
        title_re = self._title_re
        if before.endswith("(") and after.startswith((")", ",")):
            pre = before[:-1].rstrip()
            if title_re and title_re.search(pre) and title_re.search(pre).end() == len(pre):
                return 9
            if re.search(rf"{TOK}$", pre):
                return 0  # another film's "(1975)"
            return 3 + bonus
        if after.startswith("'s"):
            if title_re and title_re.match(after, 3 if after[2:3] == " " else 2):
                return 9
            if CAPS_AFTER.match(after, 2):
                return 0
        poss = YEAR_POSS_BEFORE.search(before)
        if poss:
            noun = YEAR_NOUN_AFTER.match(after)
            if noun:
                if title_re and title_re.match(after.lstrip(), 0) is None:
                    nxt = after[noun.end() :]
                    if title_re.match(nxt.lstrip()):
                        return 9
                if self._other_title_follows(m.end() + noun.end()):
                    return 0
                if poss.group("pron") or not bonus:
                    return 0
                return 6 + bonus
        if YEAR_RELEASE_BEFORE.search(before):
            return 6 + bonus
        if YEAR_ARTICLE_BEFORE.search(before) and YEAR_FILM_AFTER.match(after):
            if self._other_title_follows(m.end() + YEAR_FILM_AFTER.match(after).end()) and not bonus:
                return 0
            return 5 + bonus
        if YEAR_FROM_BEFORE.search(before) and bonus:
            return 3 + bonus
        return 0

    @cached_property
    def _runtime(self) -> str | None:
        text = self._text
        for m in self._scan(DUR_RE, KW_RUNTIME):
            s, e = self._sent(m.start())
            before = text[max(s, m.start() - 45) : m.start()]
            after = text[m.end() : e]
            if RUNTIME_NEG_AFTER.match(after):
                continue
            hyphen = m.group("hy") == "-"
            minutes = _minutes(m)
            ok = (
                (not hyphen and RUNTIME_CUE_BEFORE.search(before))
                or (hyphen and RUNTIME_HYPHEN_NOUN.match(after))
                or (not hyphen and RUNTIME_LONG_AFTER.match(after))
                or (RUNTIME_PAREN.search(before) and after.startswith(")"))
                or (minutes >= 40 and RUNTIME_AT_BEFORE.search(before))
            )
            if ok and 1 <= minutes <= 600:
                return _runtime_raw(m)
        return None

    @cached_property
    def _imdb(self) -> tuple[str | None, str | None]:
        text = self._text
        rating = votes = None
        for m in self._scan(IMDB_RE, KW_IMDB):
            s, e = self._sent(m.start())
            if rating is None:
                near = self._rating_near(m, s, e)
                if near:
                    rating = near[0]
                    p = VOTES_PAREN.match(text, near[1])
                    if votes is None and p:
                        votes = p.group("n").strip()
            if votes is None:
                ns, ne = e, self._sent(e)[1] if e < len(text) else e
                for lo, hi in ((s, e), (ns, ne)):
                    if lo >= hi or (lo == ns and OTHER_SOURCE.search(text, lo, hi)):
                        continue
                    for v in VOTES_RE.finditer(text, lo, hi):
                        gap = text[m.end() : v.start()] if v.start() >= m.end() else text[v.end() : m.start()]
                        if lo == s and (OTHER_SOURCE.search(gap) or OTHER_VOTERS.search(gap)
                                        or OTHER_VOTERS.search(v.group()) or OTHER_VOTERS_AFTER.match(text, v.end())):
                            continue  # "our 418 members", "418 readers"
                        votes = (v.group("n") or v.group("n2")).strip()
                        break
                    if votes:
                        break
            if rating and votes:
                break
        return rating, votes

    def _rating_near(self, m, s: int, e: int) -> tuple[str, int] | None:
        text = self._text
        best = None
        for n in RATING_NUM.finditer(text, s, e):
            if n.end() <= m.start():
                gap = text[n.end() : m.start()]
            else:
                gap = text[m.end() : n.start()]
            if n.start() < m.end() and n.end() > m.start():
                continue
            dist = len(gap)
            if dist > 60 or OTHER_SOURCE.search(gap) or "." in gap.replace(n.group(), "") and dist > 20:
                continue
            if "." not in n.group("v") and not n.group("scale") and dist > 15:
                continue
            if n.end() <= m.start() and CLAUSE_GAP.search(gap):
                dist += 40  # "members rate it 8.2, while IMDb users give it 6.8"
            if best is None or dist < best[0]:
                best = (dist, n.group("v"), n.end("v"))
        return (best[1], best[2]) if best else None

    @cached_property
    def _content_rating(self) -> str | None:
        text = self._text
        hits = [m for cue in (CERT_RATED, CERT_ARTICLE) for m in self._scan(cue, KW_CERT)]
        if not hits:
            return self._byline_rating
        return min(hits, key=lambda m: m.start()).group("r")

    @cached_property
    def _byline_rating(self) -> str | None:
        """A certificate as one item of the meta line under the headline
        ("By Rae K. · 6 min read · R")."""
        h1 = next(iter(self.main.root.iter("h1")), None)
        nxt = h1.getnext() if h1 is not None else None
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is None:
            return None
        items = [WS.sub(" ", i).strip() for i in re.split(r"[·•|]", _el_text(nxt))]
        if len(items) < 3 or any(len(i) > 40 for i in items):
            return None
        for item in items:
            if re.fullmatch(_CERT, item):
                return item
        return None

    @cached_property
    def _genres(self) -> list[str]:
        text = self._text
        found: list[tuple[int, str]] = []
        for cue, (words, need) in zip(GENRE_EXPLICIT, GENRE_EXPLICIT_CUES):
            idx = [k for k in self._sents_with(words) if self._genre_count(k) >= need]
            for m in self._scan(cue, idx=idx):
                if self._foreign(m.start()):
                    continue
                for g in GENRE_ONE.finditer(m.group("l")):
                    found.append((m.start("l") + g.start(), WS.sub(" ", g.group())))
        weak_idx = self._sents_with(self._genre_tokens) if self._genre_tokens else []
        cap_idx = [k for k in weak_idx if self._genre_count(k) >= 2]
        for m in self._scan(GENRE_CAPLIST, idx=cap_idx):
            if not self._foreign(m.start()):
                for g in GENRE_ONE.finditer(m.group("l")):
                    found.append((m.start("l") + g.start(), WS.sub(" ", g.group())))
        starts = self._sent_starts
        title_idx = [k for k in weak_idx if starts[k] in self._title_sents and self._genre_count(k) >= 2]
        for m in self._scan(GENRE_WEAK[1], idx=title_idx):
            gs = list(GENRE_ONE.finditer(m.group("l")))
            if len(gs) >= 2 and self._sent(m.start())[0] in self._title_sents:
                found.extend((m.start("l") + g.start(), WS.sub(" ", g.group())) for g in gs)
        if not found:
            weak = []
            for cue in GENRE_WEAK:
                for m in self._scan(cue, idx=weak_idx):
                    gs = [g.group() for g in GENRE_ONE.finditer(m.group("l"))]
                    gs = [g for g in gs if g.lower() not in WEAK_GENRE_SKIP] or []
                    if gs and not self._foreign(m.start()):
                        s, _ = self._sent(m.start())
                        weak.append((0 if s in self._title_sents else 1, m.start(), gs))
            if weak:
                return min(weak)[2]
            return []
        out, seen = [], set()
        for _, g in sorted(found):
            if g.lower() not in seen:
                seen.add(g.lower())
                out.append(g)
        return out

    @cached_property
    def _listing(self) -> bool:
        heads = self._first_headings(1)
        if heads and LISTING_HEAD.search(heads[0]) and not self._heading_title[1]:
            return True
        items = [h for h in xpath_all(self.main, "//h2 | //h3 | //h4") if LISTING_ITEM_HEAD.match(" ".join(texts_of(h)))]
        if len(items) >= 3:
            return True
        titles = {m.group("t").lower() for m in self._scan(OTHER_TITLE_YEAR, KW_OTHER_YEAR)}
        if self._title:
            titles = {t for t in titles if self._title.lower() not in t}
        # a review whose headline names its film may compare it with several others
        return len(titles) >= (8 if self._emphasized_title else 4)

    def _has_facts(self, need: int) -> bool:
        """At least ``need`` of the film facts (year, runtime, IMDb rating, genres,
        directors, writers, cast, content rating) are found; the facts are read in
        turn until enough are, the genres (the costliest to read) last."""
        n = 0
        for fact in (
            lambda: self._year, lambda: self._runtime, lambda: self._imdb[0], lambda: self._crew[0],
            lambda: self._crew[1], lambda: self._cast, lambda: self._content_rating,
        ):
            if fact():
                n += 1
                if n >= need:
                    return True
        return n + (1 if self._genres else 0) >= need

    # -- FamilyPage interface ------------------------------------------------
    def applies(self) -> bool:
        paras = self._paragraphs
        if not (len(paras) >= 2 or sum(map(len, paras)) >= 300):
            return False
        return not self._listing and self._has_facts(2)

    def kind(self) -> str | None:
        if not self._paragraphs or self._listing:
            return None
        low = self._low + " " + " ".join(self._first_headings(1)).lower()
        series = sum(low.count(w) for w in SERIES_WORDS) + len(SEASON_N.findall(low))
        created, directed = "created by" in low, "directed by" in low
        if created and not directed:
            series += 2
        # (the film words are counted only when the series words could outnumber them)
        if series >= 2 and series > min(sum(low.count(w) for w in FILM_WORDS), 12) + (2 if directed else 0):
            return "series"
        # (the film facts are read only when the heading does not already say "film":
        # the genres are costly to read and often not needed)
        if self._heading_title[1] or self._crew[0] or self._cast or self._runtime or self._genres:
            return "film"
        return None

    def title(self):
        return self._title

    def year(self):
        return self._year

    def runtime(self):
        return self._runtime

    def imdb_rating(self):
        return self._imdb[0]

    def imdb_votes(self):
        return self._imdb[1]

    def content_rating(self):
        return self._content_rating

    def synopsis(self):
        return "\n\n".join(self._paragraphs) or None

    def genres(self):
        return list(self._genres)

    def directors(self):
        return list(self._crew[0])

    def writers(self):
        return list(self._crew[1])

    def cast(self):
        return [dict(c) for c in self._cast]


# ---------------------------------------------------------------------------
# Module helpers
# ---------------------------------------------------------------------------


# "Watch it now", "Here's where to stream it": the wrapper names no title
DEICTIC = re.compile(
    r"(?i)^(?:it|this|that|them|one|here(?:['’]s| is)?|there(?:['’]s| is)?|(?:the|this) (?:film|movie))$"
)
# "Get Out Review", "Toy Story (1995): review and", "Heat review &"
REVIEW_TAIL = re.compile(
    r"(?i)\s*(?:[:|,–—-]\s*)?(?:(?:a|our|the|full|film|movie)\s+)?review(?:ed)?(?:\s*(?:[:&,+]|and))?\s*$"
)


def _wrapper_target(part: str) -> str | None:
    for w in WRAPPERS:
        m = w.match(part)
        if m:  # the first wrapper that matches decides
            t = m.group("t").strip(" :-–—?!")
            if not t or FILLER_ONLY.match(t) or DEICTIC.match(_strip_title(t)) or NOT_A_TITLE_START.match(t):
                return None
            return t
    return None


# "where i'd watch it", "how we watched it": a question or a speaker, not a film, before the wrapper
NOT_A_TITLE_START = re.compile(
    r"(?i)^(?:where|how|when|why|what)\s+(?:i|we|you|they)(?:['’](?:d|ll|ve|m|re))?"
    r"(?:\s+(?:can|could|would|should|will|do|did|might))?$"
)
# "(and is it still the best?)", "(or: why I keep rewatching it)": an aside after the title
ASIDE_TAIL = re.compile(r"(?i)\s*\((?:[^()]*\?|(?:and|or|but|plus|also|yes|no)\b[^()]*)\)\s*[?!.]?$")
# "X in Sweden", "X in the UK (right now)": the region of a where-to-watch heading
REGION_TAIL = re.compile(
    r"(?i)^(?P<t>.+?)\s+in\s+(?:the\s+)?(?:"
    + "|".join(sorted((re.escape(k) for k in KNOWN_REGIONS), key=len, reverse=True))
    + r")(?:\s+(?:right\s+now|now|today|this\s+(?:week|month)))?$"
)


def _strip_title(t: str) -> str:
    prev, t = None, t.strip()
    while t != prev:
        prev = t
        t = ASIDE_TAIL.sub("", t) or t
        t = REVIEW_TAIL.sub("", t) or t
        t = TITLE_TAIL.sub("", t.strip())
        t = t.strip(" \"'“”‘’«»:-–—&,")
    return t


_WORDNUM = {"an": 1, "one": 1, "two": 2, "three": 3}


def _minutes(m) -> int:
    if m.group("mm"):
        return int(m.group("mm"))
    h = m.group("h").lower()
    hours = _WORDNUM.get(h) or int(h)
    return hours * 60 + int(m.group("m") or 0)


def _runtime_raw(m) -> str:
    raw = m.group().rstrip(".")
    if m.group("hy") == "-":
        return f"{m.group('mm')} minutes"
    h = m.group("h")
    if h and h.lower() in _WORDNUM:
        raw = str(_WORDNUM[h.lower()]) + raw[len(h) :]
    return raw
