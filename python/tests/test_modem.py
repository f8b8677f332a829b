"""Line, Modem and PCE: channel descriptions, V.23 audio and WAV round trips, a BER measurement, PCE over a faulty
link; malformed descriptions and bad files raise with the reason."""

import pytest

import pavikit
from pavikit import PCE, Line, Modem


def test_line_descriptions_parse_and_describe_themselves():
    line = Line("awgn=12dB, g711u ,seed=7")
    assert line.description == "awgn=12dB,g711u,seed=7"
    assert line.impairments == ["awgn=12dB", "g711u"]
    assert line.seed == 7
    assert Line().description in ("", "clean")
    assert "awgn" in Line.syntax()


def test_a_line_changes_the_audio_deterministically():
    audio = Modem.encode(b"HELLO")
    noisy = Line("awgn=10dB,seed=3").process(audio)
    assert len(noisy) == len(audio) and noisy != audio
    assert noisy == Line("awgn=10dB,seed=3").process(audio)


def test_v23_audio_round_trip_both_channels():
    for channel in ("forward", "backward"):
        audio = Modem.encode(b"3615 PAVI", channel=channel)
        assert Modem.decode(audio, channel=channel) == b"3615 PAVI"


def test_wav_round_trip_through_a_noisy_line(tmp_path):
    path = tmp_path / "page.wav"
    Modem.encode_wav(path, b"\x0cBonjour", line="awgn=30dB")
    assert Modem.decode_wav(path) == b"\x0cBonjour"
    assert len(Modem.read_wav(path)) > 8000 * 0.3


def test_a_very_noisy_line_damages_characters():
    audio = Line("awgn=0dB,seed=1").process(Modem.encode(b"U" * 200))
    details = Modem.decode_details(audio)
    assert details["parity_errors"] + details["framing_errors"] > 0


def test_ber_measurement_follows_the_noise():
    clean = Modem.ber(20.0, max_bits=20000, min_bits=5000)
    noisy = Modem.ber(4.0, max_bits=20000, min_bits=5000)
    assert isinstance(clean, pavikit.BerResult)
    assert clean.bits >= 5000
    assert noisy.ber > clean.ber
    assert 0.0 < noisy.limit < 0.5


def test_pce_carries_data_intact_over_a_faulty_link():
    data = b"".join(f"Ligne {i} de la page\r\n".encode("ascii") for i in range(40))
    clean = PCE().transfer(data)
    assert clean.intact and clean.nacks == 0
    faulty = PCE(faults="ber=2e-3,seed=5").transfer(data)
    assert faulty.complete and faulty.intact
    assert faulty.nacks > 0 and faulty.repeated_blocks > 0
    assert faulty.seconds > clean.seconds


@pytest.mark.parametrize("make, message", [
    (lambda: Line("awgn=12"), "no unit"),
    (lambda: Line("teleport=1"), "teleport"),
    (lambda: Modem.encode(b"x", channel="sideways"), "unknown V.23 channel"),
    (lambda: Modem.decode([0] * 10, errors="ignore"), "unknown error policy"),
    (lambda: Modem.write_wav("/tmp/x.wav", [40000]), "16-bit"),
    (lambda: Modem.ber(100.0), "ebn0_db"),
    (lambda: PCE(faults="ber=lots"), "faults"),
    (lambda: PCE().transfer(b"x", limit=0), "limit"),
])
def test_bad_arguments_raise_value_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_unreadable_wav_raises_os_error(tmp_path):
    bogus = tmp_path / "bogus.wav"
    bogus.write_bytes(b"not a wav")
    with pytest.raises(OSError, match="bogus.wav"):
        Modem.decode_wav(bogus)
    with pytest.raises(OSError):
        Modem.write_wav(tmp_path / "no" / "such" / "dir.wav", [0])
