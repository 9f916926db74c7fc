"""Demo directory of local services: made-up providers for each pathway in each area."""

from __future__ import annotations

import random

from upw_ttg.demo.core import Context, versioned

# (name, pathways, areas (None: everywhere), address, town, postcode, phone, email, hours,
#  referral route, how to refer). Names, addresses, numbers (Ofcom's drama ranges) and email
# addresses are all made up.
_WEEKDAYS = "Monday to Friday, 9am to 5pm"
# Typed in Welsh for the weekday hours only: the rest show Welsh documents' English fallback.
_WEEKDAYS_CY = "Dydd Llun i ddydd Gwener, 9yb i 5yp"
# name, pathways, areas (None: national), address, town, postcode, phone, email, hours, how to
# refer, and what to do.
_Provider = tuple[str, tuple[str, ...], tuple[str, ...] | None, str | None, str | None,
                  str | None, str | None, str | None, str | None, str, str]
PROVIDERS: tuple[_Provider, ...] = (
    ("Shelter (Through the Gate housing)", ("accommodation",), None, None, None, None,
     "0808 157 0101", "ttg.housing@shelter.example", "Monday to Friday, 8am to 8pm", "form",
     "Referral form on the prison's shared drive (Resettlement > Housing); email it to "
     "ttg.housing@shelter.example."),
    ("Hull Council housing options team", ("accommodation",), ("HER",), "The Guildhall, "
     "Alfred Gelder Street", "Hull", "HU1 2AA", "01632 960 201",
     "housing.options@hullcc.example", _WEEKDAYS, "email",
     "Duty to refer: email the form with the release date at least 8 weeks before release."),
    ("York Housing Options", ("accommodation",), ("YNY",), "West Offices, Station Rise", "York",
     "YO1 6GA", "01632 960 202", "housingoptions@york.example", _WEEKDAYS, "email",
     "Duty to refer: email the form with the release date and the person's local connection."),
    ("Lincolnshire Housing Advice", ("accommodation",), ("GLI",), "Orchard House, Orchard "
     "Street", "Lincoln", "LN1 1BA", "01632 960 203", "housing@lincs.example",
     "Monday to Thursday, 9am to 5pm; Friday to 4.30pm", "phone",
     "Phone the duty officer; a caseworker calls back within 2 working days."),
    ("Northern Supported Housing", ("accommodation",), ("HER", "YNY"), "14 Anlaby Road",
     "Hull", "HU1 2PD", "01632 960 204", "referrals@northernsh.example", _WEEKDAYS, "form",
     "Online form at northernsh.example/refer; attach the risk summary."),
    ("Humber Recovery Partnership", ("drugs_alcohol",), ("HER",), "Myton Centre, Porter "
     "Street", "Hull", "HU1 2RE", "01632 960 301", "referrals@humberrecovery.example",
     "Monday to Friday, 9am to 5pm; Thursday to 7pm", "email",
     "Email the prison substance misuse team's handover; first appointment booked before "
     "release."),
    ("Open Door Recovery Service", ("drugs_alcohol",), ("YNY",), "3 Blossom Street", "York",
     "YO24 1AU", "01632 960 302", "hello@opendoorrecovery.example", _WEEKDAYS,
     "self_referral", "Walk in Monday to Friday, 10am to 2pm, or phone; no appointment needed."),
    ("Lincolnshire Recovery Network", ("drugs_alcohol",), ("GLI",), "Ruston House, "
     "Waterside South", "Lincoln", "LN5 7FB", "01632 960 303", "lrn.referrals@lrn.example",
     "Monday to Friday, 8.30am to 4.30pm", "phone",
     "Phone the single point of contact; say the person is leaving prison."),
    ("Jobcentre Plus prison work coach", ("finance_id", "ete"), None, None, None, None,
     "0808 157 0102", None, _WEEKDAYS, "phone",
     "Book the work coach's prison visit through the prison employment hub; advance claims "
     "are made from 7 days before release."),
    ("Citizens Advice Hull and East Riding", ("finance_id",), ("HER",), "1 Forbes House, "
     "Union Street", "Hull", "HU2 8HA", "01632 960 401", None,
     "Monday, Wednesday and Friday, 10am to 3pm", "self_referral",
     "The person phones the advice line or drops in; no referral needed."),
    ("Humber Credit Union", ("finance_id",), ("HER", "GLI"), "45 Jameson Street", "Hull",
     "HU1 3JG", "01632 960 402", "join@humbercu.example", "Tuesday to Saturday, 9.30am to 4pm",
     "form", "Membership form with the prison's ID letter; opens a basic bank account."),
    ("ID Matters (birth certificates and ID)", ("finance_id",), None, None, None, None,
     "01632 960 403", "id@idmatters.example", _WEEKDAYS, "email",
     "Email the person's full name, date and place of birth; allow 4 weeks."),
    ("Pathways to Work", ("ete",), ("YNY", "HER"), "Enterprise House, Clifford Street", "York",
     "YO1 9RD", "01632 960 501", "referrals@pathwaystowork.example", _WEEKDAYS, "email",
     "Email the CV and work history; a coach meets the person in the first week."),
    ("National Careers Service", ("ete",), None, None, None, None, "0808 157 0103", None,
     "Every day, 8am to 10pm", "self_referral", "The person calls the free number."),
    ("Bridges Mentoring", ("attitudes", "children_families"), ("YNY", "HER", "GLI"),
     "Unit 4, Marina Court", "Hull", "HU1 1TJ", "01632 960 601",
     "mentors@bridgesmentoring.example", _WEEKDAYS, "form",
     "Referral form from the prison's resettlement team; the mentor meets the person at the "
     "gate."),
    ("Family ties service", ("children_families",), ("HER", "GLI"), "The Family Centre, "
     "Boulevard", "Hull", "HU3 2TA", "01632 960 602", "familyties@familyties.example",
     "Monday to Friday, 9.30am to 4pm", "phone", "Phone the family worker."),
    ("Community mental health team (Hull)", ("health",), ("HER",), "Westbourne NHS Centre",
     "Hull", "HU3 6JP", "01632 960 701", "cmht.hull@nhs.example", _WEEKDAYS, "email",
     "Email from the prison in-reach team with consent; GP registration helps."),
    ("York Wellbeing Service", ("health",), ("YNY",), "Limetrees, 31 Shipton Road", "York",
     "YO30 5RE", "01632 960 702", None, "Monday to Friday, 8am to 8pm", "self_referral",
     "The person phones or completes the online self-referral."),
    ("Women's Lives Project", ("abuse_survivors", "sex_work"), ("YNY", "HER", "GLI"), None,
     None, None, "0808 157 0104", "support@womenslives.example", "Every day, 9am to 9pm",
     "phone", "Phone the support line; the project arranges a safe place to meet."),
)


