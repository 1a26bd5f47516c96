"""The preview closes its document before its scratch folder goes (Windows would refuse)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app import scratch
from commune_app.dossier import layout as L
from commune_app.settings import Settings
from ui.widgets import pdf_preview
from ui.widgets.pdf_preview import PdfPreview

pytestmark = pytest.mark.gui


def _pdf(path):
    pdf = L.PartyPdf(path, title="Thử")
    pdf.new_document()
    pdf.para("Văn bản thử.")
    pdf.build()


def test_document_is_closed_before_its_folder_is_removed(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    preview = PdfPreview(Settings(tmp_path / "cai-dat.json"))
    qtbot.addWidget(preview)
    path = preview.scratch_file("ho-so-1.pdf")
    _pdf(path)
    assert preview.show_file(path)
    order: list[str] = []
    real_remove = scratch.remove_folder

    def remove_like_windows(folder, **kw):  # refuses while the document still holds the file
        order.append("remove")
        if preview.document.status() == preview.document.Status.Ready:
            raise AssertionError("the PDF is still open: Windows would refuse to delete it")
        return real_remove(folder, **kw)

    monkeypatch.setattr(pdf_preview.scratch, "remove_folder", remove_like_windows)
    preview.release()
    assert order == ["remove"] and not path.parent.exists()


def test_destroying_the_preview_removes_its_files(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    preview = PdfPreview(Settings(tmp_path / "cai-dat.json"))
    path = preview.scratch_file("ho-so-2.pdf")
    _pdf(path)
    preview.show_file(path)
    preview.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not path.parent.exists()
