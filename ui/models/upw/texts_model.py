"""The Messages list (rule UPW-TEXTS): each text, its status and why one failed."""

from __future__ import annotations

from upw_ttg.domain.texts import MessageKind, MessageStatus
from upw_ttg.records.texts import MessageRow, NumberToFix

from ui.formatting import BLANK, format_date
from ui.models.table_model import Column, RowTableModel

KIND_TEXT = {MessageKind.REMINDER: "Reminder", MessageKind.BOOKED: "Booked",
             MessageKind.MOVED: "Moved", MessageKind.STOOD_DOWN: "Stood down"}
STATUS_TEXT = {MessageStatus.QUEUED: "Waiting to send", MessageStatus.SENDING: "Sending",
               MessageStatus.SENT: "Sent", MessageStatus.DELIVERED: "Delivered",
               MessageStatus.FAILED: "Failed"}


class MessagesModel(RowTableModel[MessageRow]):
    COLUMNS = (
        Column("Day", lambda m: format_date(m.send_on), lambda m: m.send_on),
        Column("Name", lambda m: m.name),
        Column("CRN", lambda m: m.crn),
        Column("Text", lambda m: KIND_TEXT.get(m.kind, BLANK) + (" (Welsh)" if m.welsh else "")
               if m.kind else BLANK),
        Column("Session", lambda m: format_date(m.session_date) if m.session_date else BLANK,
               lambda m: m.session_date),
        Column("Status", lambda m: STATUS_TEXT.get(m.status, BLANK) if m.status else BLANK,
               tooltip=lambda m: m.last_error),
        Column("Number", lambda m: m.phone or BLANK),
        Column("Template", lambda m: m.template_id or BLANK),
        Column("Why not delivered", lambda m: m.last_error or BLANK,
               tooltip=lambda m: m.last_error),
    )


class NumbersToFixModel(RowTableModel[NumberToFix]):
    """People with hours to work whose mobile cannot be texted as it stands."""

    COLUMNS = (
        Column("Unit", lambda n: n.delivery_unit_code or BLANK),
        Column("Name", lambda n: n.name),
        Column("CRN", lambda n: n.crn),
        Column("Number on record", lambda n: n.phone or BLANK),
        Column("Problem", lambda n: n.problem),
    )
