package lv.sargs.hsm.core;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A BouncyCastle {@link ContentSigner} whose signature is made by a token key: it buffers what BC
 * hands it (a TBS certificate, a CSR body, or CMS signed attributes — small) and asks the token
 * to sign it, waiting at most {@code timeout}. Use off event loops only.
 */
public final class KeySigner implements ContentSigner {

    private final Token token;
    private final String label;
    private final SignatureAlgorithm algorithm;
    private final Duration timeout;
    private final AlgorithmIdentifier identifier;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    public KeySigner(Token token, String label, SignatureAlgorithm algorithm, Duration timeout) {
        this.token = token;
        this.label = label;
        this.algorithm = algorithm;
        this.timeout = timeout;
        this.identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(bcName(algorithm));
    }

    static String bcName(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.RSASSA_PSS_SHA256 ? "SHA256withRSAandMGF1" : algorithm.jcaName();
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return identifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        return TokenExecutor.await(token.sign(label, algorithm, data), timeout,
                token.name() + ": signing with key '" + label + "'");
    }
}
