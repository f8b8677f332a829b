"""The service reached over a simulated telephone line: V.23 modems, line noise, PCE error correction."""

import pavikit


def test_a_page_over_a_noisy_line_with_pce(fake_service, minitel):
    fake_service.set_pages({"/": {"text": "\n".join(f"Ligne {i}" for i in range(1, 11))}})
    minitel.dial(line="awgn=20dB,g711a,seed=2", pce=True)
    minitel.wait_for(text="Ligne 10", timeout=30)
    assert minitel.line_status["pce_active"]


def test_the_modem_ber_falls_with_the_noise():
    noisy = pavikit.Modem.ber(12.0, max_bits=20000, min_bits=5000)
    quieter = pavikit.Modem.ber(16.0, max_bits=20000, min_bits=5000)
    assert quieter.ber < noisy.ber < 0.1
    assert noisy.ber >= noisy.limit  # no receiver beats the non-coherent FSK bound
