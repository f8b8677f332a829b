"""A full visit through the embedded gateway to a Python-defined fake service: the home page opens an InputForm,
the Minitel fills it using SUITE and RETOUR to move between fields and sends it with ENVOI; the test checks the
screens and the JSON the service received. (C-053..C-058: InputForm; service-protocol.md §2 for the request.)"""

import pavikit
from pavikit import Key


def home(request):
    # CNX: the form. Two fields, on rows 5 and 7; SUITE/RETOUR move between them, ENVOI sends both.
    return {
        "content": bytes(pavikit.Page().clear().at(1, 1).text("ANNUAIRE").at(5, 1).text("Nom :")
                         .at(7, 1).text("Ville :")),
        "context": "form",
        "COMMAND": {"name": "InputForm",
                    "param": {"x": [10, 10], "y": [5, 7], "l": [12, 12], "spacechar": ".", "validwith": 128}},
    }


def result(request):
    name, town = request["content"]
    return {"content": bytes(pavikit.Page().clear().at(1, 1).text(f"BONJOUR {name} DE {town}")),
            "context": "done"}


def router(request):
    if request["fctn"] == "CNX":
        return home(request)
    if request["fctn"] == "ENVOI" and request["context"] == "form":
        return result(request)
    return {"text": "?"}


def test_a_full_visit_with_an_input_form(fake_service, minitel):
    fake_service.set_pages({"/": router})
    minitel.connect()
    minitel.wait_for(text="ANNUAIRE")
    minitel.wait_for(regex=r"^Nom : +\.{12}", row=5)
    minitel.type("DUPONT")
    minitel.press(Key.SUITE)                 # to the second field
    minitel.type("PARIS")
    minitel.press(Key.RETOUR)                # back to the first one
    minitel.press(Key.SUITE)                 # and forward again
    minitel.wait_for(regex=r"^Nom :    DUPONT\.{6}", row=5)
    minitel.wait_for(regex=r"^Ville :  PARIS\.{7}", row=7)
    minitel.press(Key.ENVOI)
    minitel.wait_for(text="BONJOUR DUPONT DE PARIS")
    assert minitel.screen.find("BONJOUR DUPONT DE PARIS") == (1, 1)

    cnx, envoi = fake_service.wait_for_requests(2)
    assert cnx["fctn"] == "CNX" and envoi["fctn"] == "ENVOI"
    sent = envoi["json"]["PAVI"]
    assert sent["content"] == ["DUPONT", "PARIS"]
    assert sent["context"] == "form"
    assert sent["typesocket"] == "WS"
    assert sent["versionminitel"] == "Cu;"
    assert sent["uniqueId"] == cnx["json"]["PAVI"]["uniqueId"]
    assert list(envoi["json"]) == ["PAVI"]
    assert fake_service.errors == []
