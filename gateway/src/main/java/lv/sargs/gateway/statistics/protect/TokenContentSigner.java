package lv.sargs.gateway.statistics.protect;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.gateway.statistics.StatisticsException;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A BouncyCastle {@link ContentSigner} whose private-key operation runs on the token: CMS hands it
 * only the DER of the signed attributes (the content is hashed in software), so what crosses to
 * the token is small whatever the file's size.
 */
final class TokenContentSigner implements ContentSigner {

    private final Token token;
    private final String label;
    private final SignatureAlgorithm algorithm;
    private final Duration wait;
    private final AlgorithmIdentifier identifier;
    private final ByteArrayOutputStream signedAttributes = new ByteArrayOutputStream();

    TokenContentSigner(Token token, String label, SignatureAlgorithm algorithm, Duration wait) {
        this.token = token;
        this.label = label;
        this.algorithm = algorithm;
        this.wait = wait;
        this.identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return identifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return signedAttributes;
    }

    @Override
    public byte[] getSignature() {
        try {
            return token.sign(label, algorithm, signedAttributes.toByteArray()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "signing with key '" + label + "' on " + token.name() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "signing with key '" + label + "' on " + token.name() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new StatisticsException(StatisticsException.Code.PROTECTION_FAILED,
                    "signing with key '" + label + "' on " + token.name() + " took longer than " + wait, e);
        } finally {
            signedAttributes.reset();
        }
    }
}
