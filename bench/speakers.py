"""The fixed pool of fictional speakers (name and role) that every generated transcript draws on."""

from __future__ import annotations

from dataclasses import dataclass

# Fictional people: a corpus of random words must not put words in real people's mouths.
# Surnames differ enough that the project's spelling-tolerant matching keeps them apart
# (tests/test_bench.py checks it), and given names are never title words ("President", "King").
_GIVEN = """Anna Boris Darya Emil Galina Igor Irina Kamil Larisa Marat Nadia Oleg Pavel Rustam
Sabina Timur Vera Yakov Zarina Arman Dina Fedor Lidia Nikita Olesya Ruslan Svetlana Vadim Yulia
Zaur""".split()
_SURNAMES = """Abdrakhmanov Belousova Chernykh Davletov Yermekova Fomichev Gubaidullina Khasanov
Ivashkina Zhumabekov Kuznetsova Lapshin Mukhametova Nurlanov Ostapchuk Pribylova Rakhimzhanov
Sarsenbayeva Tokhtarov Ulanova Vyalkov Dzhumagulova Yesenov Zagidullina Akhmetshin Bogdanova
Chukreev Dosymbekova Efremov Faizullina Gorshenin Khairova Ismagilov Zholdasbekova Kireyev
Lomakina Myrzakhmetov Nesterenko Orlovskiy Polyanskaya Rysbekov Samoilenko Tleubayeva Utkin
Verkhovskaya Yusupbekov Zhuravleva Altynbekov Baimukhanova Chigrinov Dzhaksybekova Erzhanov
Filatova Galiyev Kholodova Issabekov Klimentyeva Lyubimov Mamyrova Nogaibayev""".split()
_ROLES = [
    "Chairman of the Council",
    "Minister of Energy",
    "Minister of Finance",
    "Minister of Health",
    "Minister of Education",
    "Minister of Transport",
    "Minister of Agriculture",
    "Minister of Foreign Affairs",
    "Minister of Defence",
    "Minister of Justice",
    "Minister of Labour",
    "Minister of Culture",
    "Minister of Industry",
    "Minister of Digital Development",
    "Minister of Natural Resources",
    "Minister of Construction",
    "Minister of Economic Development",
    "Governor of the Northern Region",
    "Governor of the Eastern Region",
    "Governor of the Coastal Region",
    "Governor of the Steppe Region",
    "Governor of the Lake Region",
    "Mayor of the Capital",
    "Chairman of the Central Bank",
    "Head of the Customs Service",
    "Head of the Tax Service",
    "Head of the Statistics Agency",
    "Head of the Space Agency",
    "Head of the Water Agency",
    "Secretary of the Security Council",
    "Chairman of the Audit Chamber",
    "Chairman of the Supreme Court",
    "Prosecutor General",
    "Deputy Prime Minister",
    "First Deputy Prime Minister",
    "Presidential Aide",
    "Presidential Envoy to the North",
    "Presidential Envoy to the South",
    "Chief of Staff",
    "Press Secretary",
    "Rector of the National University",
    "President of the Academy of Sciences",
    "Chairman of the Union of Industrialists",
    "Chairman of the Chamber of Commerce",
    "Head of the Railway Company",
    "Head of the Energy Company",
    "Head of the Post Service",
    "Head of the Forestry Agency",
    "Head of the Fisheries Agency",
    "Head of the Migration Service",
    "Commissioner for Human Rights",
    "Commissioner for Children",
    "Commissioner for Business",
    "Director of the Road Agency",
    "Director of the Sports Agency",
    "Director of the Tourism Agency",
    "Director of the Archive Service",
    "Director of the Weather Service",
    "Chairman of the Election Commission",
    "Chairman of the Antimonopoly Service",
]


@dataclass(frozen=True)
class Person:
    """A speaker of the generated transcripts."""

    name: str  # "Anna Abdrakhmanova": given name and surname
    role: str  # "Minister of Energy"

    @property
    def surname(self) -> str:
        """The last word of the name, as questions use it."""
        return self.name.split()[-1]

    def long_label(self) -> str:
        """The label of a first turn in a transcript: "Minister of Energy Anna Abdrakhmanov"."""
        return f"{self.role} {self.name}"


def speaker_pool() -> list[Person]:
    """Sixty fictional speakers, each with a distinct surname and role, in a fixed order."""
    return [
        Person(f"{_GIVEN[i % len(_GIVEN)]} {surname}", _ROLES[i])
        for i, surname in enumerate(_SURNAMES)
    ]
