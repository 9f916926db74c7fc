"""The day-of-release sheet fits one A4 page for an ordinary case: measured on the demo's
cases, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import select

from upw_ttg.demo import DEMO_PASSWORD, generate_demo
from upw_ttg.domain.codes import Language
from upw_ttg.storage.models import CustodyEpisode, ResettlementPlan

TODAY = dt.date(2026, 11, 26)


def test_most_demo_release_sheets_fit_one_page(make_services):
    services = make_services()
    generate_demo(services.db, "small", today=TODAY)
    services.staff.sign_in("admin", DEMO_PASSWORD)
    with services.db.read() as session:
        episodes = list(session.scalars(
            select(CustodyEpisode.id).join(ResettlementPlan,
                                           ResettlementPlan.episode_id == CustodyEpisode.id)
            .order_by(CustodyEpisode.id).limit(24)))
    assert len(episodes) == 24
    pages: dict[Language, list[int]] = {Language.ENGLISH: [], Language.WELSH: []}
    for episode in episodes:
        for language in (Language.ENGLISH, Language.WELSH):
            pdf = services.ttg_printouts.render_release_sheet(episode, language)
            pages[language].append(len(PdfReader(io.BytesIO(pdf)).pages))
    # An ordinary case is one page; a long one (many fallbacks and services) may run on.
    assert max(pages[Language.ENGLISH] + pages[Language.WELSH]) <= 2
    assert pages[Language.ENGLISH].count(1) >= 18, pages
    assert pages[Language.WELSH].count(1) >= 12, pages
