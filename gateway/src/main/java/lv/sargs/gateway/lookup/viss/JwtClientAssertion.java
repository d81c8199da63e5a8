package lv.sargs.gateway.lookup.viss;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.oauth.ClientAssertion;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.jws.ClientAssertions;
import lv.sargs.hsm.jws.JwsSigner;

/**
 * VISS's JWT client assertion (docs/protocols.md §1): RS256 on the token with the key of the TLS client
 * certificate, header {@code typ}, {@code x5c}, {@code x5t}; claims {@code iss} = {@code sub} =
 * client id, {@code aud}, a fresh {@code jti}, {@code iat}/{@code nbf} now, {@code exp} ahead by
 * the configured lifetime. Signing runs on the token's executor; no thread waits for it.
 */
final class JwtClientAssertion implements ClientAssertion {

    /** The purpose a key use is audited under. */
    static final String PURPOSE = "jwt-client-assertion";

    private final JwsSigner signer;
    private final VissSettings settings;
    private final Clock clock;
    private final String keyLabel;
    private final BiConsumer<String, String> keyUsed;

    /** @param keyUsed told (key label, purpose) of each assertion signed, for the audit trail */
    JwtClientAssertion(Token token, ClientKey key, VissSettings settings, Clock clock,
                       BiConsumer<String, String> keyUsed) {
        this.signer = new JwsSigner(token, key.label(), SignatureAlgorithm.SHA256_WITH_RSA, key.chain());
        this.settings = settings;
        this.clock = clock;
        this.keyLabel = key.label();
        this.keyUsed = keyUsed;
    }

    @Override
    public CompletableFuture<String> next() {
        CompletableFuture<String> jwt = signer.sign(ClientAssertions.claims(settings.oauth().clientId(),
                settings.audience(), clock.instant(), settings.assertionLifetime()));
        jwt.thenRun(() -> keyUsed.accept(keyLabel, PURPOSE));
        return jwt;
    }
}
