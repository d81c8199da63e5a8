package lv.sargs.hsm.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.SoftHsmTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 300 MB statistics file signed, encrypted, decrypted and verified in a JVM with a 48 MB heap. */
class LargeP7mIT {

    private static final int MEGABYTES = 300;

    @TempDir
    Path dir;

    @Test
    void signsAndEncrypts300MegabytesInBoundedMemory() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();
        Path p7m = dir.resolve("big.p7m");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LargeP7mProcess.class.getName(),
                settings.tokenLabel().orElseThrow(), ((PinSource.File) settings.pin()).path().toString(),
                Integer.toString(MEGABYTES), p7m.toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "did not finish");
        assertEquals(0, process.exitValue(), output);

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream expected = new ReportStream(MEGABYTES * 1024L * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = expected.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        String line = output.lines().filter(l -> l.startsWith("sha256 ")).findFirst().orElseThrow(() -> new AssertionError(output));
        assertEquals("sha256 " + HexFormat.of().formatHex(sha256.digest()) + " bytes " + MEGABYTES * 1024L * 1024
                + " verified true", line);
        assertTrue(Files.size(p7m) > MEGABYTES * 1024L * 1024, "p7m is " + Files.size(p7m) + " bytes");
    }
}
