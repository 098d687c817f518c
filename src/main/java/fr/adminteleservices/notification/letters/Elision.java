package fr.adminteleservices.notification.letters;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The preposition « de » before a first name, as French writes it: « d’Axelle », « d’Élodie », « d’Hugo »,
 * but « de Bruno » and « de Yanis ». Elided before a vowel (accented or not, Œ and Æ included) and before
 * an h, which is mute in first names (Hélène, Hugo, Henri); a y is a consonant at the start of most first
 * names (Yanis, Yasmine, Yann), so it keeps « de ».
 */
public final class Elision {

    private Elision() {
    }

    /** « d’Axelle MARTIN » or « de Bruno MARTIN »; the typographic apostrophe of the letters. */
    public static String de(String name) {
        if (name == null || name.isBlank()) {
            return "de";
        }
        String stripped = name.strip();
        return (elides(stripped) ? "d’" : "de ") + stripped;
    }

    static boolean elides(String word) {
        // the first letter without its accent: É → E, Œ stays Œ
        String first = Normalizer.normalize(word.substring(0, 1), Normalizer.Form.NFD).substring(0, 1)
                .toUpperCase(Locale.FRENCH);
        return "AEIOUHŒÆ".contains(first);
    }
}
