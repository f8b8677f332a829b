"""A guest book written in Python, tested through the embedded gateway: the service is three functions."""

import pavikit
from pavikit import Key

MESSAGES = []


def menu_page():
    page = pavikit.Page().clear().at(1, 1).size(pavikit.Size.DOUBLE_HEIGHT).text("LIVRE D'OR")
    page.at(4, 1).text("1 Lire   2 Signer").at(6, 1).text("Choix : ")
    return {"content": bytes(page), "context": "menu",
            "COMMAND": {"name": "InputTxt", "param": {"x": 9, "y": 6, "l": 1, "validwith": 128}}}


def guestbook(request):
    fctn, context = request["fctn"], request["context"]
    if fctn == "CNX" or fctn == "SOMMAIRE":
        return menu_page()
    if context == "menu" and request["content"] == ["1"]:
        lines = "\n".join(MESSAGES) or "(vide)"
        return {"text": f"\x0cMESSAGES\n{lines}", "context": "read",
                "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 24, "l": 1, "validwith": 1}}}
    if context == "menu" and request["content"] == ["2"]:
        return {"text": "\x0cVotre message :", "context": "sign",
                "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 3, "l": 30, "validwith": 128}}}
    if context == "sign" and fctn == "ENVOI":
        MESSAGES.append(request["content"][0])
        return {"text": "\x0cMerci !", "context": "read",
                "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 24, "l": 1, "validwith": 1}}}
    return menu_page()


def test_sign_then_read(fake_service, minitel):
    MESSAGES.clear()
    fake_service.set_pages({"/": guestbook})
    minitel.connect()
    minitel.wait_for(text="LIVRE D'OR")
    minitel.type("2")
    minitel.press(Key.ENVOI)
    minitel.wait_for(text="Votre message")
    minitel.type("Vive le Minitel")
    minitel.press(Key.ENVOI)
    minitel.wait_for(text="Merci")
    minitel.press(Key.SOMMAIRE)
    minitel.wait_for(text="LIVRE D'OR")
    minitel.type("1")
    minitel.press(Key.ENVOI)
    minitel.wait_for(text="VIVE LE MINITEL")  # the keyboard types capitals
    assert [r["fctn"] for r in fake_service.requests] == ["CNX", "ENVOI", "ENVOI", "SOMMAIRE", "ENVOI"]
    assert MESSAGES == ["VIVE LE MINITEL"]
