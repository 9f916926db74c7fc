"""Made-up names of English, Welsh, Irish, Scottish and other origins, with non-ASCII letters."""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate

# Each origin: male forenames, female forenames, surnames (male form), and female surname
# forms where the language inflects them (Polish -ska, Lithuanian -ienė, Irish Ní).
_ORIGINS: dict[str, tuple[str, str, str, dict[str, str]]] = {
    "english": (
        "James John David Michael Daniel Thomas Christopher Matthew Andrew Mark Paul Lee "
        "Craig Ryan Jordan Liam Connor Jake Kyle Callum Jamie Nathan Adam Ashley Dean Wayne "
        "Shaun Darren Gary Stephen Kevin Carl Scott Luke Joshua Jack Harry Ben Samuel Dylan "
        "Reece Bradley Aaron Kieran Tyler Lewis Alex Joe Charlie George Oliver Robert Richard "
        "Anthony Simon Martin Neil Peter Ian Graham Philip Steven Jason Karl Billy Mason "
        "Noël René",
        "Sarah Emma Laura Rebecca Gemma Kelly Amy Jessica Hannah Chloe Charlotte Lauren Stacey "
        "Danielle Leanne Nicola Claire Lisa Michelle Donna Jade Kirsty Natalie Samantha "
        "Victoria Katie Sophie Megan Ellie Courtney Shannon Paige Holly Amber Zoë Chloë Renée "
        "Joanne Tracey Karen Julie Helen Louise Amélie Hélène",
        "Smith Brown Taylor Wilson Johnson Walker Wright Robinson Thompson White Hughes Edwards "
        "Green Hall Wood Harris Clarke Jackson Turner Hill Moore Cooper Ward King Baker "
        "Harrison Morris Marshall Atkinson Dixon Fletcher Barker Shaw Holmes Lee Cartwright "
        "Hodgson Pickering Whitaker Sutcliffe Ackroyd Oldroyd Dobson Teasdale Pinder Dawson "
        "Hewitt Stainthorpe Bell Richardson Foster Chapman Bailey Armstrong Birch Frost "
        "Ellerby Tennant Barraclough Wilkinson Boswell Lovell Lowther Fawcett Kettlewell "
        "Brüning-Smith Lefèvre",
        {},
    ),
    "welsh": (
        "Dafydd Rhys Llŷr Gethin Ieuan Iwan Gareth Owain Emyr Geraint Huw Aled Rhodri Gwion "
        "Cai Ioan Steffan Tomos Siôn Elis Gruffydd Bryn Ŵyn Wyn Deiniol Meirion",
        "Siân Gwenllïan Cerys Ffion Angharad Nia Rhiannon Bethan Catrin Eleri Mali Elin Lowri "
        "Seren Non Glesni Nerys Heledd Sioned Manon Alys Mererid Gwawr",
        "Jones Williams Davies Evans Thomas Roberts Hughes Lewis Morgan Griffiths Owen Price "
        "Pritchard Parry Rees Lloyd Vaughan ap Gwilym ap Rhys Llywelyn Prys Bowen Powell "
        "Howells Gruffudd Ellis Bevan Jenkins Watkins Ŵyn-Jones",
        {"ap Gwilym": "ferch Gwilym", "ap Rhys": "ferch Rhys"},
    ),
    "irish": (
        "Seán Ciarán Pádraig Eóin Éamon Dónal Cathal Declan Colm Niall Ruairí Tadhg",
        "Siobhán Niamh Aoife Róisín Caoimhe Orla Saoirse Clodagh Sinéad Áine Gráinne Méabh",
        "Ó Súilleabháin Ó Briain Ó Ceallaigh Ó Dónaill O'Brien Murphy Kelly McCarthy Doyle "
        "Byrne Quinn Brennan Gallagher Doherty Ó Néill",
        {"Ó Súilleabháin": "Ní Shúilleabháin", "Ó Briain": "Ní Bhriain",
         "Ó Ceallaigh": "Ní Cheallaigh", "Ó Dónaill": "Ní Dhónaill", "Ó Néill": "Ní Néill"},
    ),
    "scottish": (
        "Iain Hamish Euan Alasdair Callum Fraser Ruaridh Murdo",
        "Ailsa Morag Mairi Eilidh Kirsteen Isla Catriona Fiona",
        "MacDonald McLeod Fraser Ross Mackenzie Sinclair Campbell Stewart Robertson Murray",
        {},
    ),
    "polish": (
        "Łukasz Paweł Michał Krzysztof Wojciech Piotr Tomasz Jarosław Grzegorz Mateusz "
        "Bartłomiej Przemysław Dariusz",
        "Agnieszka Małgorzata Katarzyna Joanna Magdalena Żaneta Aleksandra Dorota Beata "
        "Justyna Paulina",
        "Wiśniewski Kowalski Nowak Wójcik Kamiński Lewandowski Zieliński Woźniak Dąbrowski "
        "Kozłowski Jabłoński Mazur Krawczyk Grabowski Pawłowski Michalski Król Wróbel Żak "
        "Sęk Szymański Gołębiowski",
        {},
    ),
    "lithuanian": (
        "Tomas Mantas Žygimantas Jonas Darius Giedrius Šarūnas Vytautas",
        "Rūta Aušra Jurgita Eglė Inga Gintarė Vaida",
        "Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Balčiūnas",
        {},
    ),
    "romanian": (
        "Andrei Ionuț Mihai Ștefan Florin Cătălin Bogdan Răzvan",
        "Ioana Andreea Elena Mădălina Alexandra Bianca Roxana",
        "Popescu Ionescu Popa Dumitru Stănescu Constantinescu Rădulescu Țîrlea Munteanu",
        {},
    ),
    "iberian": (
        "José Joaquín Jesús João Sérgio Rubén Andrés",
        "María Inês Lucía Conceição Begoña Sofía",
        "Núñez García Fernández Muñoz Peña Gonçalves Simões Araújo Ibáñez",
        {},
    ),
    "german": (
        "Jürgen Lukas Jörg Björn Günter Stefan",
        "Anna Jördis Käthe Sabine Lena",
        "Müller Schäfer Weiß Köhler Groß Schröder Hoffmann",
        {},
    ),
    "vietnamese": (
        "Minh Đức Hùng Tuấn Quang Thành",
        "Thảo Lan Hương Ngọc Thúy Linh",
        "Nguyễn Trần Lê Phạm Hoàng Đặng",
        {},
    ),
    "south_asian": (
        "Mohammed Imran Asif Tariq Bilal Hamza Zain Arjun Harpreet",
        "Ayesha Fatima Nadia Shazia Priya Amrit Sana",
        "Khan Hussain Ahmed Ali Patel Iqbal Akhtar Shah Malik Singh",
        {"Singh": "Kaur"},
    ),
    "african_caribbean": (
        "Delroy Marcus Tyrone Kwame Chidi Adebayo Oluwaseun Kofi",
        "Shanice Chantelle Adaeze Folake Abena Chiamaka",
        "Campbell Okafor Adeyemi Mensah Asante Okonkwo Oyelaran Boateng",
        {},
    ),
    "turkish_kurdish": (
        "Ömer Çağlar Emre Barış Şahin Rêbaz",
        "Gül Ayşe Özlem Şirin Berîvan",
        "Öztürk Yılmaz Çelik Doğan Şimşek Aydın",
        {},
    ),
}