# The GP practice and the pharmacy of each area's main town, which reviews of people living
# there point at, and a hostel for the first night where the area had none: (unit, kind, name,
# address, town, postcode, phone, hours in English and in Welsh, how to register or refer).
# Kept out of the referrals' pick list, so referrals are as they were.
LOCAL_PLACES: tuple[tuple[str, ...], ...] = (
    ("HER", "gp", "Marina Medical Practice", "22 Humber Dock Street", "Hull", "HU1 1TA",
     "01632 960 711", "Monday to Friday, 8am to 6.30pm", "Dydd Llun i ddydd Gwener, 8yb i 6.30yh",
     "Registers anyone living in its area: bring the release letter; no ID or proof of "
     "address needed."),
    ("HER", "pharmacy", "Princes Quay Pharmacy", "5 Princes Dock Street", "Hull", "HU1 2JX",
     "01632 960 712", "Every day, 8am to 10pm", "Bob dydd, 8yb i 10yh",
     "Prison healthcare sends the prescription ahead; the person collects it with the "
     "release letter."),
    ("YNY", "gp", "Walmgate Surgery", "61 Walmgate", "York", "YO1 9TY", "01632 960 713",
     _WEEKDAYS, _WEEKDAYS_CY, "Registers anyone living in its area: bring the release letter."),
    ("YNY", "pharmacy", "Fossgate Pharmacy", "14 Fossgate", "York", "YO1 9TA",
     "01632 960 714", "Monday to Saturday, 9am to 6pm", "Dydd Llun i ddydd Sadwrn, 9yb i 6yh",
     "Prison healthcare sends the prescription ahead; collect it on the day of release."),
    ("GLI", "gp", "Brayford Health Centre", "3 Brayford Wharf East", "Lincoln", "LN5 7AY",
     "01632 960 715", "Monday to Friday, 8am to 6pm", "Dydd Llun i ddydd Gwener, 8yb i 6yh",
     "Registers anyone living in its area: bring the release letter."),
    ("GLI", "pharmacy", "Steep Hill Pharmacy", "40 Steep Hill", "Lincoln", "LN2 1LU",
     "01632 960 716", _WEEKDAYS, _WEEKDAYS_CY,
     "Prison healthcare sends the prescription ahead; collect it before 5pm."),
    ("YNY", "hostel", "Bootham Lodge (hostel)", "17 Bootham Terrace", "York", "YO30 7DH",
     "01632 960 718", "Staffed every day, 24 hours", "Staff yno bob dydd, 24 awr",
     "Phone the duty worker with the release date; a bed is held from 10am on the day."),
    ("GLI", "hostel", "Sincil Bank House (hostel)", "9 Sincil Bank", "Lincoln", "LN5 7ET",
     "01632 960 717", "Staffed every day, 24 hours", "Staff yno bob dydd, 24 awr",
     "Phone the duty worker; beds are held until 6pm on the day of release."),
)
_PLACE_PATHWAYS = {"gp": "health", "pharmacy": "health", "hostel": "accommodation"}
# The first night's place in Hull and East Riding: the supported housing already listed.
_HOSTELS = {"HER": "Northern Supported Housing"}


