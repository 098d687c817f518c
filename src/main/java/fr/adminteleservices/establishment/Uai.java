package fr.adminteleservices.establishment;

import java.util.regex.Pattern;

/**
 * The UAI (ex-RNE) of an establishment: seven digits and a check letter, the remainder of the
 * number divided by 23 taken as an index into an alphabet without I, O and Q.
 */
public record Uai(String value) {

    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("\\d{7}[A-Z]");

    public Uai {
        if (!isValid(value)) {
            throw new IllegalArgumentException("UAI invalide : « " + value + " » (sept chiffres et une lettre de contrôle attendus)");
        }
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || !SHAPE.matcher(candidate).matches()) {
            return false;
        }
        return candidate.charAt(7) == checkLetter(Integer.parseInt(candidate.substring(0, 7)));
    }

    public static char checkLetter(int sevenDigits) {
        return CHECK_LETTERS.charAt(sevenDigits % 23);
    }

    @Override
    public String toString() {
        return value;
    }
}
