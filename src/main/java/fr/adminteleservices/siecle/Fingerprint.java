package fr.adminteleservices.siecle;

import fr.adminteleservices.siecle.ImportRows.GuardianRow;
import fr.adminteleservices.siecle.ImportRows.StudentRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit digest (the head of SHA-256) of a row's data, without its id and exit date: the import
 * compares the export with the database through these, so it does not keep whole rows in memory.
 */
final class Fingerprint {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Fingerprint() {
    }

    static long of(StudentRow s) {
        return digest(s.eleveId(), s.elenoet(), s.ine(), s.lastName(), s.usageName(), s.firstName(), s.firstName2(),
                s.birthDate(), s.sex(), s.mefCode(), s.divisionCode(), s.entryDate(), s.previousUai(), s.plannedExitOn());
    }

    static long of(GuardianRow g) {
        return digest(g.personneId(), g.civility(), g.lastName(), g.firstName(), g.email(), g.mobilePhone(),
                g.addressLine1(), g.addressLine2(), g.addressLine3(), g.addressLine4(), g.postalCode(), g.city(), g.country());
    }

    private static long digest(Object... values) {
        MessageDigest md = SHA256.get();
        md.reset();
        for (Object v : values) {
            // a marker byte tells null from "" and separates the fields
            md.update(v == null ? (byte) 0 : (byte) 1);
            if (v != null) {
                md.update(v.toString().getBytes(StandardCharsets.UTF_8));
            }
            md.update((byte) 0x1F);
        }
        byte[] h = md.digest();
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result = (result << 8) | (h[i] & 0xFF);
        }
        return result;
    }
}
