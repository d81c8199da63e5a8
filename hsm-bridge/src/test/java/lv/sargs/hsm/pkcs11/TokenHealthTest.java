package lv.sargs.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.security.Signature;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenHealth;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.Test;

/** The token taken away under a stream of signatures: fast clear failures, FAILED health, and (when it can come back) resumption. */
class TokenHealthTest {

    private static final byte[] DATA = "probe".getBytes(StandardCharsets.UTF_8);

    /** One signature of the stream: when it was asked, how long it took, and how it failed (null: signed). */
    record Outcome(long atMillis, long tookMillis, TokenException failure) {
    }

    /** Signs every 5 ms for {@code duration}, running {@code disturbance} once a quarter of the way in. */
    private static List<Outcome> signFor(Token token, Duration duration, Runnable disturbance) throws Exception {
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        boolean disturbed = false;
        while (System.nanoTime() - start < duration.toNanos()) {
            if (!disturbed && System.nanoTime() - start > duration.toNanos() / 4) {
                disturbance.run();
                disturbed = true;
            }
            long asked = System.nanoTime();
            TokenException failure = null;
            try {
                token.sign("k", SignatureAlgorithm.SHA256_WITH_ECDSA, DATA).join();
            } catch (CompletionException e) {
                failure = (TokenException) e.getCause();
            }
            outcomes.add(new Outcome((asked - start) / 1_000_000, (System.nanoTime() - asked) / 1_000_000, failure));
            Thread.sleep(5);
        }
        return outcomes;
    }

    private static void assertFailedFastAndClearly(List<Outcome> outcomes, String label) {
        List<Outcome> failures = outcomes.stream().filter(o -> o.failure() != null).toList();
        assertFalse(failures.isEmpty(), "no signature failed while the token was away");
        for (Outcome o : failures) {
            assertEquals(TokenException.Code.UNAVAILABLE, o.failure().code(), o.failure().getMessage());
            assertTrue(o.failure().getMessage().contains("token '" + label + "'"), o.failure().getMessage());
            assertTrue(o.failure().getMessage().contains("key 'k'"), o.failure().getMessage());
            assertFalse(o.failure().getMessage().contains(SoftHsmTokens.PIN));
            // Far below the 5 s operation deadline: callers learn at once, they do not wait it out.
            assertTrue(o.tookMillis() < 1000, o.toString());
        }
    }

    @Test
    void failsFastWhileLoggedOutReportsItAndResumesByItself() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();
        String label = settings.tokenLabel().orElseThrow();
        try (Token token = Tokens.open(settings)) {
            KeyInfo key = token.generateKeyPair("k", KeySpec.EC_P256);
            CertificateAuthority ca = CertificateAuthority.create("Sargs Test CA");
            X509ExtendedKeyManager keyManager = token.keyManager("k",
                    List.of(ca.issue("k").client().certify(key.publicKey()), ca.certificate()));
            List<TokenHealth> seen = new CopyOnWriteArrayList<>();
            token.onHealthChange(seen::add);
            Cryptoki cryptoki = Cryptoki.load(settings.library(), "test");
            long slot = TokenObjects.slot(settings).id();

            List<Outcome> outcomes = signFor(token, Duration.ofMillis(1500), () -> {
                try {
                    // Another part of the process logs the application out of the token.
                    long session = cryptoki.openSession(slot);
                    cryptoki.raw().C_Logout(session);
                    cryptoki.closeSession(session);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertFailedFastAndClearly(outcomes, label);
            TokenHealth failed = seen.get(0);
            assertFalse(failed.usable());
            assertEquals("token '" + label + "' (libsofthsm2.so): logged out", failed.reason());
            assertTrue(seen.get(seen.size() - 1).usable(), seen.toString());
            assertTrue(token.health().usable());
            Outcome last = outcomes.get(outcomes.size() - 1);
            assertEquals(null, last.failure(), "signing did not resume: " + last);
            // As JSSE does in a handshake: the key manager's key, signed with by whichever provider takes it.
            Signature handshake = Signature.getInstance("SHA256withECDSA");
            handshake.initSign(keyManager.getPrivateKey("k"));
            handshake.update(DATA);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.publicKey());
            verifier.update(DATA);
            assertTrue(verifier.verify(handshake.sign()), "key manager's key unusable after recovery");
        }
    }

    @Test
    void reportsRemovedTokenWithinTwoSecondsAndFailsFast() throws Exception {
        Pkcs11Settings settings = SoftHsmTokens.fresh();
        String label = settings.tokenLabel().orElseThrow();
        Path dir = SoftHsm2.fromEnvironment().directoryOf(label);
        Path away = dir.resolveSibling("removed-" + dir.getFileName());
        try (Token token = Tokens.open(settings)) {
            token.generateKeyPair("k", KeySpec.EC_P256);
            List<TokenHealth> seen = new CopyOnWriteArrayList<>();
            token.onHealthChange(seen::add);
            java.time.Instant[] removedAt = new java.time.Instant[1];

            List<Outcome> outcomes = signFor(token, Duration.ofMillis(2400), () -> {
                try {
                    Files.move(dir, away);
                    removedAt[0] = java.time.Instant.now();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertFailedFastAndClearly(outcomes, label);
            assertFalse(seen.isEmpty(), "health never changed");
            TokenHealth failed = seen.get(0);
            assertFalse(failed.usable());
            assertTrue(failed.reason().startsWith("token '" + label + "' (libsofthsm2.so): not reachable (CKR_"),
                    failed.reason());
            assertTrue(Duration.between(removedAt[0], failed.since()).compareTo(Duration.ofSeconds(2)) < 0,
                    "removed at " + removedAt[0] + ", reported at " + failed.since());
            assertFalse(token.health().usable());
            assertTrue(token.health().reason().contains("; not recovered: "), token.health().reason());
            assertEquals(failed.since(), token.health().since(), "a new reason must keep the time the failure began");
        } finally {
            if (Files.exists(away)) {
                Files.move(away, dir);
            }
        }
    }
}
