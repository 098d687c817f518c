package fr.adminteleservices.codes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The key that protects code values (JCA only: HMAC-SHA256 and AES-256-GCM). From
 * {@code teleservices.codes.key} (base64, 32 bytes or more), else from {@code key-file}, generated
 * there on first start (the embedded default keeps it in ./data). Two sub-keys are derived: one to
 * look codes up by a keyed hash, one to encrypt them.
 */
@Component
class CodeSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final SecretKeySpec lookupKey;
    private final SecretKeySpec encryptionKey;

    CodeSecrets(CodesProperties properties) {
        byte[] master = master(properties.key(), properties.keyFile());
        this.lookupKey = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), "lookup"), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), "encryption"), "AES");
        Arrays.fill(master, (byte) 0);
    }

    private static byte[] master(String key, String keyFile) {
        if (key != null && !key.isBlank()) {
            byte[] bytes = Base64.getDecoder().decode(key.strip());
            if (bytes.length < 32) {
                throw new IllegalStateException("teleservices.codes.key doit faire au moins 32 octets (base64).");
            }
            return bytes;
        }
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException("Aucune clé pour les codes d'activation : définissez TELESERVICES_CODES_KEY "
                    + "(32 octets aléatoires en base64, par exemple `openssl rand -base64 32`).");
        }
        Path path = Path.of(keyFile);
        try {
            if (Files.exists(path)) {
                return Base64.getDecoder().decode(Files.readString(path, StandardCharsets.US_ASCII).strip());
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Clé des codes illisible : " + path, e);
        }
    }

    /** The keyed hash an activation looks the code up by. */
    String lookupHash(CodeValue code) {
        return HexFormat.of().formatHex(hmac(lookupKey, code.compact()));
    }

    String encrypt(CodeValue code) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(code.reveal().getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Chiffrement du code impossible", e);
        }
    }

    CodeValue decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return CodeValue.parse(new String(plain, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Déchiffrement du code impossible : la clé a-t-elle changé ?", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
