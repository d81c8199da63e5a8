package lv.sargs.hsm.demo;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import lv.sargs.hsm.TokenHealth;
import lv.sargs.hsm.core.Certificates;
import lv.sargs.hsm.core.Signatures;
import lv.sargs.hsm.core.TokenExecutor;
import lv.sargs.hsm.tls.FixedKeyManager;

/**
 * The demo's token: the same contract as a PKCS#11 token, with keys generated and kept in this
 * JVM's memory; it always reports itself usable with a reason saying it is not for production.
 */
public final class DemoToken implements Token {

    /** The health reason the demo token always reports. */
    public static final String REASON = "demo token: keys in memory, NOT FOR PRODUCTION";

    private static final String NAME = "token 'demo' (in memory)";

    private final TokenExecutor executor = new TokenExecutor(NAME, 256, Duration.ofSeconds(10));
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<TokenHealth>> listeners = new CopyOnWriteArrayList<>();
    private final TokenHealth health = new TokenHealth(true, REASON, Instant.now());

    private record Entry(KeySpec spec, KeyPair keys, byte[] id, List<X509Certificate> chain) {
    }

    private DemoToken() {
    }

    /** A fresh demo token with no keys. */
    public static DemoToken create() {
        return new DemoToken();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean forProduction() {
        return false;
    }

    @Override
    public TokenHealth health() {
        return health;
    }

    @Override
    public void onHealthChange(Consumer<TokenHealth> listener) {
        listeners.add(listener);
    }

    @Override
    public List<KeyInfo> listKeys() {
        return executor.call("list keys", () -> {
            List<KeyInfo> keys = new ArrayList<>();
            entries.forEach((label, e) -> keys.add(info(label, e)));
            keys.sort(Comparator.comparing(KeyInfo::label));
            return keys;
        });
    }

    @Override
    public KeyInfo generateKeyPair(String label, KeySpec spec) {
        return executor.call("generate key '" + label + "'", () -> {
            if (entries.containsKey(label)) {
                throw new TokenException(Code.KEY_EXISTS, NAME + ": key '" + label + "' already exists");
            }
            KeyPair keys = generate(spec);
            Entry entry = new Entry(spec, keys, Certificates.keyId(keys.getPublic()), List.of());
            entries.put(label, entry);
            return info(label, entry);
        });
    }

    @Override
    public void importCertificateChain(String label, List<X509Certificate> chain) {
        executor.call("import certificate chain for key '" + label + "'", () -> {
            Entry entry = entry(label);
            Certificates.requireMatch(NAME, label, entry.keys().getPublic(), chain);
            entries.put(label, new Entry(entry.spec(), entry.keys(), entry.id(), List.copyOf(chain)));
            return null;
        });
    }

    @Override
    public void deleteKey(String label) {
        executor.call("delete key '" + label + "'", () -> {
            if (entries.remove(label) == null) {
                throw notFound(label);
            }
            return null;
        });
    }

    @Override
    public List<X509Certificate> certificateChain(String label) {
        return executor.call("read certificate chain of key '" + label + "'", () -> entry(label).chain());
    }

    @Override
    public CompletableFuture<byte[]> sign(String label, SignatureAlgorithm algorithm, byte[] data) {
        return executor.submit("sign with key '" + label + "'", () -> {
            Entry entry = entry(label);
            Signatures.requireFits(algorithm, entry.keys().getPrivate(), NAME, label);
            Signature signature = Signatures.forSigning(algorithm, entry.keys().getPrivate(), null);
            signature.update(data);
            return signature.sign();
        });
    }

    @Override
    public CompletableFuture<byte[]> decrypt(String label, byte[] ciphertext) {
        return executor.submit("decrypt with key '" + label + "'", () -> {
            Entry entry = entry(label);
            if (!entry.spec().algorithm().equals("RSA")) {
                throw new TokenException(Code.UNSUPPORTED, NAME + ": key '" + label + "' is " + entry.spec()
                        + ", cannot decrypt (expected: an RSA key)");
            }
            return Signatures.forDecrypting(entry.keys().getPrivate(), null).doFinal(ciphertext);
        });
    }

    @Override
    public X509ExtendedKeyManager keyManager(String label, List<X509Certificate> chain) {
        return executor.call("make a key manager for key '" + label + "'", () -> {
            Entry entry = entry(label);
            Certificates.requireMatch(NAME, label, entry.keys().getPublic(), chain);
            return new FixedKeyManager(label, entry.keys().getPrivate(), chain);
        });
    }

    @Override
    public void close() {
        executor.close();
        entries.clear();
    }

    @Override
    public String toString() {
        return NAME;
    }

    private Entry entry(String label) {
        Entry entry = entries.get(label);
        if (entry == null) {
            throw notFound(label);
        }
        return entry;
    }

    private static TokenException notFound(String label) {
        return new TokenException(Code.KEY_NOT_FOUND, NAME + ": no key '" + label + "'");
    }

    private static KeyInfo info(String label, Entry e) {
        return new KeyInfo(label, Certificates.hex(e.id()), e.spec(), e.keys().getPublic(), e.chain());
    }

    private static KeyPair generate(KeySpec spec) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.algorithm());
        if (spec.algorithm().equals("EC")) {
            generator.initialize(new ECGenParameterSpec(spec.bits() == 256 ? "secp256r1" : "secp384r1"));
        } else {
            generator.initialize(spec.bits());
        }
        return generator.generateKeyPair();
    }
}
