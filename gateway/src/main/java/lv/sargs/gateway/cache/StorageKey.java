package lv.sargs.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;

/**
 * Derives a store's encryption key from the token, so that no key — clear or wrapped — is ever
 * written to disk: the key is the SHA-256 of an RSA PKCS#1 v1.5 signature (deterministic) made on
 * the token over a fixed, purpose-bound message. Whoever cannot use the token key cannot read
 * the store; a new token key means a new (empty) store.
 */
public final class StorageKey {

    private static final String CONTEXT = "Sargs storage key v1\u0000";

    private StorageKey() {
    }

    /**
     * The key for {@code purpose} (e.g. {@code cache}) as 64 hex characters, derived with the RSA key
     * {@code keyLabel}; fails with {@link CacheException} if the key's signatures are not
     * deterministic (an EC key would make every restart lose the store).
     */
    public static CompletableFuture<char[]> derive(Token token, String keyLabel, String purpose) {
        byte[] message = (CONTEXT + purpose).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<byte[]> first = token.sign(keyLabel, SignatureAlgorithm.SHA256_WITH_RSA, message);
        CompletableFuture<byte[]> second = token.sign(keyLabel, SignatureAlgorithm.SHA256_WITH_RSA, message);
        return first.thenCombine(second, (a, b) -> {
            try {
                if (!Arrays.equals(a, b)) {
                    throw new CacheException("storage key " + keyLabel + " on " + token.name()
                            + " gives a different signature each time (expected: an RSA key)");
                }
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(a);
                char[] hex = new char[digest.length * 2];
                for (int i = 0; i < digest.length; i++) {
                    hex[2 * i] = Character.forDigit((digest[i] >> 4) & 0xF, 16);
                    hex[2 * i + 1] = Character.forDigit(digest[i] & 0xF, 16);
                }
                Arrays.fill(digest, (byte) 0);
                return hex;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            } finally {
                Arrays.fill(a, (byte) 0);
                Arrays.fill(b, (byte) 0);
            }
        });
    }
}
