package lv.sargs.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .deb that this module's build made (profile appliance), and what the image tests need to make another. */
final class BuiltPackage {

    private BuiltPackage() {
    }

    static Path target() {
        return Path.of(System.getProperty("sargs.image.target", "target"));
    }

    static Path basedir() {
        return Path.of(System.getProperty("sargs.image.basedir", "."));
    }

    /** The one sargs_*.deb in target/; fails when the build made none (or several). */
    static Path deb() {
        try (Stream<Path> files = Files.list(target())) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("sargs_.+_.+\\.deb")).toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected one sargs_*.deb in " + target() + " (built by -Pappliance), found " + debs);
            }
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Debian version the build gives this Maven version: 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT. */
    static String debianVersion() {
        return System.getProperty("sargs.image.version", "0.1.0-SNAPSHOT").replace("-SNAPSHOT", "~SNAPSHOT");
    }

    /**
     * Builds the package again from the same jars into {@code out}, as the Maven build does, with
     * {@code version} as the Debian version (null: the mapped Maven version); returns the .deb.
     */
    static Path rebuild(Path out, String version) {
        List<String> command = List.of("bash", basedir().resolve("src/deb/build-deb.sh").toString(),
                System.getProperty("sargs.image.version"), System.getProperty("sargs.image.timestamp"),
                target().resolve("deb-jars").toString(), out.toString());
        String printed = Cmd.run(null, version == null ? java.util.Map.of() : java.util.Map.of("SARGS_DEB_VERSION", version),
                20, command).ok();
        String[] lines = printed.strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }
}
