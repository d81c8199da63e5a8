package lv.sargs.hsm.cms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * Opens CMS EnvelopedData addressed to a token RSA key (by its certificate), streaming the
 * content: the token decrypts only the content key. Blocks for the token (at most
 * {@code timeout}): call it off event loops.
 */
public final class CmsDecryptor {

    private final Token token;
    private final String label;
    private final X509Certificate certificate;
    private final Duration timeout;

    public CmsDecryptor(Token token, String label, X509Certificate certificate, Duration timeout) {
        this.token = token;
        this.label = label;
        this.certificate = certificate;
        this.timeout = timeout;
    }

    /** The decrypted content of the EnvelopedData read from {@code envelopedData}, as a stream. */
    public InputStream open(InputStream envelopedData) throws IOException {
        try {
            CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(envelopedData);
            RecipientInformation recipient = parser.getRecipientInfos().get(new JceKeyTransRecipientId(certificate));
            if (recipient == null) {
                throw new TokenException(Code.KEY_NOT_FOUND, token.name() + ": the message is not encrypted to key '"
                        + label + "' (certificate " + certificate.getSubjectX500Principal().getName() + ", serial "
                        + certificate.getSerialNumber().toString(16) + ")");
            }
            return recipient.getContentStream(new TokenKeyTransRecipient(token, label, timeout)).getContentStream();
        } catch (CMSException e) {
            if (e.getCause() instanceof TokenException te) {
                throw te;
            }
            throw new IOException(token.name() + ": cannot decrypt CMS for key '" + label + "': " + e.getMessage(), e);
        }
    }

    /** The decrypted content of {@code envelopedData}, in memory: for small messages only. */
    public byte[] decrypt(byte[] envelopedData) throws IOException {
        try (InputStream content = open(new ByteArrayInputStream(envelopedData))) {
            return content.readAllBytes();
        }
    }
}
