package lv.sargs.gateway.listener;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenHealth;

/** A real token (the demo token) that counts its {@code sign} calls and keeps the last algorithm asked for. */
final class SignCountingToken implements Token {

    private final Token token;
    final AtomicInteger signatures = new AtomicInteger();
    volatile SignatureAlgorithm lastAlgorithm;

    SignCountingToken(Token token) {
        this.token = token;
    }

    @Override
    public CompletableFuture<byte[]> sign(String label, SignatureAlgorithm algorithm, byte[] data) {
        signatures.incrementAndGet();
        lastAlgorithm = algorithm;
        return token.sign(label, algorithm, data);
    }

    @Override
    public String name() {
        return token.name();
    }

    @Override
    public boolean forProduction() {
        return token.forProduction();
    }

    @Override
    public TokenHealth health() {
        return token.health();
    }

    @Override
    public void onHealthChange(Consumer<TokenHealth> listener) {
        token.onHealthChange(listener);
    }

    @Override
    public List<KeyInfo> listKeys() {
        return token.listKeys();
    }

    @Override
    public KeyInfo generateKeyPair(String label, KeySpec spec) {
        return token.generateKeyPair(label, spec);
    }

    @Override
    public void importCertificateChain(String label, List<X509Certificate> chain) {
        token.importCertificateChain(label, chain);
    }

    @Override
    public void deleteKey(String label) {
        token.deleteKey(label);
    }

    @Override
    public List<X509Certificate> certificateChain(String label) {
        return token.certificateChain(label);
    }

    @Override
    public X509ExtendedKeyManager keyManager(String label, List<X509Certificate> chain) {
        return token.keyManager(label, chain);
    }

    @Override
    public void close() {
        token.close();
    }
}
