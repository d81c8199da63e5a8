package lv.sargs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second build of the package from the same jars, from scratch (a new jlink runtime, a new
 * tree, a new archive), is identical to the build's byte for byte. (The jars themselves are
 * reproducible through project.build.outputTimestamp.)
 */
class ReproducibleBuildIT {

    @TempDir
    Path dir;

    @Test
    void twoCleanBuildsGiveTheSameFile() throws Exception {
        Path first = BuiltPackage.deb();
        Path second = BuiltPackage.rebuild(dir, null);
        assertEquals(first.getFileName(), second.getFileName());
        String a = sha256(first);
        String b = sha256(second);
        System.out.println("[image figures] package " + first.getFileName() + ": " + Files.size(first) + " bytes, SHA-256 "
                + a + "; the rebuild: " + b);
        assertEquals(a, b, "diffoscope " + first + " " + second + " shows what differs");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
