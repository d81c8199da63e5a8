package lv.sargs.gateway.statistics.protect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import lv.sargs.gateway.statistics.StatisticsException;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs with the bank's key on a {@link Token} (CMS SignedData, content encapsulated, SHA-256) and
 * encrypts the result (CMS EnvelopedData, AES-256-CBC) to every Latvijas Banka certificate — RSA
 * key transport, or ECDH P-384 with an ephemeral key per recipient — streaming both layers.
 */
public final class CmsFileProtector implements FileProtector {

    /** Size of the BER octet-string chunks of both layers; fixes the per-chunk overhead. */
    static final int CHUNK = 64 * 1024;
    /** Tag and the longest length encoding of one chunk. */
    private static final int CHUNK_HEADER = 6;
    /** Slack for the structure around the content: OIDs, algorithm parameters, attributes, end-of-contents. */
    private static final int STRUCTURE = 4096;
    /** Bound for the signature, a recipient's wrapped key and originator key, beyond its certificate's size. */
    private static final int PER_KEY = 1024;
    /** Only for ECDH with the X9.63 KDF, which the JDK lacks; bulk hashing and AES stay on the JDK's intrinsics. */
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Token token;
    private final String keyLabel;
    private final List<X509Certificate> signerChain;
    private final SignatureAlgorithm algorithm;
    private final List<X509Certificate> recipients;
    private final Duration signWait;
    private final long fixedOverhead;

    /**
     * @param token the token holding the bank's signing key
     * @param keyLabel the key's label; its certificate chain must be imported on the token
     * @param recipients every Latvijas Banka certificate published for statistics (RSA-2048+ or EC P-384)
     * @param signWait how long to wait for the token's signature
     * @throws StatisticsException {@code CONFIGURATION} when the key has no certificate or a recipient is unusable
     */
    public CmsFileProtector(Token token, String keyLabel, List<X509Certificate> recipients, Duration signWait) {
        this.token = token;
        this.keyLabel = keyLabel;
        this.signerChain = List.copyOf(token.certificateChain(keyLabel));
        this.recipients = List.copyOf(recipients);
        this.signWait = signWait;
        if (signerChain.isEmpty()) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, "statistics.signingKey: '" + keyLabel
                    + "' on " + token.name() + " has no certificate (expected: the bank's signing certificate imported)");
        }
        if (this.recipients.isEmpty()) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                    "statistics.recipients: empty (expected: every Latvijas Banka certificate for statistics)");
        }
        for (int i = 0; i < this.recipients.size(); i++) {
            checkRecipient(i, this.recipients.get(i));
        }
        this.algorithm = signerChain.get(0).getPublicKey() instanceof RSAPublicKey
                ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
        long fixed = STRUCTURE + PER_KEY;
        try {
            for (X509Certificate c : signerChain) {
                fixed += 2L * c.getEncoded().length;
            }
            for (X509Certificate c : this.recipients) {
                fixed += c.getEncoded().length + PER_KEY;
            }
        } catch (CertificateEncodingException e) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, "a certificate cannot be encoded", e);
        }
        this.fixedOverhead = fixed;
    }

    @Override
    public long overheadBound(long plainBytes) {
        long signed = plainBytes + chunkHeaders(plainBytes) + fixedOverhead;
        long encrypted = signed + 16;
        return encrypted + chunkHeaders(encrypted) - plainBytes;
    }

    private static long chunkHeaders(long bytes) {
        return (bytes / CHUNK + 1) * CHUNK_HEADER;
    }

    @Override
    public void protect(InputStream plain, OutputStream p7m) throws IOException {
        try {
            CMSEnvelopedDataStreamGenerator enveloped = new CMSEnvelopedDataStreamGenerator();
            enveloped.setBufferSize(CHUNK);
            for (X509Certificate recipient : recipients) {
                enveloped.addRecipientInfoGenerator(recipientInfo(recipient));
            }
            CMSSignedDataStreamGenerator signed = new CMSSignedDataStreamGenerator();
            signed.setBufferSize(CHUNK);
            signed.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new TokenContentSigner(token, keyLabel, algorithm, signWait), signerChain.get(0)));
            signed.addCertificates(new JcaCertStore(signerChain));
            try (OutputStream envelope = enveloped.open(nonClosing(p7m), new JceCMSContentEncryptorBuilder(
                    CMSAlgorithm.AES256_CBC).setSecureRandom(RANDOM).build());
                 OutputStream content = signed.open(envelope, true)) {
                plain.transferTo(content);
            }
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "cannot sign and encrypt with key '" + keyLabel + "': " + e.getMessage(), e);
        }
    }

    private static RecipientInfoGenerator recipientInfo(X509Certificate recipient)
            throws CertificateEncodingException {
        if (recipient.getPublicKey() instanceof RSAPublicKey) {
            return new JceKeyTransRecipientInfoGenerator(recipient).setProvider(BC);
        }
        KeyPair ephemeral = ephemeralP384();
        return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(recipient).setProvider(BC).setSecureRandom(RANDOM);
    }

    private static KeyPair ephemeralP384() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp384r1"), RANDOM);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "cannot generate an ephemeral P-384 key for ECDH", e);
        }
    }

    private static void checkRecipient(int index, X509Certificate cert) {
        String where = "statistics.recipients[" + index + "]: " + cert.getSubjectX500Principal();
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                        where + " RSA-" + rsa.getModulus().bitLength() + " (expected: RSA-2048 or longer, or EC P-384)");
            }
        } else if (cert.getPublicKey() instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 384) {
                throw new StatisticsException(StatisticsException.Code.CONFIGURATION, where + " EC "
                        + ec.getParams().getCurve().getField().getFieldSize() + "-bit (expected: EC P-384 or RSA-2048)");
            }
        } else {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                    where + " " + cert.getPublicKey().getAlgorithm() + " (expected: RSA-2048 or EC P-384)");
        }
    }

    /** The CMS generators close the stream they write to; the caller owns {@code out}. */
    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
