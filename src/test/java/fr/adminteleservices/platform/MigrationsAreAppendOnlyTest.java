package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Flyway migrations are append-only once on main (issue 19.5): a database migrated before an edit would fail
 * Flyway's validation at its next start. The released ones are listed with their SHA-256 in
 * {@code src/test/resources/db/released-migrations.txt}; this test fails when one of them changed or disappeared,
 * and when a migration is not in the list yet (add it there in the commit that adds it).
 */
class MigrationsAreAppendOnlyTest {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    private static final Path RELEASED = Path.of("src", "test", "resources", "db", "released-migrations.txt");

    @Test
    void noReleasedMigrationChangesAndEveryMigrationIsListed() throws IOException {
        Map<String, String> released = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RELEASED, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] nameAndHash = line.trim().split("\\s+");
                released.put(nameAndHash[0], nameAndHash[1]);
            }
        }
        Map<String, String> present = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.sorted().toList()) {
                present.put(f.getFileName().toString(), sha256(f));
            }
        }

        released.forEach((name, hash) -> {
            assertThat(present).as("%s was released: it may not be removed or renamed", name).containsKey(name);
            assertThat(present.get(name)).as("%s was released: change the schema with the next version instead of editing it", name)
                    .isEqualTo(hash);
        });
        assertThat(present.keySet()).as("every migration is listed in %s (with its SHA-256) in the commit that adds it", RELEASED)
                .isSubsetOf(released.keySet());
    }

    /** The text's SHA-256, line endings as LF, so that a checkout with CRLF does not count as an edit. */
    private static String sha256(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
