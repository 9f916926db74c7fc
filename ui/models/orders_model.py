"""A person's unpaid work orders with hours as h:mm and the deadline in force."""

from __future__ import annotations

from upw_ttg.records.orders import OrderRecord
from upw_ttg.time_text import format_minutes

from ui.formatting import format_date, label
from ui.models.table_model import Column, RowTableModel


def deadline_text(order: OrderRecord) -> str:
    """The deadline in force, saying when a court extended it or when there is none."""
    if order.effective_deadline is None:
        return "No time limit"
    text = format_date(order.effective_deadline)
    return f"{text} (extended)" if order.extensions else text


def _type_text(order: OrderRecord) -> str:
    kind = label(order.order_type)
    return kind if order.subtype.value == "regular" else f"{kind} – {label(order.subtype)}"


def _adjusted_text(order: OrderRecord) -> str:
    minutes = order.minutes_adjusted
    return f"+{format_minutes(minutes)}" if minutes > 0 else format_minutes(minutes)


class OrdersTableModel(RowTableModel[OrderRecord]):
    COLUMNS = (
        Column("Court", lambda o: o.court),
        Column("Sentence date", lambda o: format_date(o.sentence_date), lambda o: o.sentence_date),
        Column("Type", _type_text),
        Column("Ordered", lambda o: format_minutes(o.minutes_ordered), lambda o: o.minutes_ordered,
               numeric=True, tooltip=lambda o: "Hours ordered (hours:minutes)"),
        Column("Adjusted", _adjusted_text, lambda o: o.minutes_adjusted, numeric=True,
               tooltip=lambda o: "Approved adjustments (hours:minutes)"),
        Column("Credited", lambda o: format_minutes(o.minutes_credited),
               lambda o: o.minutes_credited, numeric=True,
               tooltip=lambda o: "Hours worked and credited (hours:minutes)"),
        Column("Remaining", lambda o: format_minutes(o.minutes_remaining),
               lambda o: o.minutes_remaining, numeric=True,
               tooltip=lambda o: "Ordered + adjusted − credited (hours:minutes)"),
        Column("Status", lambda o: label(o.status)),
        Column("Deadline", deadline_text, lambda o: o.effective_deadline),
    )
