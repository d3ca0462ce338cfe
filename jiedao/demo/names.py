"""Chinese personal and company names drawn from Faker's zh_CN data with the demo's own random.

Faker's own calls recompute weighted tables on every name (≈0.1 ms each); the demo needs tens
of thousands of names, so the tables are read once here and sampled with `random.choices`.
"""

from __future__ import annotations

import random
from itertools import accumulate

from faker.providers.company.zh_CN import Provider as CompanyProvider
from faker.providers.person.zh_CN import Provider as PersonProvider


class NameBook:
    """Surnames weighted by frequency, one- or two-character given names, company names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._surnames = list(PersonProvider.last_names)
        self._cum = list(accumulate(PersonProvider.last_names.values()))
        self._male = list(PersonProvider.first_names_male)
        self._female = list(PersonProvider.first_names_female)
        self._single = {
            True: [c for c in self._male if len(c) == 1],
            False: [c for c in self._female if len(c) == 1],
        }
        # Some of Faker's company prefixes are Latin-letter brands; keep the Chinese ones.
        self._prefixes = [
            p for p in CompanyProvider.company_prefixes if all("\u4e00" <= ch <= "\u9fff" for ch in p)
        ]

    def surname(self) -> str:
        return self.rng.choices(self._surnames, cum_weights=self._cum)[0]

    def given(self, male: bool) -> str:
        first = self.rng.choice(self._male if male else self._female)
        if len(first) == 1 and self.rng.random() < 0.45:
            return first + self.rng.choice(self._single[male])
        return first

    def person(self, male: bool | None = None) -> str:
        if male is None:
            male = self.rng.random() < 0.5
        return self.surname() + self.given(male)

    def company(self) -> str:
        return self.rng.choice(self._prefixes) + self.rng.choice(CompanyProvider.company_suffixes)