# Languages people of each origin may prefer (besides English), for the language fields.
ORIGIN_LANGUAGE = {"welsh": "Welsh", "polish": "Polish", "lithuanian": "Lithuanian",
                   "romanian": "Romanian", "iberian": "Portuguese", "vietnamese": "Vietnamese",
                   "turkish_kurdish": "Kurdish", "south_asian": "Urdu"}

# Origin mix of the people under supervision: mostly English; the fens (Boston, Spalding) and
# Hull have larger eastern European communities; Welsh names are over-represented on purpose
# so that the Welsh documents get exercised.
_DEFAULT_MIX = {"english": 70, "welsh": 6, "irish": 4, "scottish": 3, "polish": 5,
                "lithuanian": 2, "romanian": 2, "iberian": 1.5, "german": 1, "vietnamese": 1,
                "south_asian": 2.5, "african_caribbean": 1.5, "turkish_kurdish": 0.5}
_FENS_MIX = dict(_DEFAULT_MIX, english=50, polish=17, lithuanian=9, romanian=6)
_STAFF_MIX = dict(_DEFAULT_MIX, english=76, polish=2, lithuanian=0.5, romanian=0.5)

PREFERRED_SHORT = {
    "Christopher": "Chris", "Michael": "Mike", "Daniel": "Dan", "Thomas": "Tom",
    "Matthew": "Matt", "Dafydd": "Dai", "Łukasz": "Luke", "Siobhán": "Shiv",
    "Rebecca": "Becky", "Samantha": "Sam", "Jessica": "Jess", "Katarzyna": "Kasia",
    "Aleksandra": "Ola", "Małgorzata": "Gosia", "Gwenllïan": "Gwen", "Bartłomiej": "Bartek",
    "Wojciech": "Wojtek", "Joshua": "Josh", "Samuel": "Sam", "Gruffydd": "Guto",
}


