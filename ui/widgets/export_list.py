"""An "Export…" button for a list: what the table shows, in its order, to Excel or CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import QFileDialog, QPushButton, QTableView, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.files import write_atomically

from ui.errors import show_error
from ui.models.roles import RowRole
from ui.tasks import report_failure, run_in_background


def shown_table(view: QTableView) -> tuple[list[str], list[list[str]], list[int], bool]:
    """The visible columns' headers, the rows as shown (filtered and sorted), the people they
    name (rows with a ``person_id``), and whether the list has more rows not yet read."""
    model = view.model()
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows, people = [], []
    for row in range(model.rowCount()):
        rows.append([_text(model.index(row, c).data()) for c in columns])
        person_id = getattr(model.index(row, 0).data(RowRole), "person_id", None)
        if isinstance(person_id, int):
            people.append(person_id)
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    return headers, rows, people, bool(source.canFetchMore(source.index(-1, -1).parent()))


def save_file(parent: QWidget, content: bytes, path: Path, what: str) -> bool:
    """Write an exported file (owner-only, whole or not at all); say in plain words if not."""
    try:
        write_atomically(content, path)
    except OSError as exc:
        show_error(parent, f"{what} was not saved.",
                   f"{exc.strerror or exc}. Choose another folder.")
        return False
    return True


def _text(value: object) -> str:
    return "" if value is None else str(value)


class ExportListButton(QPushButton):
    """Exports ``view`` (or the view a callable gives, for tabs) as the list ``list_name`` (a
    key of the list export service).

    ``caption`` says what the list was filtered to (unit, week, text typed), for the file.
    ``ask_save`` is the file chooser (tests replace it).
    """

    def __init__(self, services: AppServices, list_name: str,
                 view: QTableView | Callable[[], QTableView],
                 caption: Callable[[], str] = lambda: "", text: str = "E&xport…",
                 parent: QWidget | None = None):
        super().__init__(text, parent)
        self._services = services
        self._list_name = list_name
        self._view = view
        self._caption = caption
        self.saved_to: Path | None = None
        self.setToolTip("Save this list, as shown, as an Excel workbook or a CSV file")
        self.clicked.connect(self.export)

    def ask_save(self, suggested: str) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(
            self.window(), "Export the list", str(Path.home() / suggested),
            "Excel workbook (*.xlsx);;CSV (*.csv)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
        return path

    @Slot()
    def export(self) -> None:
        view = self._view if isinstance(self._view, QTableView) else self._view()
        headers, rows, people, more = shown_table(view)
        caption = self._caption()
        if more:
            caption = (caption + ". " if caption else "") + \
                f"The first {len(rows):,} rows, as far as the list was read"
        title = f"{self._list_name.replace('_', '-')}-{self._services.ctx.today():%Y-%m-%d}"
        path = self.ask_save(title + ".xlsx")
        if path is None:
            return
        spreadsheet = path.suffix.lower() == ".xlsx"
        self.setEnabled(False)

        def work():
            return self._services.list_export.export(
                self._list_name, headers, rows, caption=caption, spreadsheet=spreadsheet,
                person_ids=people)

        def done(exported) -> None:
            self.setEnabled(True)
            if save_file(self.window(), exported.content, path, "The list"):
                self.saved_to = path

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            report_failure(self.window(), "The list was not exported.", exc)

        run_in_background(work, done, failed, "Exporting the list…", parent=self.window())
