"""The directory of local services: providers, the areas they serve and how to refer to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from upw_ttg.domain.directory import ReferralRoute

REFERRAL_ROUTES: tuple[tuple[ReferralRoute, str], ...] = (
    (ReferralRoute.FORM, "Referral form"),
    (ReferralRoute.EMAIL, "Email"),
    (ReferralRoute.PHONE, "Phone"),
    (ReferralRoute.SELF_REFERRAL, "The person refers themselves"),
)
REFERRAL_ROUTE_LABELS = dict(REFERRAL_ROUTES)


@dataclass(frozen=True, slots=True)
class ProviderContact:
    """What a printed document says about a provider, read from the directory when printed."""

    name: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    opening_hours: str | None = None
    referral_route: ReferralRoute | None = None
    referral_how: str | None = None
    opening_hours_cy: str | None = None

    @property
    def has_details(self) -> bool:
        return bool(self.phone or self.email or self.address)

    def hours(self, welsh: bool = False) -> str | None:
        """The opening hours for an English or a Welsh document; a Welsh one prints the
        English hours when none were typed in Welsh."""
        return (self.opening_hours_cy or self.opening_hours) if welsh else self.opening_hours


@dataclass(frozen=True, slots=True)
class ProviderRecord:
    """One provider as the directory screen and the pick lists show it."""

    id: int
    name: str
    pathway_codes: tuple[str, ...]
    pathway_names: tuple[str, ...]
    national: bool
    unit_ids: tuple[int, ...]
    unit_names: tuple[str, ...]
    address: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    email: str | None
    opening_hours: str | None
    referral_route: ReferralRoute | None
    referral_how: str | None
    active: bool
    version: int
    referrals: int = 0
    opening_hours_cy: str | None = None

    @property
    def areas_text(self) -> str:
        if self.national:
            return "Everywhere"
        return ", ".join(self.unit_names) or "No area yet"

    @property
    def address_line(self) -> str | None:
        return ", ".join(x for x in (self.address, self.town, self.postcode) if x) or None

    def contact(self) -> ProviderContact:
        return ProviderContact(self.name, self.phone, self.email, self.address_line,
                               self.opening_hours, self.referral_route, self.referral_how,
                               self.opening_hours_cy)


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    """A provider offered in a pick list, and whether it serves the person's area."""

    id: int
    name: str
    pathway_codes: tuple[str, ...]
    contact: ProviderContact
    areas_text: str
    in_area: bool
    active: bool = True


@dataclass(frozen=True, slots=True)
class AreaRow:
    """A delivery unit a provider can serve."""

    id: int
    code: str
    name: str
    offices: tuple[str, ...] = field(default=())
