package lv.sargs.sandbox.lb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Collection;
import java.util.List;
import lv.sargs.testkit.HeldCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Opens an uploaded {@code .p7m} as Latvijas Banka would: decrypts the EnvelopedData with one of
 * its own keys, streams the encapsulated content to a file, and verifies the SignedData against the
 * bank's registered certificate. Software keys: this is a simulator.
 */
final class P7mOpener {

    /** Why a file could not be opened; the message goes into the reply. */
    static final class Refused extends Exception {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Provider BC = new BouncyCastleProvider();

    private final List<HeldCertificate> lbKeys;

    P7mOpener(List<HeldCertificate> lbKeys) {
        this.lbKeys = List.copyOf(lbKeys);
    }

    /** Decrypts and verifies {@code p7m}, writing the signed content to {@code plain}. */
    void open(Path p7m, X509Certificate signer, Path plain) throws Refused, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p7m), 64 * 1024)) {
            CMSEnvelopedDataParser enveloped = new CMSEnvelopedDataParser(in);
            RecipientInformation recipient = null;
            HeldCertificate key = null;
            for (HeldCertificate candidate : lbKeys) {
                X509Certificate cert = candidate.certificate();
                RecipientId id = cert.getPublicKey() instanceof ECPublicKey
                        ? new JceKeyAgreeRecipientId(cert) : new JceKeyTransRecipientId(cert);
                recipient = enveloped.getRecipientInfos().get(id);
                if (recipient != null) {
                    key = candidate;
                    break;
                }
            }
            if (recipient == null) {
                throw new Refused("not encrypted to any Latvijas Banka statistics certificate (expected: a recipient"
                        + " for every published certificate)", null);
            }
            InputStream content = recipient.getContentStream(decryptor(recipient, key.keyPair().getPrivate()))
                    .getContentStream();
            CMSSignedDataParser signed = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                    content);
            try (OutputStream out = Files.newOutputStream(plain)) {
                signed.getSignedContent().getContentStream().transferTo(out);
            }
            verify(signed, signer);
        } catch (CMSException | OperatorCreationException | CertificateEncodingException | RuntimeException e) {
            throw new Refused("cannot be decrypted or is not CMS (" + e.getMessage() + ")", e);
        }
    }

    private static Recipient decryptor(RecipientInformation info, PrivateKey key) {
        return info instanceof KeyAgreeRecipientInformation
                ? new JceKeyAgreeEnvelopedRecipient(key).setProvider(BC)
                : new JceKeyTransEnvelopedRecipient(key).setProvider(BC);
    }

    private static void verify(CMSSignedDataParser signed, X509Certificate registered)
            throws Refused, CMSException, OperatorCreationException, CertificateEncodingException, IOException {
        X509CertificateHolder holder = new X509CertificateHolder(registered.getEncoded());
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new Refused("not signed (expected: signed with the bank's registered certificate)", null);
        }
        for (SignerInformation s : signers) {
            if (!s.getSID().match(holder)) {
                throw new Refused("signed by " + s.getSID().getIssuer() + " serial " + s.getSID().getSerialNumber()
                        + " (expected: the registered certificate " + registered.getSubjectX500Principal() + ")", null);
            }
            boolean valid;
            try {
                valid = s.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(registered));
            } catch (CMSException e) {
                throw new Refused("signature does not verify against " + registered.getSubjectX500Principal()
                        + " (" + e.getMessage() + ")", e);
            }
            if (!valid) {
                throw new Refused("signature does not verify against " + registered.getSubjectX500Principal(), null);
            }
        }
    }
}