@dataclass(frozen=True, slots=True)
class Name:
    forename: str
    middle_names: str | None
    surname: str
    preferred_name: str | None
    origin: str


class _Origin:
    def __init__(self, male: str, female: str, surnames: str, feminine: dict[str, str]):
        self.male = male.split()
        self.female = female.split()
        # Multi-word surnames ("ap Gwilym", "Ó Súilleabháin") are written with a space, so
        # rebuild them from the space-separated list.
        self.surnames = _join_particles(surnames.split())
        self.feminine = feminine


def _join_particles(words: list[str]) -> list[str]:
    names: list[str] = []
    pending = ""
    for word in words:
        if word in ("ap", "Ó", "Ní", "ferch"):
            pending = word + " "
            continue
        names.append(pending + word)
        pending = ""
    return names


def _feminine(origin: str, surname: str, table: dict[str, str]) -> str:
    if surname in table:
        return table[surname]
    if origin == "polish":
        for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if surname.endswith(male):
                return surname[: -len(male)] + female
    if origin == "lithuanian":
        # Married form (-ienė) for most; the unmarried form exists too but one is enough here.
        if surname.endswith("as"):
            return surname[:-2] + "ienė"
        if surname.endswith("us"):
            return surname[:-2] + "ienė"
        if surname.endswith("is"):
            return surname[:-2] + "ienė"
    return surname


_TABLE = {key: _Origin(*value) for key, value in _ORIGINS.items()}


class _Picker:
    """A weighted choice that costs one random number and a bisect."""

    def __init__(self, weights: dict[str, float]):
        self.keys = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def __call__(self, rng: random.Random) -> str:
        return self.keys[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


_MIXES = {"default": _Picker(_DEFAULT_MIX), "fens": _Picker(_FENS_MIX),
          "staff": _Picker(_STAFF_MIX)}


def make_name(rng: random.Random, female: bool, mix: str = "default") -> Name:
    """A realistic made-up name; ``mix`` is 'default', 'fens' (Boston, Spalding) or 'staff'."""
    origin = _MIXES[mix](rng)
    table = _TABLE[origin]
    forenames = table.female if female else table.male
    forename = rng.choice(forenames)
    middle = None
    if rng.random() < 0.4:
        # People of mixed heritage often carry a middle name from another tradition.
        middle_table = table if rng.random() < 0.8 else _TABLE["english"]
        pool = middle_table.female if female else middle_table.male
        middle = rng.choice(pool)
        if middle == forename:
            middle = None
    surname = rng.choice(table.surnames)
    if female:
        surname = _feminine(origin, surname, table.feminine)
    if rng.random() < 0.04:
        # Double-barrelled surnames exist in every community.
        other = rng.choice(_TABLE["english"].surnames)
        if other != surname and " " not in surname:
            surname = f"{surname}-{other}"
    preferred = PREFERRED_SHORT.get(forename) if rng.random() < 0.5 else None
    return Name(forename, middle, surname, preferred, origin)


def full_name(name: Name) -> str:
    return f"{name.forename} {name.surname}"