class DirectoryLinks:
    """Which demo records point at a directory provider rather than a typed name (rule
    TTG-DIR4): drawn from a stream of their own, so the rest of the demo stays as it was."""

    def __init__(self, ctx: Context, serving: dict[tuple[str, str], list[tuple[int, str]]]):
        self.rng = ctx.rng("directory_links")
        self.serving = serving
        self.places: dict[tuple[str, str], tuple[int, str]] = {}
        names = {name: pid for found in serving.values() for pid, name in found}
        for unit, hostel in _HOSTELS.items():
            self.places[(unit, "hostel")] = (names[hostel], hostel)
        admin = ctx.staff.get("admin")
        for (unit, kind, name, address, town, postcode, phone, hours, hours_cy,
             how) in LOCAL_PLACES:
            provider_id = ctx.ids("service_provider")
            ctx.sink.add("service_provider", {
                "id": provider_id, "name": name, "national": False, "address": address,
                "town": town, "postcode": postcode, "phone": phone, "email": None,
                "opening_hours": hours, "opening_hours_cy": hours_cy,
                "referral_route": "self_referral", "referral_how": how, "active": True,
                **versioned(ctx.start, admin)})
            ctx.sink.add("service_provider_pathway", {"provider_id": provider_id,
                                                      "pathway_code": _PLACE_PATHWAYS[kind]})
            ctx.sink.add("service_provider_area", {
                "provider_id": provider_id, "delivery_unit_id": ctx.extra["unit_ids"][unit]})
            # A practice or pharmacy is for its town; a hostel takes people from the area.
            self.places[(unit if kind == "hostel" else town, kind)] = (provider_id, name)

    def place(self, where: str, kind: str, share: float) -> tuple[int, str] | None:
        """The GP practice or pharmacy of a town, or the hostel of an area (``where``), for
        ``share`` of the records."""
        found = self.places.get((where, kind))
        return found if found and self.rng.random() < share else None

    def provider(self, pathway: str, unit: str, share: float) -> tuple[int, str] | None:
        """A provider helping with ``pathway`` in the area, for ``share`` of the records."""
        local = self.serving.get((pathway, unit))
        if not local or self.rng.random() >= share:
            return None
        return self.rng.choice(local)


def build_directory(ctx: Context) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Save the directory; returns (pathway, delivery unit code) → [(provider id, name)] for
    referrals to pick from."""
    unit_ids: dict[str, int] = ctx.extra["unit_ids"]
    admin = ctx.staff.get("admin")
    on = ctx.start
    serving: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for (name, pathways, areas, address, town, postcode, phone, email, hours, route,
         how) in PROVIDERS:
        provider_id = ctx.ids("service_provider")
        ctx.sink.add("service_provider", {
            "id": provider_id, "name": name, "national": areas is None, "address": address,
            "town": town, "postcode": postcode, "phone": phone, "email": email,
            "opening_hours": hours,
            "opening_hours_cy": _WEEKDAYS_CY if hours == _WEEKDAYS else None,
            "referral_route": route, "referral_how": how,
            "active": True, **versioned(on, admin)})
        for code in pathways:
            ctx.sink.add("service_provider_pathway", {"provider_id": provider_id,
                                                      "pathway_code": code})
        for unit in areas or ():
            ctx.sink.add("service_provider_area", {"provider_id": provider_id,
                                                   "delivery_unit_id": unit_ids[unit]})
        for unit in (areas or tuple(unit_ids)):
            for code in pathways:
                serving.setdefault((code, unit), []).append((provider_id, name))
    return serving


def pick_provider(serving: dict[tuple[str, str], list[tuple[int, str]]], pathway: str,
                  unit: str, rng: random.Random) -> tuple[int | None, str]:
    """A provider for a demo referral: one serving the person's area, else any for the
    pathway (a referral out of area happens)."""
    local = serving.get((pathway, unit))
    if local:
        return rng.choice(local)
    anywhere = [p for (code, _u), found in serving.items() if code == pathway for p in found]
    return rng.choice(anywhere) if anywhere else (None, "Local support service")
