package lv.sargs.gateway.statistics.protect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.cms.CmsEncryptor;
import lv.sargs.hsm.cms.CmsSigner;
import lv.sargs.hsm.cms.SignedEnvelopes;

/**
 * Protects a statistics file with hsm-bridge's streaming CMS: SignedData (content encapsulated,
 * SHA-256, the bank's key on the token signing only the signed attributes) inside EnvelopedData
 * (AES-256-CBC) to every Latvijas Banka certificate — RSA key transport, or ECDH P-384 with a fresh
 * ephemeral key per recipient — and bounds the bytes that adds.
 */
public final class CmsFileProtector implements FileProtector {

    /**
     * The BER octet-string chunk of both layers in hsm-bridge's {@code CmsSigner} and
     * {@code CmsEncryptor}; the bound below rests on it, and every produced file's real size is
     * checked against the limit anyway.
     */
    static final int CHUNK = 64 * 1024;
    /** Tag and the longest length encoding of one chunk. */
    private static final int CHUNK_HEADER = 6;
    /** Slack for the structure around the content: OIDs, algorithm parameters, attributes, end-of-contents. */
    private static final int STRUCTURE = 4096;
    /** Bound for the signature, and for a recipient's wrapped key and originator key, beyond its certificate's size. */
    private static final int PER_KEY = 1024;

    private final CmsSigner signer;
    private final CmsEncryptor encryptor;
    private final String keyLabel;
    private final long fixedOverhead;

    /**
     * @param token the token holding the bank's signing key
     * @param keyLabel the key's label; its certificate chain must be imported on the token
     * @param recipients every Latvijas Banka certificate published for statistics (RSA-2048+ or EC P-384)
     * @param signWait how long to wait for the token's signature
     * @throws StatisticsException {@code CONFIGURATION} when the key has no certificate or a recipient is unusable
     */
    public CmsFileProtector(Token token, String keyLabel, List<X509Certificate> recipients, Duration signWait) {
        List<X509Certificate> chain = token.certificateChain(keyLabel);
        if (chain.isEmpty()) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, "statistics.signingKeyLabel: '"
                    + keyLabel + "' on " + token.name() + " has no certificate (expected: the bank's signing"
                    + " certificate imported for it)");
        }
        if (recipients.isEmpty()) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                    "statistics.recipients: none (expected: every Latvijas Banka certificate for statistics)");
        }
        for (int i = 0; i < recipients.size(); i++) {
            checkRecipient(i, recipients.get(i));
        }
        SignatureAlgorithm algorithm = chain.get(0).getPublicKey() instanceof RSAPublicKey
                ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
        this.keyLabel = keyLabel;
        this.signer = new CmsSigner(token, keyLabel, algorithm, chain, signWait);
        this.encryptor = new CmsEncryptor(recipients);
        this.fixedOverhead = STRUCTURE + PER_KEY + 2 * encodedSize(chain) + encodedSize(recipients)
                + (long) PER_KEY * recipients.size();
    }

    @Override
    public long overheadBound(long plainBytes) {
        long signed = plainBytes + chunkHeaders(plainBytes) + fixedOverhead;
        long encrypted = signed + 16;
        return encrypted + chunkHeaders(encrypted) - plainBytes;
    }

    @Override
    public void protect(InputStream plain, OutputStream p7m) throws IOException {
        try {
            SignedEnvelopes.signThenEncrypt(plain, p7m, signer, encryptor);
        } catch (TokenException e) {
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "cannot sign with key '" + keyLabel + "': " + e.getMessage(), e);
        }
    }

    private static long chunkHeaders(long bytes) {
        return (bytes / CHUNK + 1) * CHUNK_HEADER;
    }

    private static long encodedSize(List<X509Certificate> certificates) {
        long size = 0;
        for (X509Certificate c : certificates) {
            try {
                size += c.getEncoded().length;
            } catch (CertificateEncodingException e) {
                throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                        c.getSubjectX500Principal() + ": cannot be encoded (" + e.getMessage() + ")", e);
            }
        }
        return size;
    }

    private static void checkRecipient(int index, X509Certificate cert) {
        String where = "statistics.recipients[" + index + "]: " + cert.getSubjectX500Principal();
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                        where + " RSA-" + rsa.getModulus().bitLength() + " (expected: RSA-2048 or longer, or EC P-384)");
            }
        } else if (cert.getPublicKey() instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 384) {
                throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                        where + " EC " + bits + "-bit (expected: EC P-384 or RSA-2048)");
            }
        } else {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION,
                    where + " " + cert.getPublicKey().getAlgorithm() + " (expected: RSA-2048 or EC P-384)");
        }
    }
}
