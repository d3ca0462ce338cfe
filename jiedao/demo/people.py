"""Demo 人地事物组织: households and residents with valid ID numbers, places and organisations.

Rows are built in Python and bulk-created; encrypted fields go through the model fields and the
blind-index companions are filled with `sync_blind_indexes`, exactly as a model save would.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from jiedao.core import crypto
from jiedao.core.fields import sync_blind_indexes
from jiedao.core.models import Grid, Jurisdiction, Tag
from jiedao.demo import texts
from jiedao.demo.geometry import PointSampler
from jiedao.demo.names import NameBook
from jiedao.registry.models import (
    Gender,
    Household,
    Organisation,
    Place,
    RegistryRecord,
    ResidenceType,
    Resident,
    RiskColour,
)

# 温州 (3303xx) county-level area codes used on the demo's ID numbers.
AREA_CODES = ("330302", "330303", "330304", "330305", "330324", "330326", "330327", "330381", "330382")
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "157", "158", "159", "177", "180", "182", "183", "185", "186", "187", "188", "189", "199",
)  # fmt: skip
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
BATCH = 1000


def id_number(rng: random.Random, birth: dt.date, male: bool, taken: set[str]) -> str:
    """A valid 18-digit ID number (GB 11643 check character) not in `taken`."""
    while True:
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
        first17 = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{seq:03d}"
        value = first17 + crypto.id_check_char(first17)
        if value not in taken:
            taken.add(value)
            return value


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def credit_code(rng: random.Random) -> str:
    """A 统一社会信用代码 with a correct GB 32100 check character."""
    body = "91" + rng.choice(AREA_CODES) + "".join(rng.choice(CREDIT_CHARS) for _ in range(9))
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_CHARS[(31 - total % 31) % 31]


@dataclass
class GridInfo:
    """A demo grid with its community's name, roads and a point sampler."""

    grid: Grid
    community_name: str
    village: bool
    sampler: PointSampler

    def address(self, rng: random.Random) -> str:
        if self.village:
            return f"{self.community_name}{rng.randint(1, 12)}组{rng.randint(1, 180)}号"
        room = f"{rng.randint(1, 6)}0{rng.randint(1, 4)}"
        return f"{self.community_name}{texts.estate(rng)}{rng.randint(1, 30)}幢{room}室"


def _located(obj: RegistryRecord, info: GridInfo) -> None:
    obj.jurisdiction_id = info.grid.jurisdiction_id
    obj.community_id = info.grid.community_id
    obj.grid = info.grid


def _birth(rng: random.Random, today: dt.date, low: int, high: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(low * 365, high * 365 + 364))


@dataclass
class TagPool:
    """The configured resident tags the demo hands out, looked up by (set, code)."""

    tags: dict[tuple[str, str], Tag]

    def pick(self, tag_set: str, code: str) -> Tag | None:
        return self.tags.get((tag_set, code))

    def of_set(self, tag_set: str) -> list[Tag]:
        return [t for (s, _c), t in sorted(self.tags.items()) if s == tag_set]


def _resident_tags(rng: random.Random, pool: TagPool, residence: str, age: int) -> list[Tag]:
    out: list[Tag | None] = []
    population = {"registered": "registered", "floating": "floating", "overseas": "foreign"}[residence]
    out.append(pool.pick("population_type", population))
    if residence == ResidenceType.FLOATING:
        out.append(pool.pick("islander", "new"))
    else:
        out.append(pool.pick("islander", "returning" if rng.random() < 0.15 else "native"))
    if rng.random() < 0.07:
        out.append(rng.choice(pool.of_set("overseas_chinese") or [None]))
    if rng.random() < 0.04:
        key = pool.of_set("key_group")
        if age >= 70:
            out.append(pool.pick("key_group", "elderly_alone"))
        elif age < 14:
            out.append(pool.pick("key_group", "left_behind_child"))
        elif key:
            out.append(rng.choice(key))
    return [t for t in out if t is not None]


