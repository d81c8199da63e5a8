package lv.sargs.hsm.cms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * CMS EnvelopedData (RFC 5652) to one or more recipient certificates, content in AES-256-CBC: RSA
 * recipients by key transport (RSAES-PKCS1-v1_5), EC recipients by ephemeral-static ECDH with the
 * SHA-256 KDF and AES-256 key wrap (RFC 5753) — the public-key half of Latvijas Banka's
 * {@code .p7m}; it needs no token, and streams with bounded memory.
 */
public final class CmsEncryptor {

    private static final int BUFFER = 64 * 1024;
    // The JDK has no ECDH with the X9.63 SHA-256 KDF; BouncyCastle's provider, used here only, not registered.
    private static final Provider BC = new BouncyCastleProvider();

    private final List<X509Certificate> recipients;

    public CmsEncryptor(List<X509Certificate> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("CMS recipients: none (expected: at least one certificate)");
        }
        for (X509Certificate r : recipients) {
            String algorithm = r.getPublicKey().getAlgorithm();
            if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
                throw new IllegalArgumentException("CMS recipient " + r.getSubjectX500Principal().getName()
                        + ": " + algorithm + " key (expected: RSA or EC)");
            }
        }
        this.recipients = List.copyOf(recipients);
    }

    /** The DER-free (BER) EnvelopedData of {@code content}, in memory: for small content only. */
    public byte[] encrypt(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
        try (OutputStream in = open(out)) {
            in.write(content);
        }
        return out.toByteArray();
    }

    /**
     * A stream taking the content: closing it finishes the EnvelopedData on {@code out} (BER,
     * indefinite lengths), but does not close {@code out}. A fresh content key, and fresh ephemeral
     * ECDH keys, for every call.
     */
    public OutputStream open(OutputStream out) throws IOException {
        try {
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            generator.setBufferSize(BUFFER);
            for (X509Certificate recipient : recipients) {
                if (recipient.getPublicKey() instanceof ECPublicKey ec) {
                    KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC");
                    ephemeral.initialize(ec.getParams());
                    KeyPair pair = ephemeral.generateKeyPair();
                    generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                            pair.getPrivate(), pair.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(BC).addRecipient(recipient));
                } else {
                    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
                }
            }
            return generator.open(out, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
        } catch (CMSException | GeneralSecurityException e) {
            throw new IOException("cannot start CMS EnvelopedData to " + recipients.size() + " recipient(s): "
                    + e.getMessage(), e);
        }
    }
}
