package fr.adminteleservices.codes;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A code as people read and type it: 15 characters of an alphabet without look-alikes (no 0/O,
 * 1/I/L), in three groups of five, e.g. {@code 7KQ4M-2XP9R-TDWAB}: 31^15 ≈ 2^74 possibilities.
 * {@link #toString()} never shows the value, so that it cannot reach a log by accident.
 */
public final class CodeValue {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private CodeValue(String value) {
        this.value = value;
    }

    public static CodeValue random() {
        StringBuilder sb = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 5 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new CodeValue(sb.toString());
    }

    /** What a person typed, or null when it cannot be a code (wrong length or characters). */
    public static CodeValue parse(String typed) {
        if (typed == null) {
            return null;
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.length() != LENGTH || !compact.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return new CodeValue(compact.substring(0, 5) + "-" + compact.substring(5, 10) + "-" + compact.substring(10));
    }

    /** The value, for letters and for the head who asked to see it. */
    public String reveal() {
        return value;
    }

    /** The characters only: what the keyed hash is computed on. */
    String compact() {
        return value.replace("-", "");
    }

    /** The last two characters, kept in clear to tell codes apart in a history. */
    String hint() {
        return value.substring(value.length() - 2);
    }

    public static String masked(String hint) {
        return "•••••-•••••-•••" + hint;
    }

    @Override
    public String toString() {
        return "CodeValue[masqué]";
    }
}
