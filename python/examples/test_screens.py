"""Pages built with pavikit.Page and checked without any network: decode, cells, PNG."""

import pavikit
from pavikit import Colour, Page


def test_a_title_bar_in_mosaics(tmp_path):
    page = Page().clear().at(1, 1).mosaics().fg(Colour.BLUE)
    for _ in range(40):
        page.mosaic(63)
    page.alpha().at(3, 10).fg(Colour.YELLOW).text("Bienvenue")
    screen = pavikit.decode(page.bytes)
    assert all(cell.kind == "mosaic" and cell.sextants == 63 for cell in screen.cells[1])
    assert screen.find("Bienvenue") == (3, 10)
    assert screen.cell(3, 10).fg == Colour.YELLOW.value
    screen.save_png(str(tmp_path / "title.png"), scale=2, colour=True)
    assert (tmp_path / "title.png").read_bytes()[:4] == b"\x89PNG"
