package lv.sargs.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority minted in memory, issuing server, client and signing
 * certificates for tests, the sandbox and the demo — the okhttp {@code HeldCertificate} idea.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("Test CA");
 * HeldCertificate server = ca.issue("localhost").server("localhost", "127.0.0.1").build();
 * HeldCertificate client = ca.issue("core-banking").client().build();
 * X509Certificate forTokenKey = ca.issue("viss-client").client().certify(tokenPublicKey);
 * }</pre>
 */
public final class CertificateAuthority {

    /** Key types a minted certificate can carry. */
    public enum KeyType { EC_P256, EC_P384, RSA_2048 }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HeldCertificate root;

    private CertificateAuthority(HeldCertificate root) {
        this.root = root;
    }

    /** A new self-signed root (EC P-256, valid from an hour ago for ten years). */
    public static CertificateAuthority create(String commonName) {
        return create(commonName, KeyType.EC_P256);
    }

    /** A new self-signed root with the given key type. */
    public static CertificateAuthority create(String commonName, KeyType keyType) {
        KeyPair keys = generate(keyType);
        X500Principal name = new X500Principal("CN=" + commonName);
        Instant now = Instant.now();
        X509Certificate cert = new Issuance(null, name, keys.getPublic(), keys.getPrivate(), name)
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)))
                .ca()
                .sign();
        return new CertificateAuthority(new HeldCertificate(keys, cert, List.of(cert)));
    }

    /** The root certificate, to configure as trusted. */
    public X509Certificate certificate() {
        return root.certificate();
    }

    /** The root as PEM. */
    public String certificatePem() {
        return root.certificatePem();
    }

    /** Writes the root certificate as PEM. */
    public void writeCertificatePem(Path file) throws IOException {
        java.nio.file.Files.writeString(file, certificatePem(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The root with its key, e.g. to sign an intermediate CA. */
    public HeldCertificate held() {
        return root;
    }

    /** Starts a certificate for {@code commonName}, issued by this CA. */
    public Issuance issue(String commonName) {
        return new Issuance(this, new X500Principal("CN=" + commonName), null, root.keyPair().getPrivate(),
                root.certificate().getSubjectX500Principal());
    }

    /** A certificate under construction; defaults: EC P-256, valid from an hour ago for a year. */
    public static final class Issuance {
        private final CertificateAuthority ca;
        private final X500Principal subject;
        private final X500Principal issuer;
        private final java.security.PrivateKey issuerKey;
        private PublicKey publicKey;
        private KeyType keyType = KeyType.EC_P256;
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private final List<GeneralName> sans = new ArrayList<>();
        private final List<KeyPurposeId> purposes = new ArrayList<>();
        private boolean isCa;
        private int keyUsage = KeyUsage.digitalSignature;

        private Issuance(CertificateAuthority ca, X500Principal subject, PublicKey publicKey,
                         java.security.PrivateKey issuerKey, X500Principal issuer) {
            this.ca = ca;
            this.subject = subject;
            this.publicKey = publicKey;
            this.issuerKey = issuerKey;
            this.issuer = issuer;
        }

        /** A TLS server certificate for these DNS names and IP literals. */
        public Issuance server(String... hosts) {
            for (String host : hosts) {
                sans.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                        : new GeneralName(GeneralName.dNSName, host));
            }
            purposes.add(KeyPurposeId.id_kp_serverAuth);
            keyUsage |= KeyUsage.keyEncipherment;
            return this;
        }

        /** A TLS client certificate. */
        public Issuance client() {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
            return this;
        }

        /** A certificate for CMS signing and key transport/agreement (statistics files). */
        public Issuance cms() {
            keyUsage |= KeyUsage.nonRepudiation | KeyUsage.keyEncipherment | KeyUsage.keyAgreement;
            return this;
        }

        /** A subordinate CA. */
        public Issuance ca() {
            isCa = true;
            keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
            return this;
        }

        /** The key type of the generated key pair (ignored by {@link #certify}). */
        public Issuance keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        /** The validity period, e.g. in the past to mint an expired certificate. */
        public Issuance validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** Generates a key pair and issues its certificate. */
        public HeldCertificate build() {
            KeyPair keys = generate(keyType);
            this.publicKey = keys.getPublic();
            X509Certificate cert = sign();
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (ca != null && ca.root.chain().size() > 1) {
                chain.addAll(ca.root.chain().subList(0, ca.root.chain().size() - 1));
            }
            return new HeldCertificate(keys, cert, chain);
        }

        /** Issues a certificate for a key pair held elsewhere, e.g. on a token. */
        public X509Certificate certify(PublicKey key) {
            this.publicKey = key;
            return sign();
        }

        private X509Certificate sign() {
            try {
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, publicKey);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                if (!purposes.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
                }
                ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey);
                return new JcaX509CertificateConverter().getCertificate(b.build(signer));
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot mint a certificate for " + subject, e);
            }
        }
    }

    private static String signatureAlgorithm(java.security.PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        return host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** A fresh key pair of the given type. */
    public static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator g;
            switch (type) {
                case RSA_2048 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, RANDOM);
                }
                case EC_P384 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
                }
                default -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                }
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key pair", e);
        }
    }

}
