"""Text reminders (rule UPW-TEXTS): choosing a CRC's reminders for its busiest coming day.

On a copy of the cached CRC database: who is texted and who is not for every session of the
day (the query and the rule), then queueing them (the rows written) once, and again (nothing
more to queue). Run alone: ``python -m benchmarks.texts``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select

from upw_ttg.domain.codes import Role
from upw_ttg.domain.texts import choose_texts
from upw_ttg.services.upw.texts import TextMessageService
from upw_ttg.storage.models import Appointment, Setting, TextMessage, UpwSession

from benchmarks.actors import act_as
from benchmarks.common import demo_database, open_services, time_calls, upgraded

RUNS = 30


def run(path: Path) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        # The copy is brought to this schema: the shared cache stays as it was.
        copy = upgraded(Path(shutil.copyfile(path, Path(folder) / "crc.db")))
        services = open_services(copy)
        try:
            act_as(services, Role.COORDINATOR)
            today = services.ctx.today()
            with services.db.write() as s:
                day, booked = s.execute(
                    select(UpwSession.session_date, func.count(Appointment.id))
                    .join(Appointment, Appointment.session_id == UpwSession.id)
                    .where(UpwSession.session_date > today)
                    .group_by(UpwSession.session_date)
                    .order_by(func.count(Appointment.id).desc()).limit(1)).one()
                s.get(Setting, "texts.template_reminder").value = "bench-en"
                s.get(Setting, "texts.template_reminder_cy").value = "bench-cy"
                # The demo's own reminders would make this day's numbers "already texted".
                s.query(TextMessage).delete()

            def chosen() -> None:
                with services.db.read() as s:
                    rows = TextMessageService._candidates(s, day)
                    choose_texts(c for c, *_ in rows)

            yield f"  busiest coming day {day}: {booked} people booked"
            yield time_calls(f"choose the reminders ({booked} booked, goal 200)",
                             [chosen] * RUNS).line()
            texts = services.upw.texts
            first = time_calls("queue them (rows written)",
                               [lambda: texts.queue_reminders(day)], warmup=0)
            with services.db.read() as s:
                queued = s.scalar(select(func.count()).select_from(TextMessage))
            yield first.line() + f"   {queued} queued"
            yield time_calls("queue again (nothing more)",
                             [lambda: texts.queue_reminders(day)] * 10, warmup=1).line()
        finally:
            services.close()


if __name__ == "__main__":
    cached, _info = demo_database("crc")
    for line in run(cached):
        print(line, flush=True)
