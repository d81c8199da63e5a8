package lv.sargs.hsm.pkcs11;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import lv.sargs.hsm.core.Certificates;
import lv.sargs.hsm.core.Signatures;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One SunPKCS11 provider instance logged in to the token, with its key store and the worker's
 * caches of key handles and initialised signatures; replaced as a whole when the token recovers.
 * All methods except {@link #open}, {@link #release} and {@link #privateKey} run on the token's
 * worker thread.
 */
final class LoggedInProvider {

    private final String tokenName;
    private final Provider provider;
    private final KeyStore keyStore;
    // Read by TLS handshakes on their own threads too; PKCS#11 key stores are synchronized.
    private final Map<String, PrivateKey> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Signature[]> signatures = new HashMap<>();

    private LoggedInProvider(String tokenName, Provider provider, KeyStore keyStore) {
        this.tokenName = tokenName;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Configures a new SunPKCS11 instance for the slot, logs in with {@code pin} and registers the
     * provider, so JSSE can find it for the TLS key manager's token keys.
     */
    static LoggedInProvider open(String tokenName, String label, Cryptoki cryptoki, int slotListIndex, char[] pin) {
        Provider template = Security.getProvider("SunPKCS11");
        if (template == null) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": this JVM has no SunPKCS11 provider"
                    + " (expected: a JDK runtime with module jdk.crypto.cryptoki)");
        }
        Provider provider;
        try {
            provider = template.configure("--" + ProviderConfig.text(ProviderConfig.uniqueName(label),
                    cryptoki.library(), slotListIndex));
        } catch (RuntimeException e) {
            throw Pkcs11Errors.map(tokenName, "configuring SunPKCS11", e);
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            Security.addProvider(provider);
            return new LoggedInProvider(tokenName, provider, keyStore);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw Pkcs11Errors.map(tokenName, "login", e);
        }
    }

    Provider provider() {
        return provider;
    }

    /** Unregisters the provider; its native sessions are released with it. */
    void release() {
        Security.removeProvider(provider.getName());
    }

    byte[] sign(String label, SignatureAlgorithm algorithm, byte[] data) throws GeneralSecurityException {
        Signature[] byAlgorithm = signatures.computeIfAbsent(label, l -> new Signature[SignatureAlgorithm.values().length]);
        Signature signature = byAlgorithm[algorithm.ordinal()];
        if (signature == null) {
            PrivateKey key = privateKey(label);
            Signatures.requireFits(algorithm, key, tokenName, label);
            signature = Signatures.forSigning(algorithm, key, provider);
            byAlgorithm[algorithm.ordinal()] = signature;
        }
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            // A failed operation can leave the native session mid-operation; start afresh next time.
            byAlgorithm[algorithm.ordinal()] = null;
            throw e;
        }
    }

    byte[] decrypt(String label, byte[] ciphertext) throws GeneralSecurityException {
        PrivateKey key = privateKey(label);
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new TokenException(Code.UNSUPPORTED, tokenName + ": key '" + label + "' is " + key.getAlgorithm()
                    + ", cannot decrypt (expected: an RSA key)");
        }
        return Signatures.forDecrypting(key, provider).doFinal(ciphertext);
    }

    PrivateKey privateKey(String label) throws GeneralSecurityException {
        PrivateKey key = keys.get(label);
        if (key == null) {
            if (!keyStore.isKeyEntry(label)) {
                throw new TokenException(Code.KEY_NOT_FOUND, tokenName + ": no key '" + label + "'");
            }
            key = (PrivateKey) keyStore.getKey(label, null);
            keys.put(label, key);
        }
        return key;
    }

    KeyInfo generate(String label, KeySpec spec) throws GeneralSecurityException {
        if (keyStore.containsAlias(label)) {
            throw new TokenException(Code.KEY_EXISTS, tokenName + ": key '" + label + "' already exists");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.algorithm(), provider);
        if (spec.algorithm().equals("EC")) {
            generator.initialize(new ECGenParameterSpec(spec == KeySpec.EC_P256 ? "secp256r1" : "secp384r1"));
        } else {
            generator.initialize(spec.bits());
        }
        KeyPair pair = generator.generateKeyPair();
        X509Certificate placeholder = Placeholder.signed(tokenName, label, spec, pair, provider);
        // Storing the entry gives the key its CKA_ID; the placeholder keeps it listed until the real chain comes.
        keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {placeholder});
        forget(label);
        return info(label);
    }

    void importChain(String label, List<X509Certificate> chain) throws GeneralSecurityException {
        PrivateKey key = privateKey(label);
        Certificates.requireMatch(tokenName, label, keyStore.getCertificate(label).getPublicKey(), chain);
        keyStore.setKeyEntry(label, key, null, chain.toArray(new Certificate[0]));
        forget(label);
    }

    void delete(String label) throws GeneralSecurityException {
        if (!keyStore.isKeyEntry(label)) {
            throw new TokenException(Code.KEY_NOT_FOUND, tokenName + ": no key '" + label + "'");
        }
        keyStore.deleteEntry(label);
        forget(label);
    }

    List<X509Certificate> chain(String label) throws GeneralSecurityException {
        if (!keyStore.isKeyEntry(label)) {
            throw new TokenException(Code.KEY_NOT_FOUND, tokenName + ": no key '" + label + "'");
        }
        Certificate[] stored = keyStore.getCertificateChain(label);
        List<X509Certificate> chain = new ArrayList<>();
        if (stored != null) {
            for (Certificate c : stored) {
                chain.add((X509Certificate) c);
            }
        }
        if (!chain.isEmpty() && Certificates.isPlaceholder(chain.get(0))) {
            return List.of();
        }
        return chain;
    }

    List<KeyInfo> list() throws GeneralSecurityException {
        List<KeyInfo> infos = new ArrayList<>();
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias)) {
                infos.add(info(alias));
            }
        }
        infos.sort(java.util.Comparator.comparing(KeyInfo::label));
        return infos;
    }

    KeyInfo info(String label) throws GeneralSecurityException {
        X509Certificate leaf = (X509Certificate) keyStore.getCertificate(label);
        return new KeyInfo(label, Certificates.hex(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                spec(leaf), leaf.getPublicKey(), chain(label));
    }

    /**
     * The self-signed placeholder a new key is stored with, signed on the token. A class of its own
     * so that BouncyCastle's classes load only when a key is generated: the JVM would otherwise load
     * the exception this catches when it verifies {@code LoggedInProvider} at every start, and the
     * first class from BouncyCastle's signed jar costs a verification of the whole jar's signature.
     */
    private static final class Placeholder {

        static X509Certificate signed(String tokenName, String label, KeySpec spec, KeyPair pair, Provider provider) {
            try {
                String bcAlgorithm = spec.algorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                return Certificates.placeholder(label, pair.getPublic(),
                        new JcaContentSignerBuilder(bcAlgorithm).setProvider(provider).build(pair.getPrivate()));
            } catch (OperatorCreationException e) {
                throw new TokenException(Code.OPERATION_FAILED, tokenName + ": cannot sign a placeholder for key '"
                        + label + "'", e);
            }
        }
    }

    private void forget(String label) {
        keys.remove(label);
        signatures.remove(label);
    }

    private KeySpec spec(X509Certificate leaf) {
        if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() > 2048 ? KeySpec.RSA_3072 : KeySpec.RSA_2048;
        }
        int bits = ((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize();
        return bits > 256 ? KeySpec.EC_P384 : KeySpec.EC_P256;
    }
}
