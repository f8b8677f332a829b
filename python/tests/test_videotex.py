"""Screen, decode(), Decoder, Page and keys: the videotex layer from Python, its values and its error paths."""

import pytest

import pavikit
from pavikit import Colour, Key, Page


def test_decode_gives_the_screen_text_and_cells():
    screen = pavikit.decode(Page().clear().at(1, 1).text("Bonjour").at(3, 5).text("été").bytes)
    assert screen.row(1).startswith("Bonjour")
    assert screen.row(3)[4:7] == "été"
    assert "Bonjour" in screen
    assert screen.find("été") == (3, 5)
    assert screen.find("absent") is None
    cell = screen.cell(1, 1)
    assert (cell.char, cell.kind, cell.charset) == ("B", "alpha", "G0")
    assert screen.cells[3][4].char == "é"
    assert len(screen.cells) == 25 and all(len(row) == 40 for row in screen.cells)
    assert screen.text.split("\n")[1].startswith("Bonjour")


def test_colours_sizes_and_mosaics_reach_the_cells():
    page = Page().clear().at(2, 1).fg(Colour.RED).size(pavikit.Size.DOUBLE_HEIGHT).text("X")
    page.at(5, 1).mosaics().mosaic(63)
    screen = pavikit.decode(bytes(page))
    assert screen.cell(2, 1).fg == int(Colour.RED.value)
    assert screen.cell(2, 1).size == "double_height"
    assert screen.cell(5, 1).kind == "mosaic"
    assert screen.cell(5, 1).sextants == 63


def test_the_decoder_keeps_its_state_between_feeds_and_answers_enqrom():
    decoder = pavikit.Decoder()
    decoder.feed(b"\x0c\x1f\x41\x41AB")
    decoder.feed(b"C\x1b\x39\x7b")  # PRO1 ENQROM
    assert decoder.screen.row(1).startswith("ABC")
    assert decoder.take_replies() == b"\x01Cu;\x04"
    decoder.reset()
    assert decoder.screen == pavikit.Screen()


def test_to_png_is_a_png_of_the_right_size():
    png = pavikit.decode(b"\x0cHello").to_png(scale=2, colour=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (640, 500)


def test_bad_bytes_never_raise():
    screen = pavikit.decode(bytes(range(256)) * 4)
    assert len(screen.text.split("\n")) == 25


def test_encoder_helpers():
    assert pavikit.encode_position(1, 1) == b"\x1f\x41\x41"
    assert pavikit.encode_text("é") == b"\x19\x42e"
    assert pavikit.compress(b"AAAAAAAA") == b"A\x12\x47"
    assert pavikit.key_bytes(Key.ENVOI) == b"\x13\x41"
    assert pavikit.key_from_name("Connexion-Fin") == Key.CONNEXION_FIN


@pytest.mark.parametrize("call, error", [
    (lambda s: s.row(25), IndexError),
    (lambda s: s.cell(0, 0), IndexError),
    (lambda s: s.cell(-1, 1), IndexError),
    (lambda s: s.to_png(scale=0), ValueError),
    (lambda s: s.to_png(scale=17), ValueError),
])
def test_screen_bad_arguments_raise(call, error):
    with pytest.raises(error):
        call(pavikit.Screen())


def test_encoder_bad_arguments_raise_with_a_clear_message():
    with pytest.raises(IndexError, match="row 30"):
        Page().at(30, 1)
    with pytest.raises(ValueError, match="sextants"):
        Page().mosaic(64)
    with pytest.raises(ValueError, match="unknown Minitel key name 'ENVOY'"):
        pavikit.key_from_name("ENVOY")
    with pytest.raises(TypeError):
        pavikit.decode("text is not bytes")
