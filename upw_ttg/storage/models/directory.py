"""The directory of local services: providers, what they help with and the areas they serve."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.directory import ReferralRoute
from upw_ttg.storage.models.base import Base, Versioned, enum_column


class ServiceProvider(Versioned, Base):
    """A provider referrals and printed documents point at; kept by an administrator."""

    __tablename__ = "service_provider"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    # Serves every area (a national helpline, the Jobcentre): no area rows then.
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(60))
    postcode: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    opening_hours: Mapped[str | None] = mapped_column(String(120))
    # For Welsh documents; they print the English hours when this is blank.
    opening_hours_cy: Mapped[str | None] = mapped_column(String(120))
    referral_route: Mapped[ReferralRoute | None] = enum_column(ReferralRoute)
    # Where the form is, what to put in the email, who to ask for.
    referral_how: Mapped[str | None] = mapped_column(String(300))
    # A provider referrals point at is never deleted: it stops taking new ones (rule TTG-DIR2).
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ServiceProviderPathway(Base):
    """A resettlement pathway a provider helps with."""

    __tablename__ = "service_provider_pathway"
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_provider.id", ondelete="CASCADE"), primary_key=True)
    pathway_code: Mapped[str] = mapped_column(ForeignKey("pathway.code"), primary_key=True)


class ServiceProviderArea(Base):
    """A delivery unit a provider serves."""

    __tablename__ = "service_provider_area"
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("service_provider.id", ondelete="CASCADE"), primary_key=True)
    delivery_unit_id: Mapped[int] = mapped_column(ForeignKey("delivery_unit.id"),
                                                  primary_key=True, index=True)
