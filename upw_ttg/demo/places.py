"""Towns, postcodes, streets, courts, pick-up points and project sites around the 12 offices."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Letters used in the inward part of a postcode (C, I, K, M, O and V never appear there).
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    districts: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class OfficePlace:
    code: str
    address: str
    phone: str
    # Relative size of the caseload, so people and projects follow the population.
    weight: float
    towns: tuple[Town, ...]
    streets: tuple[str, ...]
    court: str
    van_prefix: str


def _towns(*items: tuple[str, str, float]) -> tuple[Town, ...]:
    return tuple(Town(name, tuple(districts.split()), weight) for name, districts, weight in items)


# Office phone numbers are in Ofcom's range reserved for drama (01632 960xxx), so none is real.
OFFICE_PLACES: dict[str, OfficePlace] = {p.code: p for p in (
    OfficePlace("YRK", "2 Clifford Street", "01632 960101", 12, _towns(
        ("York", "YO1 YO10 YO24 YO26 YO30 YO31 YO32", 10), ("Selby", "YO8", 3),
        ("Tadcaster", "LS24", 1), ("Malton", "YO17", 1.5), ("Pickering", "YO18", 1),
        ("Easingwold", "YO61", 0.7)),
        ("Tang Hall Lane", "Burton Stone Lane", "Hull Road", "Acomb Road", "Huntington Road",
         "Heworth Green", "Lawrence Street", "Bishopthorpe Road", "Leeman Road"),
        "York Magistrates' Court", "YK"),
    OfficePlace("SCA", "9 Northway", "01632 960102", 7, _towns(
        ("Scarborough", "YO11 YO12", 6), ("Whitby", "YO21 YO22", 2), ("Filey", "YO14", 1),
        ("Eastfield", "YO11", 1.5)),
        ("Falsgrave Road", "Columbus Ravine", "Victoria Road", "Scalby Road", "Prospect Road",
         "Church Street", "Stepney Road"),
        "Scarborough Justice Centre", "YK"),
    OfficePlace("NAL", "Racecourse Lane", "01632 960103", 4, _towns(
        ("Northallerton", "DL6 DL7", 2), ("Thirsk", "YO7", 1), ("Bedale", "DL8", 0.7),
        ("Richmond", "DL10", 1), ("Catterick Garrison", "DL9", 1.2), ("Stokesley", "TS9", 0.6)),
        ("Romanby Road", "Brompton Road", "Thirsk Road", "Quaker Lane", "Bullamoor Road"),
        "Northallerton Magistrates' Court", "YK"),
    OfficePlace("SKP", "Otley Street", "01632 960104", 3, _towns(
        ("Skipton", "BD23", 2), ("Settle", "BD24", 0.6), ("Barnoldswick", "BB18", 1),
        ("Cross Hills", "BD20", 0.8)),
        ("Keighley Road", "Gargrave Road", "Broughton Road", "Raikes Road", "Newmarket Street"),
        "Skipton Magistrates' Court", "YK"),
    OfficePlace("HGT", "Victoria Avenue", "01632 960105", 6, _towns(
        ("Harrogate", "HG1 HG2 HG3", 4), ("Knaresborough", "HG5", 1.5), ("Ripon", "HG4", 1.5),
        ("Wetherby", "LS22", 0.8)),
        ("Skipton Road", "Kings Road", "Knaresborough Road", "Bilton Lane", "Jennyfields Drive",
         "Wetherby Road", "Woodfield Road"),
        "Harrogate Justice Centre", "YK"),
    OfficePlace("HUL", "Liberty House, Posterngate", "01632 960106", 18, _towns(
        ("Hull", "HU1 HU2 HU3 HU4 HU5 HU6 HU7 HU8 HU9", 14), ("Hessle", "HU13", 1),
        ("Cottingham", "HU16", 1), ("Beverley", "HU17", 2), ("Withernsea", "HU19", 0.7),
        ("Bridlington", "YO15 YO16", 2.5), ("Driffield", "YO25", 1), ("Goole", "DN14", 1.5)),
        ("Hessle Road", "Holderness Road", "Anlaby Road", "Beverley Road", "Spring Bank",
         "Newland Avenue", "Preston Road", "Greatfield Estate", "Orchard Park Road",
         "Chanterlands Avenue", "Princes Avenue", "Bransholme Road"),
        "Hull Magistrates' Court", "YX"),
    OfficePlace("SCU", "Station Road", "01632 960107", 9, _towns(
        ("Scunthorpe", "DN15 DN16 DN17", 6), ("Brigg", "DN20", 1),
        ("Barton-upon-Humber", "DN18", 1), ("Epworth", "DN9", 0.6), ("Bottesford", "DN16", 1)),
        ("Ashby High Street", "Frodingham Road", "Doncaster Road", "Ashby Road",
         "Westcliff Drive", "Old Crosby", "Burringham Road"),
        "North Lincolnshire Magistrates' Court", "YX"),
    OfficePlace("GRI", "Town Hall Street", "01632 960108", 10, _towns(
        ("Grimsby", "DN31 DN32 DN33 DN34", 7), ("Cleethorpes", "DN35", 2.5),
        ("Immingham", "DN40", 1), ("Waltham", "DN37", 0.5)),
        ("Freeman Street", "Cromwell Road", "Grimsby Road", "Weelsby Street", "Nunsthorpe",
         "Laceby Road", "Cleethorpe Road", "Yarborough Road"),
        "Grimsby Magistrates' Court", "YX"),
    OfficePlace("LIN", "Beaumont Fee", "01632 960109", 14, _towns(
        ("Lincoln", "LN1 LN2 LN5 LN6", 8), ("Gainsborough", "DN21", 2), ("Sleaford", "NG34", 1.5),
        ("Market Rasen", "LN8", 0.7), ("Grantham", "NG31", 2.5), ("North Hykeham", "LN6", 1)),
        ("Monks Road", "Newark Road", "Burton Road", "Ermine Way", "Sincil Bank", "Tritton Road",
         "Boultham Park Road", "Carholme Road", "Brant Road"),
        "Lincoln Magistrates' Court", "FL"),
    OfficePlace("SKE", "Roman Bank", "01632 960110", 5, _towns(
        ("Skegness", "PE25", 2.5), ("Mablethorpe", "LN12", 1), ("Louth", "LN11", 1.5),
        ("Alford", "LN13", 0.5), ("Horncastle", "LN9", 0.8), ("Spilsby", "PE23", 0.5)),
        ("Lumley Road", "Drummond Road", "Wainfleet Road", "Burgh Road", "Grosvenor Road",
         "Victoria Road"),
        "Skegness Magistrates' Court", "FL"),
    OfficePlace("SPA", "Sheep Market", "01632 960111", 5, _towns(
        ("Spalding", "PE11", 2.5), ("Holbeach", "PE12", 1), ("Long Sutton", "PE12", 0.6),
        ("Bourne", "PE10", 1), ("Stamford", "PE9", 1)),
        ("Pinchbeck Road", "Winsover Road", "Holland Road", "Spalding Common", "Halmer Gate"),
        "Boston Magistrates' Court", "FL"),
    OfficePlace("BOS", "Lincoln Lane", "01632 960112", 7, _towns(
        ("Boston", "PE21", 4), ("Kirton", "PE20", 0.8), ("Sutterton", "PE20", 0.5),
        ("Wainfleet", "PE24", 0.5), ("Swineshead", "PE20", 0.4)),
        ("Skirbeck Road", "Wide Bargate", "Fenside Road", "London Road", "Sleaford Road",
         "Woodthorpe Avenue", "Witham Bank"),
        "Boston Magistrates' Court", "FL"),
)}

# Offices in the fens, where the name mix has more eastern European names.
FENS_OFFICES = {"BOS", "SPA"}

CROWN_COURTS = {"YNY": "York Crown Court", "HER": "Hull Crown Court",
                "GLI": "Lincoln Crown Court"}

GENERAL_STREETS = (
    "Station Road", "High Street", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane",
    "The Crescent", "Westfield Drive", "Manor Road", "School Lane", "Queen Street",
    "Chapel Street", "Orchard Close", "Meadow Way", "Springfield Road", "Green Lane",
    "Beech Grove", "Moorland Road", "Priory Close", "Croft Road",
)

# Extra pick-up points in outlying towns, on top of one at each office.
EXTRA_PICKUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "YRK": (("Selby bus station", "Selby"), ("Malton bus station", "Malton")),
    "SCA": (("Whitby railway station", "Whitby"),),
    "NAL": (("Catterick Garrison leisure centre car park", "Catterick Garrison"),),
    "HGT": (("Ripon bus station", "Ripon"),),
    "HUL": (("Bridlington bus station", "Bridlington"), ("Beverley bus station", "Beverley"),
            ("Goole railway station", "Goole")),
    "SCU": (("Brigg market place", "Brigg"),),
    "GRI": (("Cleethorpes railway station", "Cleethorpes"),),
    "LIN": (("Gainsborough bus station", "Gainsborough"), ("Grantham railway station",
                                                            "Grantham")),
    "SKE": (("Louth bus station", "Louth"),),
    "SPA": (("Holbeach market place", "Holbeach"),),
    "BOS": (),
    "SKP": (),
}

BUILDINGS = ("Victoria Court", "Priory House", "Mill View", "Tower House", "Riverside Court",
             "St Andrew's Court", "Jubilee House", "Minster View", "Harbour Court",
             "Station House")
SAINTS = ("Mary", "Michael", "Peter", "Andrew", "John", "Botolph", "Wilfrid", "Hilda",
          "Oswald", "Cuthbert", "Helen", "Martin", "Lawrence", "Margaret")
PARKS = ("Memorial Park", "Recreation Ground", "Riverside Walk", "Town Park", "Millennium Green",
         "Jubilee Gardens", "Victoria Park", "Country Park")
SURNAMES_FOR_CONTACTS = ("Atkinson", "Lloyd", "Kowalska", "Ní Bhriain", "Whitaker", "Pryce",
                         "Holmes", "Nuñez", "Fenwick", "Lowe", "Sykes", "Brennan")
FORENAMES_FOR_CONTACTS = ("Margaret", "Alan", "Siân", "Derek", "Zoë", "Brian", "Janet", "Ruth",
                          "Peter", "Gwyneth", "Colin", "Anne")


def postcode(rng: random.Random, district: str) -> str:
    return (f"{district} {rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}"
            f"{rng.choice(_INWARD_LETTERS)}")


def street(rng: random.Random, place: OfficePlace, town: str) -> str:
    """A street in ``town``: the office town's own streets, or names found in every town."""
    local = town == place.towns[0].name and rng.random() < 0.6
    return rng.choice(place.streets if local else GENERAL_STREETS)


