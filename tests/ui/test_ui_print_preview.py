"""Print preview: the case summary renders in the background, previews, prints and saves."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from tests.narrowing import present
from tests.ui.conftest import settle
from ui.dialogs.print_preview import PrintPreviewDialog, write_atomically
from ui.main_window import MainWindow


def _preview(qtbot, services, person) -> PrintPreviewDialog:
    pdf = services.case_summary.render(person.id)
    dialog = PrintPreviewDialog(pdf, "Case summary", "case-summary.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_print_case_summary_opens_the_preview(qtbot, services, ui_settings, person,
                                             wait_for_tasks):
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.open_person(person.id)
    settle()
    window.print_action.trigger()
    settle()
    wait_for_tasks()
    qtbot.waitUntil(lambda: window.person_page.preview is not None, timeout=5000)
    preview = present(window.person_page.preview)
    assert preview.page_count >= 1
    assert "Jones" in preview.windowTitle()
    assert window.person_page.print_button.isEnabled()
    preview.close()


def test_the_case_summary_prints_in_welsh_from_the_print_menu(qtbot, services, ui_settings,
                                                              person, wait_for_tasks):
    """The button's menu offers English and Welsh; Ctrl+P prints English."""
    import io

    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.open_person(person.id)
    settle()
    page = window.person_page
    texts = [action.text() for action in page.print_button.menu().actions()]
    assert texts == ["In English", "Yn Gymraeg (in Welsh)"]
    page.print_button.menu().actions()[1].trigger()
    settle()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=5000)
    pdf = present(page.preview)._pdf
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Crynodeb o'r achos" in text and "Manylion personol" in text
    assert "Case summary" not in text
    present(page.preview).close()


def test_save_as_pdf_writes_the_same_bytes(qtbot, services, person, tmp_path, monkeypatch):
    dialog = _preview(qtbot, services, person)
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: target)
    dialog.save_button.click()
    settle()
    assert target.read_bytes() == dialog._pdf
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_save_leaves_nothing_behind(tmp_path, monkeypatch):
    import os

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "out.pdf"
    with contextlib.suppress(OSError):
        write_atomically(b"%PDF-1.4", target)
    assert list(tmp_path.iterdir()) == []


def test_printing_paints_every_page(qtbot, services, person, tmp_path, monkeypatch):
    """Printing to a PDF printer gives as many pages as the preview shows."""
    dialog = _preview(qtbot, services, person)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(output))
    monkeypatch.setattr(dialog, "ask_printer", lambda: printer)
    dialog.print_button.click()
    settle()
    assert len(PdfReader(str(output)).pages) == dialog.page_count


def test_cancelling_the_print_dialog_prints_nothing(qtbot, services, person, monkeypatch):
    dialog = _preview(qtbot, services, person)
    called = []
    monkeypatch.setattr(dialog, "ask_printer", lambda: None)
    monkeypatch.setattr(dialog, "print_to", lambda printer: called.append(printer))
    dialog.print_button.click()
    settle()
    assert called == []


def test_save_path_gets_a_pdf_suffix(qtbot, services, person, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    dialog = _preview(qtbot, services, person)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "summary"), "")))
    assert dialog.ask_save_path() == Path(tmp_path / "summary.pdf")


def test_print_jobs_and_suggested_file_names_carry_no_names(qtbot, services, person):
    """Print queues and folders are shared: the job is the document kind, the file the CRN."""
    pdf = services.case_summary.render(person.id)
    dialog = PrintPreviewDialog(pdf, "Case summary – Siân Jones", "case-summary-X123456.pdf")
    qtbot.addWidget(dialog)
    assert dialog.make_printer().docName() == "Case summary"
    root = Path(__file__).resolve().parents[2] / "ui"
    built_from_names = re.compile(
        r"f\"[^\"]*\{[^}]*(name|surname|forename)[^}]*\}[^\"]*\.pdf\"")
    offenders = [f"{path.relative_to(root)}:{number}"
                 for path in root.rglob("*.py")
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if built_from_names.search(line)]
    assert offenders == []
