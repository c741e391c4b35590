"""The names the registration rules share: the paragraphs they cite, and the codes of a villkor's
answer and of a contact's outcome."""

SOL_11_5 = "11 kap. 5 § SoL"
SOL_11_6 = "11 kap. 6 § SoL"
SOL_14_3 = "14 kap. 3 § SoL"
SOL_14_4_5 = "14 kap. 4–5 §§ SoL"
SOL_21_2 = "21 kap. 2 § SoL"

UPPFYLLT, EJ_UPPFYLLT, OSAKERT = "uppfyllt", "ej_uppfyllt", "osakert"
DELTAR, VANTELISTA = "deltar", "vantelista"
HANVISAD_ANSOKA, HANVISAD_NAMND, AVBOJDE = "hanvisad_ansoka", "hanvisad_namnd", "avbojde"
