package lv.sargs.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/** Opens a .p7m the way Latvijas Banka's side would, with the {@code openssl cms} command line. */
final class Openssl {

    private final Path dir;
    private final Path caFile;

    Openssl(Path dir, CertificateAuthority ca) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.caFile = dir.resolve("ca.pem");
        ca.writeCertificatePem(caFile);
    }

    /** Decrypts {@code p7m} as {@code recipient}, verifies the signature against the CA, returns the content. */
    byte[] decryptAndVerify(Path p7m, HeldCertificate recipient, String tag) throws IOException, InterruptedException {
        Path cert = dir.resolve(tag + ".pem");
        Path key = dir.resolve(tag + ".key");
        if (!Files.exists(key)) {
            recipient.writePem(cert, key);
        }
        Path signed = dir.resolve(p7m.getFileName() + "." + tag + ".signed");
        Path plain = dir.resolve(p7m.getFileName() + "." + tag + ".txt");
        run("cms", "-decrypt", "-binary", "-inform", "DER", "-in", p7m.toString(), "-recip", cert.toString(),
                "-inkey", key.toString(), "-out", signed.toString());
        run("cms", "-verify", "-binary", "-inform", "DER", "-in", signed.toString(), "-CAfile", caFile.toString(),
                "-out", plain.toString());
        byte[] content = Files.readAllBytes(plain);
        Files.delete(signed);
        Files.delete(plain);
        return content;
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