def make_households(
    rng: random.Random, names: NameBook, grids: list[GridInfo], residents: int, pool: TagPool, today: dt.date
) -> dict[str, int]:
    """Bulk-create households of 1–6 members until `residents` people are registered."""
    taken: set[str] = set()
    plans: list[tuple[Household, list[Resident], list[list[Tag]]]] = []
    made = 0
    while made < residents:
        info = rng.choice(grids)
        size = min(rng.choices((1, 2, 3, 4, 5, 6), (10, 24, 28, 22, 11, 5))[0], residents - made)
        residence = rng.choices(list(ResidenceType.values), (68, 29, 3))[0]
        hh = Household(address=info.address(rng), number=f"JX{len(plans) + 1:05d}")
        _located(hh, info)
        surname = names.surname()
        members: list[Resident] = []
        member_tags: list[list[Tag]] = []
        for i in range(size):
            if i == 0:
                male, age = rng.random() < 0.6, rng.randint(25, 80)
            elif i == 1:
                male, age = rng.random() < 0.4, rng.randint(23, 78)
            else:
                male, age = rng.random() < 0.5, rng.randint(1, 40)
            birth = _birth(rng, today, age, age)
            given = names.given(male)
            r = Resident(
                name=(surname if i != 1 else names.surname()) + given,
                gender=Gender.MALE if male else Gender.FEMALE,
                birth_date=birth,
                residence_type=residence,
            )
            _located(r, info)
            # 境外人员 hold passports, not resident ID cards.
            if residence != ResidenceType.OVERSEAS and (age >= 16 or rng.random() < 0.5):
                r.id_number = id_number(rng, birth, male, taken)
                r.gender = crypto.id_gender(r.id_number.reveal())
            if age >= 14 and rng.random() < 0.92:
                r.phone = mobile(rng)
            sync_blind_indexes(r)
            members.append(r)
            member_tags.append(_resident_tags(rng, pool, residence, age))
        plans.append((hh, members, member_tags))
        made += size
    households = Household.objects.bulk_create([p[0] for p in plans], batch_size=BATCH)
    people: list[Resident] = []
    tags: list[list[Tag]] = []
    for hh, (_h, members, member_tags) in zip(households, plans, strict=True):
        for r in members:
            r.household = hh
        people.extend(members)
        tags.extend(member_tags)
    created = Resident.objects.bulk_create(people, batch_size=BATCH)
    through: Any = Resident.tags.through
    links = [through(resident_id=r.pk, tag_id=t.pk) for r, ts in zip(created, tags, strict=True) for t in ts]
    through.objects.bulk_create(links, batch_size=BATCH * 5)
    return {"households": len(households), "residents": len(created), "resident_tags": len(links)}


PLACE_MIX = (("rental", 50), ("three_small", 25), ("enterprise", 15), ("construction_site", 10))
_B, _Y, _O, _R = RiskColour.BLUE, RiskColour.YELLOW, RiskColour.ORANGE, RiskColour.RED
RISK_BY_KIND = {
    "rental": ((_B, 70), (_Y, 25), (_O, 5)),
    "three_small": ((_B, 50), (_Y, 35), (_O, 12), (_R, 3)),
    "enterprise": ((_B, 45), (_Y, 35), (_O, 15), (_R, 5)),
    "construction_site": ((_Y, 40), (_O, 45), (_R, 15)),
}
SITES = ("人才公寓", "科创园", "安置房", "学校", "康养中心", "环岛绿道", "江滨公园", "未来社区")


def _place_name(rng: random.Random, names: NameBook, kind: str, info: GridInfo, n: int) -> str:
    if kind == "rental":
        return f"{info.address(rng)}出租房"
    if kind == "three_small":
        return texts.shop_name(rng, names.surname())
    if kind == "enterprise":
        return names.company()
    return f"{info.community_name}{rng.choice(SITES)}项目{n % 3 + 1}期工地"


def make_places(
    rng: random.Random, names: NameBook, grids: list[GridInfo], count: int, kinds: dict[str, Tag]
) -> list[Place]:
    """Bulk-create `count` places of the configured place kinds, each at a point inside its grid."""
    available = [(k, w) for k, w in PLACE_MIX if k in kinds]
    if not available or count <= 0:
        return []
    places = []
    for n in range(count):
        info = rng.choice(grids)
        kind = rng.choices([k for k, _w in available], [w for _k, w in available])[0]
        lat, lng = info.sampler.point()
        colours = RISK_BY_KIND[kind]
        p = Place(
            name=_place_name(rng, names, kind, info, n)[:120],
            kind=kinds[kind],
            address=info.address(rng),
            lat=lat,
            lng=lng,
            risk_colour=rng.choices([c for c, _w in colours], [w for _c, w in colours])[0],
        )
        _located(p, info)
        places.append(p)
    return Place.objects.bulk_create(places, batch_size=BATCH)


ORG_KINDS = ("有限公司", "股份有限公司", "专业合作社", "志愿服务队", "商会", "协会")


def make_organisations(rng: random.Random, names: NameBook, grids: list[GridInfo], count: int) -> int:
    orgs = []
    for _n in range(count):
        info = rng.choice(grids)
        kind = rng.choice(ORG_KINDS)
        if kind in ("有限公司", "股份有限公司"):
            name = f"温州{names.surname()}{rng.choice(('科技', '贸易', '建设', '文旅', '电子'))}{kind}"
        else:
            name = f"江心岛{info.community_name}{rng.choice(('侨胞', '青年', '乡贤', '文体', '农业'))}{kind}"
        o = Organisation(
            name=name,
            credit_code=credit_code(rng),
            address=info.address(rng),
            contact_person=names.person(),
            phone=mobile(rng),
        )
        _located(o, info)
        sync_blind_indexes(o)
        orgs.append(o)
    return len(Organisation.objects.bulk_create(orgs, batch_size=BATCH))


def tag_pool(jurisdiction: Jurisdiction) -> TagPool:
    return TagPool({(t.tag_set, t.code): t for t in Tag.objects.filter(jurisdiction=jurisdiction)})
