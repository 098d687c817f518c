package fr.adminteleservices.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A folder of analyst-edited files ({@code processes/} or {@code rules/}): the directory on disk
 * when it exists, otherwise the copy packaged in the jar under {@code bundled/}.
 */
record AnalystFolder(String description, List<AnalystFile> files) {

    record AnalystFile(String name, byte[] content) {
    }

    static AnalystFolder load(String directory, String bundledName, String extension) {
        Path dir = Path.of(directory);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                List<AnalystFile> files = new ArrayList<>();
                for (Path p : walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(extension))
                        .sorted(Comparator.comparing(Path::toString)).toList()) {
                    // relative names keep the same resource names whatever the folder's location
                    files.add(new AnalystFile(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
                }
                return new AnalystFolder(dir.toAbsolutePath().normalize().toString(), files);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dir.toAbsolutePath(), e);
            }
        }
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:bundled/" + bundledName + "/**/*" + extension);
            List<AnalystFile> files = new ArrayList<>();
            for (Resource r : resources) {
                String url = r.getURL().toString();
                String name = url.substring(url.lastIndexOf("bundled/" + bundledName + "/") + bundledName.length() + 9);
                try (InputStream in = r.getInputStream()) {
                    files.add(new AnalystFile(name, in.readAllBytes()));
                }
            }
            files.sort(Comparator.comparing(AnalystFile::name));
            return new AnalystFolder("classpath:bundled/" + bundledName + " (packaged copy; " + dir.toAbsolutePath()
                    + " does not exist)", files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged " + bundledName, e);
        }
    }
}
