"""Countries as people name them in a chat: the name, its demonyms and common abbreviations.

General knowledge shipped as data (no document's words): "kz", "kazakh" and "kazakhstani" all
name Kazakhstan. A question word found here is read as the country's name.
"""

from __future__ import annotations

from functools import lru_cache

# name | demonyms and other adjectives | abbreviations (ISO codes and common short forms)
_TABLE = """
afghanistan|afghan afghani|af afg
albania|albanian|al alb
algeria|algerian|dz dza
argentina|argentine argentinian|ar arg
armenia|armenian armenians|am arm
australia|australian aussie|au aus
austria|austrian|at aut
azerbaijan|azerbaijani azeri|az aze
belarus|belarusian belarussian byelorussian|by blr
belgium|belgian|be bel
brazil|brazilian|br bra
bulgaria|bulgarian|bg bgr
canada|canadian|ca can
china|chinese|cn chn prc
croatia|croatian|hr hrv
cuba|cuban|cu cub
czechia|czech|cz cze
denmark|danish dane|dk dnk
egypt|egyptian|eg egy
estonia|estonian|ee est
finland|finnish finn|fi fin
france|french|fr fra
georgia|georgian|ge geo
germany|german|de deu
greece|greek|gr grc
hungary|hungarian|hu hun
india|indian|in ind
indonesia|indonesian|id idn
iran|iranian persian|ir irn
iraq|iraqi|iq irq
ireland|irish|ie irl
israel|israeli|il isr
italy|italian|it ita
japan|japanese|jp jpn
jordan|jordanian|jo jor
kazakhstan|kazakh kazakhs kazakhstani kazak|kz kaz
kyrgyzstan|kyrgyz kirghiz kyrgyzstani|kg kgz
latvia|latvian|lv lva
lebanon|lebanese|lb lbn
libya|libyan|ly lby
lithuania|lithuanian|lt ltu
mexico|mexican|mx mex
moldova|moldovan|md mda
mongolia|mongolian|mn mng
netherlands|dutch|nl nld
nigeria|nigerian|ng nga
north korea|north korean|dprk
norway|norwegian|no nor
pakistan|pakistani|pk pak
poland|polish pole|pl pol
portugal|portuguese|pt prt
romania|romanian|ro rou
russia|russian russians|ru rus rf
saudi arabia|saudi|sa sau ksa
serbia|serbian serb|rs srb
south korea|south korean korean|kr kor
spain|spanish spaniard|es esp
sweden|swedish swede|se swe
switzerland|swiss|ch che
syria|syrian|sy syr
tajikistan|tajik tajiks tajikistani|tj tjk
turkey|turkish turk|tr tur
turkmenistan|turkmen|tm tkm
ukraine|ukrainian|ua ukr
united kingdom|british briton|uk gb gbr
united states|american|us usa
uzbekistan|uzbek uzbeks uzbekistani|uz uzb
"""

# Short forms that are also common English words: only trusted when written in capitals.
AMBIGUOUS = frozenset("am at be by can id in it no pl pole sa se to us".split())


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    out = []
    for line in _TABLE.strip().splitlines():
        name, adjectives, codes = line.split("|")
        out.append((name, tuple(adjectives.split()), tuple(codes.split())))
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, adjectives, codes in _entries():
        for key in (name, *adjectives, *codes):
            found.setdefault(key, name)
    return found


def names_of(name: str) -> tuple[str, ...]:
    """A country's name and its adjectives ("kazakhstan" -> "kazakhstan", "kazakh", …)."""
    for entry, adjectives, _ in _entries():
        if entry == name:
            return (entry, *adjectives)
    return (name,)


def country(word: str) -> str:
    """The country a lower-case word names ("kazakh", "kz" -> "kazakhstan"), or ""."""
    if word in AMBIGUOUS:
        return ""
    return _index().get(word, "")


def place_country(place: str) -> str:
    """The country of a role's place ("Armenia", "the Republic of Belarus"), or ""."""
    text = place.lower()
    for name, _, _ in _entries():
        if text.endswith(name) or f" {name} " in f" {text} ":
            return name
    return ""
