package lv.sargs.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.Test;

/** What only a fresh JVM can show: a PKCS#11 login is per process, and keys must outlive it. */
class TokenProcessIT {

    /** Exit code, stdout and stderr of a finished {@link TokenProcess}. */
    record Run(int exit, String out, String err) {
    }

    private static Run runTokenProcess(String... args) throws Exception {
        return runTokenProcess(true, args);
    }

    private static Run runTokenProcess(boolean exportWrapper, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (exportWrapper) {
            command.addAll(List.of("--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TokenProcess.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "token process did not finish");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void wrongPinAtStartStopsWithMessageNamingTheTokenNotThePin() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();
        String label = settings.tokenLabel().orElseThrow();
        String wrongPin = "9999-wrong-pin";
        Path wrongPinFile = SoftHsmTokens.pinFile(SoftHsm2.fromEnvironment(), label + "-wrong", wrongPin);

        Run run = runTokenProcess(label, wrongPinFile.toString());

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().startsWith("LOGIN_FAILED token '" + label + "' (libsofthsm2.so): the PIN was refused"),
                run.err());
        assertFalse(run.err().contains(wrongPin), run.err());
        assertFalse(run.err().contains(SoftHsmTokens.PIN), run.err());
    }

    @Test
    void generatedKeyAndImportedChainSurviveANewJvm() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();
        String label = settings.tokenLabel().orElseThrow();
        CertificateAuthority ca = CertificateAuthority.create("Sargs Test CA");
        X509Certificate leaf;
        try (Token token = Tokens.open(settings)) {
            KeyInfo key = token.generateKeyPair("durable", KeySpec.RSA_2048);
            leaf = ca.issue("durable").cms().certify(key.publicKey());
            token.importCertificateChain("durable", List.of(leaf, ca.certificate()));
        }

        Run run = runTokenProcess(label, ((PinSource.File) settings.pin()).path().toString(), "durable");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("key durable RSA_2048 chain=2"), run.out());
        String signature = run.out().lines().filter(l -> l.startsWith("signature ")).findFirst().orElseThrow()
                .substring("signature ".length());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(TokenProcess.DATA);
        assertTrue(verifier.verify(Base64.getDecoder().decode(signature)));
    }

    @Test
    void startWithoutTheWrapperExportStopsNamingTheMissingOption() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();

        Run run = runTokenProcess(false, settings.tokenLabel().orElseThrow(),
                ((PinSource.File) settings.pin()).path().toString());

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().startsWith("CONFIGURATION token '" + settings.tokenLabel().orElseThrow()
                + "' (libsofthsm2.so): the JVM was started without --add-exports"
                + " jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"), run.err());
    }
}
