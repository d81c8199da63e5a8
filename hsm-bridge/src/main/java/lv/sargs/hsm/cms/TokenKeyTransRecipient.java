package lv.sargs.hsm.cms;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.core.TokenExecutor;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputDecryptor;

/**
 * A CMS key-transport recipient whose RSA private key stays on the token: the token decrypts the
 * content key, and the content is decrypted in software (AES-CBC) as it streams.
 */
final class TokenKeyTransRecipient implements KeyTransRecipient {

    private final Token token;
    private final String label;
    private final Duration timeout;

    TokenKeyTransRecipient(Token token, String label, Duration timeout) {
        this.token = token;
        this.label = label;
        this.timeout = timeout;
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption,
                                                  byte[] encryptedContentKey) throws CMSException {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyEncryption.getAlgorithm())) {
            throw new CMSException(token.name() + ": key transport " + keyEncryption.getAlgorithm()
                    + " for key '" + label + "' (expected: rsaEncryption)");
        }
        ASN1ObjectIdentifier content = contentEncryption.getAlgorithm();
        if (!content.equals(NISTObjectIdentifiers.id_aes256_CBC) && !content.equals(NISTObjectIdentifiers.id_aes192_CBC)
                && !content.equals(NISTObjectIdentifiers.id_aes128_CBC)) {
            throw new CMSException(token.name() + ": content encryption " + content + " (expected: AES-CBC)");
        }
        byte[] key = TokenExecutor.await(token.decrypt(label, encryptedContentKey), timeout,
                token.name() + ": decrypting the content key with key '" + label + "'");
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            byte[] iv = ASN1OctetString.getInstance(contentEncryption.getParameters()).getOctets();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return new RecipientOperator(new InputDecryptor() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return contentEncryption;
                }

                @Override
                public InputStream getInputStream(InputStream encrypted) {
                    return new CipherInputStream(encrypted, cipher);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new CMSException(token.name() + ": cannot start AES decryption for key '" + label + "'", e);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }
}