def phone(rng: random.Random, mobile: bool = True) -> str:
    """A phone number in Ofcom's drama ranges (07700 900xxx, 01632 960xxx): never a real one."""
    if mobile:
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"01632 960{rng.randint(0, 999):03d}"


def contact_name(rng: random.Random) -> str:
    return f"{rng.choice(FORENAMES_FOR_CONTACTS)} {rng.choice(SURNAMES_FOR_CONTACTS)}"


# Project ideas: (name pattern, beneficiary pattern, type, tags, hi-vis).
# {town}, {saint} and {park} are filled in; tags follow SUITABILITY_TAGS in domain.codes.
GROUP_PROJECTS = (
    ("Grounds maintenance, St {saint}'s churchyard", "St {saint}'s Parochial Church Council",
     ("public_facing",), False),
    ("Footpath clearance, {park}", "{town} Town Council", ("public_facing", "heavy_lifting"),
     True),
    ("Allotment plots and hedging", "{town} Allotment Society", ("heavy_lifting",), False),
    ("Food bank warehouse", "{town} Community Food Bank", ("indoor", "public_facing",
                                                         "wheelchair_accessible"), False),
    ("Woodland management", "{town} Woodland Trust Volunteers", ("heavy_lifting",), False),
    ("Litter picking and verges", "{town} Parish Council", ("public_facing",), True),
    ("Painting and decorating, community centre", "{town} Community Centre Association",
     ("indoor", "wheelchair_accessible"), False),
    ("Furniture restoration workshop", "{town} Furniture Reuse Project",
     ("indoor", "heavy_lifting"), False),
    ("Scout hut repairs", "{town} Scout Group", ("children_present",), False),
    ("Primary school garden", "{town} Primary School PTA", ("children_present",), False),
    ("Care home garden", "{town} Care Home Residents' Fund", ("vulnerable_adults_present",),
     False),
    ("Cemetery upkeep", "{town} Town Council (Bereavement Services)", ("public_facing",), True),
    ("Beach and foreshore clean", "{town} Coastal Volunteers", ("public_facing",), True),
    ("Cricket club pavilion and ground", "{town} Cricket Club", ("heavy_lifting",), False),
    ("In Bloom planting", "{town} in Bloom", ("public_facing",), True),
)
FEMALE_ONLY_PROJECTS = (
    ("Women's group: community garden", "{town} Women's Centre", ("female_only",), False),
    ("Women's group: charity warehouse sorting", "{town} Hospice Shops",
     ("female_only", "indoor", "wheelchair_accessible"), False),
    ("Women's group: church hall refurbishment", "St {saint}'s Church Hall Committee",
     ("female_only", "indoor"), False),
)
INDIVIDUAL_PROJECTS = (
    ("Charity shop placement", "{town} Hospice Shops", ("indoor", "public_facing",
                                                      "lone_working"), False),
    ("Animal sanctuary placement", "{town} Animal Rescue", ("lone_working", "heavy_lifting"),
     False),
    ("Community café kitchen", "{town} Community Café", ("indoor", "public_facing"), False),
    ("Museum volunteer placement", "Friends of {town} Museum",
     ("indoor", "public_facing", "wheelchair_accessible"), False),
)
FEMALE_INDIVIDUAL_PROJECTS = (
    ("Women's centre café placement", "{town} Women's Centre",
     ("female_only", "indoor", "lone_working"), False),
    ("Women's charity shop placement", "{town} Refuge Shops",
     ("female_only", "indoor", "public_facing"), False),
)
INDUCTION_PROJECT = ("Unpaid Work induction", "Unpaid Work team ({town})",
                     ("indoor", "wheelchair_accessible"), False)


def fill(pattern: str, rng: random.Random, town: str) -> str:
    return pattern.format(town=town, saint=rng.choice(SAINTS), park=rng.choice(PARKS))


def pick_town(rng: random.Random, place: OfficePlace) -> Town:
    total = sum(t.weight for t in place.towns)
    point = rng.random() * total
    for town in place.towns:
        point -= town.weight
        if point < 0:
            return town
    return place.towns[-1]
