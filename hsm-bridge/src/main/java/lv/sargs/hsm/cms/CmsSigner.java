package lv.sargs.hsm.cms;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import lv.sargs.hsm.core.KeySigner;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS SignedData (RFC 5652) made with a token key, the content encapsulated or detached, the chain
 * included: the content is hashed in software and the token signs only the signed attributes, so
 * streaming a file of any size costs a buffer's worth of memory. Blocks for the token (at most
 * {@code timeout}): call it off event loops.
 */
public final class CmsSigner {

    private static final int BUFFER = 64 * 1024;

    private final Token token;
    private final String label;
    private final SignatureAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final Duration timeout;

    public CmsSigner(Token token, String label, SignatureAlgorithm algorithm, List<X509Certificate> chain,
                     Duration timeout) {
        if (chain.isEmpty()) {
            throw new TokenException(Code.CONFIGURATION, token.name() + ": CMS signing with key '" + label
                    + "' needs its certificate chain (expected: leaf first)");
        }
        this.token = token;
        this.label = label;
        this.algorithm = algorithm;
        this.chain = List.copyOf(chain);
        this.timeout = timeout;
    }

    /** The DER SignedData of {@code content}, which it carries when {@code encapsulate}. */
    public byte[] sign(byte[] content, boolean encapsulate) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo());
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded("DER");
        } catch (CMSException | IOException | CertificateEncodingException e) {
            throw failure(e);
        }
    }

    /**
     * A stream taking the content: closing it writes the signature and finishes the SignedData on
     * {@code out} (BER, indefinite lengths), but does not close {@code out}.
     */
    public OutputStream open(OutputStream out, boolean encapsulate) throws IOException {
        try {
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            generator.setBufferSize(BUFFER);
            generator.addSignerInfoGenerator(signerInfo());
            generator.addCertificates(new JcaCertStore(chain));
            return generator.open(out, encapsulate);
        } catch (CMSException | CertificateEncodingException e) {
            throw failure(e);
        }
    }

    private SignerInfoGenerator signerInfo() {
        try {
            return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new KeySigner(token, label, algorithm, timeout), chain.get(0));
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw failure(e);
        }
    }

    private TokenException failure(Exception e) {
        if (e.getCause() instanceof TokenException te) {
            return te;
        }
        return new TokenException(Code.OPERATION_FAILED, token.name() + ": CMS signing with key '" + label
                + "' failed: " + e.getMessage(), e);
    }
}
