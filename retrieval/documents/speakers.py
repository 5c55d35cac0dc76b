"""Speaker labels and identities: split "Role Name" labels and resolve spelling variants to one speaker."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from ..model import Speaker
from ..tokenize import normalise

# Lower-case words allowed inside a label ("President *of the* Republic", "Ursula *von der* Leyen").
CONNECTORS = frozenset(
    "of the and for to de da del der di du van von bin al el la le on in at".split()
)
# Words that are titles, not names: "President Putin" is Putin with the role President.
TITLE_WORDS = frozenset(
    """president prime minister chairman chairwoman chair secretary general mr mrs ms dr sir
    chancellor king queen prince senator governor mayor speaker deputy ambassador colonel
    commander premier vice head chief director spokesman spokeswoman spokesperson justice judge
    """.split()
)
# One word before a full name that is an office ("Leader Chuck Schumer"), as TITLE_WORDS are.
_OFFICE_WORDS = frozenset(
    """leader commissioner officer representative rep captain inspector detective sergeant
    constable professor prof doctor reverend rev bishop father rabbi imam councillor
    councilmember alderman trustee superintendent lieutenant major admiral general coach manager
    host anchor moderator reporter correspondent governor attorney counsel delegate secretary
    ambassador envoy marshal sheriff clerk resident caller citizen witness member guest panelist
    panellist student parent teacher nurse farmer pastor engineer economist analyst scientist
    expert adviser advisor consultant researcher historian author writer editor producer
    narrator announcer commentator activist lawyer officer agent inspector planner architect
    surveyor auditor accountant ranger pilot driver worker volunteer organiser organizer
    founder owner president""".split()
)
# Words a surname keeps before it: "von der Leyen", and the Irish "Ó Laoire", "Mac Lochlainn",
# "Ní Riada", "Uí Bhriain".
_NAME_PARTICLES = frozenset(
    "van von der de da del di bin al el la le ó o mac mc ní nic uí ua".split()
)
_INITIAL = re.compile(r"^[^\W\d_]\.$")
Call = tuple[str, tuple[Any, ...], str]  # a registry call: method, arguments, id returned


def slug(text: str) -> str:
    """A stable lower-case id made of ASCII letters, digits and hyphens, any script transliterated."""
    folded = normalise(text)
    if not folded.isascii():
        folded = anyascii(folded).lower()  # "Владимир Путин" -> "vladimir-putin"
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "unknown"


@lru_cache(maxsize=65536)
def split_label(label: str) -> tuple[str, str]:
    """Split a label into (name, role): "President of Russia Vladimir Putin" -> name and role
    (cached: a transcript repeats each speaker's label)."""
    parts = label.split()
    if parts and parts[0].lower() in ("the", "an") and len(parts) > 1:
        # An office, not a person: "The Acting President", "The Court", the Irish "An Ceann
        # Comhairle" ("an" is Irish for "the").
        return label, ""
    if len(parts) >= 2 and parts[-2].lower() in TITLE_WORDS:
        cut = len(parts) - 1  # "President Putin": the name is the surname alone
    else:
        cut = len(parts) - 1  # the surname
        while cut > 0 and parts[cut - 1].lower() in _NAME_PARTICLES:
            cut -= 1  # keep "von der" with the surname
        while cut > 1 and _initial(parts[cut - 1]):
            cut -= 1  # and initials ("Howard K. Smith", "K J Smith")
        if cut and parts[cut - 1].lower() not in TITLE_WORDS:
            cut -= 1  # and one given name, not a title ("Senator K. Smith")
    if cut == 1 and parts[0].lower().strip(".,") not in TITLE_WORDS | _OFFICE_WORDS:
        return label, ""  # "Harish Chandra Goyal": two given names, no office before them
    return " ".join(parts[cut:]), " ".join(parts[:cut])


def role_case(role: str) -> str:
    """An office or seat written in capitals as it is written in running text ("THE MINISTER OF
    FINANCE" -> "The Minister of Finance", "PATNA SAHIB" -> "Patna Sahib"); short words stay
    as they are ("CPC", "EU"), so does one short word alone ("CHAIR", "ТАСС"), and a role not
    wholly in capitals is left alone."""
    parts = role.split()
    several = len(parts) > 1 and any(len(w) > 3 for w in parts)
    long_word = len(parts) == 1 and len(role) >= LONG_CAPS_WORD
    if not role.isupper() or not (several or long_word):
        return role  # one short word in capitals may be an acronym ("ТАСС")
    words = []
    for i, word in enumerate(role.split(" ")):
        if word.lower() in _SMALL_WORDS:
            words.append(word.lower() if i else word.capitalize())
        elif len(word.strip(".,()")) > 3:
            words.append("-".join(p[:1] + p[1:].lower() for p in word.split("-")))
        else:
            words.append(word)
    return " ".join(words)


LONG_CAPS_WORD = 7  # letters from which one word in capitals is no acronym ("BHAGALPUR")
_SMALL_WORDS = frozenset("of and the for on in to at by with a an".split())


def _initial(word: str) -> bool:
    """An initial: "K.", or a capital alone as Hansards print them ("Mr K J Smith"), which
    before a surname is a given name, not an office."""
    return bool(_INITIAL.match(word)) or (len(word) == 1 and word.isupper())


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> bool:
    """Spelling variants of one word ("Rahmon"/"Rakhmon"); short words must match exactly."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    # The cheap upper bounds first (as difflib.get_close_matches does): every question word is
    # compared with every speaker's names, and an archive has hundreds of speakers.
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= 0.8
        and matcher.quick_ratio() >= 0.8
        and matcher.ratio() >= 0.8
    )


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The lower-case words of a personal name, hyphenated parts split."""
    return tuple(w for w in re.split(r"[\s\-.]+", normalise(name)) if w)


def same_person(a: str, b: str) -> bool:
    """True if two names denote one person: surnames alike and given names compatible."""
    return _same_person(name_words(a), name_words(b)) or _same_person(
        _hyphenated(a), _hyphenated(b)
    )


def _hyphenated(name: str) -> tuple[str, ...]:
    """A name's words with a hyphenated surname kept whole ("Karine Jean-Pierre": karine,
    jean-pierre), so that "Jean-Pierre" alone is her surname, not a given name and a surname."""
    words = [w for w in re.split(r"[\s.]+", normalise(name)) if w]
    return (*(p for w in words[:-1] for p in w.split("-") if p), *words[-1:])


def _same_person(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """same_person() over two names' words, the last of each its surname."""
    if not wa or not wb or not _similar(wa[-1], wb[-1]):
        return False
    given_a, given_b = wa[:-1], wb[:-1]
    if not given_a or not given_b:
        return True  # "Putin" and "Vladimir Putin"
    ga, gb = given_a[0], given_b[0]
    if min(len(ga), len(gb)) == 1:  # an initial: "V. Putin", "В.Путин"
        return ga[0] == gb[0]
    if min(len(ga), len(gb)) == 4 and abs(len(ga) - len(gb)) == 1:
        return SequenceMatcher(None, ga, gb).ratio() >= 0.8  # "Cory"/"Corey"
    return _similar(ga, gb)


class SpeakerRegistry:
    """Collects speakers across documents so that every variant of a name maps to one Speaker."""

    def __init__(self) -> None:
        self._by_id: dict[str, Speaker] = {}
        # Exact names already resolved: a transcript repeats the same labels hundreds of times,
        # and fuzzy-matching each against every speaker dominated loading large archives.
        self._seen: dict[str, str] = {}
        self._uses: dict[str, int] = {}  # how often each spelling was seen: the usual one wins ties
        # When a list: every person/publisher/anonymous call is appended as (method, arguments,
        # id returned), so that an incremental build can replay a document's calls (incremental.py).
        self.calls: list[Call] | None = None

    def snapshot(self) -> tuple[dict[str, Any], ...]:
        """The registry's state, for restore()."""
        return dict(self._by_id), dict(self._seen), dict(self._uses)

    def restore(self, state: tuple[dict[str, Any], ...]) -> None:
        """Put back a state taken by snapshot()."""
        by_id, seen, uses = state
        self._by_id, self._seen, self._uses = dict(by_id), dict(seen), dict(uses)

    def _called(self, method: str, args: tuple[Any, ...], speaker: Speaker) -> Speaker:
        if self.calls is not None:
            self.calls.append((method, args, speaker.id))
        return speaker

    def person(self, name: str, role: str = "") -> Speaker:
        """The speaker for a personal name (and role), created on first sight."""
        return self._called("person", (name, role), self._person(name, role))

    def _person(self, name: str, role: str) -> Speaker:
        name, role = self._given_from_role(name, role)
        self._uses[name] = self._uses.get(name, 0) + 1
        known = self._seen.get(name)
        if known is not None:
            sp = self._by_id[known]
            return self._merge(sp, name, role) if (role and not sp.role) or sp.aliases else sp
        for sp in self._by_id.values():
            if sp.is_publisher or sp.anonymous:
                continue
            if any(same_person(name, n) for n in (sp.name, *sp.aliases)):
                self._seen[name] = sp.id
                return self._merge(sp, name, role)
        speaker = Speaker(id=slug(name), name=name, role=role)
        self._by_id[speaker.id] = speaker
        self._seen[name] = speaker.id
        return speaker

    def publisher(self, source: str, aliases: tuple[str, ...] = ()) -> Speaker:
        """The speaker standing for an outlet whose prose is quoted."""
        sid = "publisher-" + slug(source)
        if sid not in self._by_id:
            self._by_id[sid] = Speaker(
                id=sid, name=source, role="publisher", is_publisher=True, aliases=aliases
            )
        return self._called("publisher", (source, aliases), self._by_id[sid])

    def anonymous(self, label: str) -> Speaker:
        """The voice behind an anonymous label ("Q", "Question", "VOICE"): turns, not a person."""
        sid = "unnamed-" + slug(label)
        if sid not in self._by_id:
            self._by_id[sid] = Speaker(
                id=sid,
                name=label if not label.isupper() or len(label) < 3 else label.title(),
                role="unnamed",
                anonymous=True,
            )
        return self._called("anonymous", (label,), self._by_id[sid])

    def _given_from_role(self, name: str, role: str) -> tuple[str, str]:
        """A first given name that split_label left at the end of an office ("President of the
        Republic of Turkey Recep" + "Tayyip Erdogan") is the name's, when the document also
        labels the person by the longer name ("Recep Tayyip Erdogan:"), before or after."""
        if name in self._seen:
            return name, role  # the usual call: a name seen before, nothing to look for
        *office, last = role.split() or [""]
        if (
            office
            and last[:1].isupper()
            and last.lower() not in TITLE_WORDS | _OFFICE_WORDS
            and f"{last} {name}" in self._seen
        ):
            return f"{last} {name}", " ".join(office)
        for sp in list(self._by_id.values()):
            *office, last = sp.role.split() or [""]
            if (
                office
                and not sp.is_publisher
                and last[:1].isupper()
                and f"{last} {sp.name}" == name
                and last.lower() not in TITLE_WORDS | _OFFICE_WORDS
            ):
                self._by_id[sp.id] = replace(sp, name=name, role=" ".join(office))
                self._seen[name] = sp.id
        return name, role

    def _merge(self, sp: Speaker, name: str, role: str) -> Speaker:
        """Keep the fullest name as canonical (the usual spelling among equals), fill a missing role."""
        names = {sp.name, *sp.aliases, name}
        # (the first seen wins a tie: a set's order changes from one process to the next)
        order = {n: i for i, n in enumerate(self._seen)}
        canonical = max(
            names,
            key=lambda n: (
                len(name_words(n)),
                self._uses.get(n, 0),
                len(n),
                -order.get(n, len(order)),
            ),
        )
        merged = Speaker(
            id=sp.id,
            name=canonical,
            role=sp.role or role,
            aliases=tuple(sorted(names - {canonical})),
        )
        self._by_id[sp.id] = merged
        return merged

    def get(self, speaker_id: str) -> Speaker:
        """The current Speaker record for an id."""
        return self._by_id[speaker_id]

    def all(self) -> list[Speaker]:
        """Every speaker, in order of first appearance."""
        return list(self._by_id.values())
