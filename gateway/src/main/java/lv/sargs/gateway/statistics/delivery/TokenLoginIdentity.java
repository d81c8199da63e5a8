package lv.sargs.gateway.statistics.delivery;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.signature.SignatureFactoriesHolder;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The bank's SFTP login key as an SSH public-key identity whose private key stays on the token:
 * the SSH session's signature is made by {@link Token#sign} and put in SSH wire form — raw for
 * {@code rsa-sha2-256}, {@code mpint r, mpint s} for ECDSA.
 */
final class TokenLoginIdentity implements PublicKeyIdentity, SignatureFactoriesHolder {

    private final Token token;
    private final String label;
    private final PublicKey publicKey;
    private final Duration wait;
    private final BuiltinSignatures sshAlgorithm;
    private final SignatureAlgorithm tokenAlgorithm;

    TokenLoginIdentity(Token token, String label, PublicKey publicKey, Duration wait) throws DeliveryException {
        this.token = token;
        this.label = label;
        this.publicKey = publicKey;
        this.wait = wait;
        if (publicKey instanceof RSAPublicKey) {
            sshAlgorithm = BuiltinSignatures.rsaSHA256;
            tokenAlgorithm = SignatureAlgorithm.SHA256_WITH_RSA;
        } else if (publicKey instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384) {
            sshAlgorithm = BuiltinSignatures.nistp384;
            tokenAlgorithm = SignatureAlgorithm.SHA384_WITH_ECDSA;
        } else if (publicKey instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            sshAlgorithm = BuiltinSignatures.nistp256;
            tokenAlgorithm = SignatureAlgorithm.SHA256_WITH_ECDSA;
        } else {
            throw new DeliveryException(DeliveryException.Code.KEY_UNUSABLE, "statistics.sftp.userKeyLabel: '" + label
                    + "' is " + publicKey.getAlgorithm() + " (expected: RSA, EC P-256 or EC P-384)", null);
        }
    }

    @Override
    public KeyPair getKeyIdentity() {
        return new KeyPair(publicKey, null);
    }

    @Override
    public List<NamedFactory<Signature>> getSignatureFactories() {
        return List.of(sshAlgorithm);
    }

    @Override
    public Map.Entry<String, byte[]> sign(org.apache.sshd.common.session.SessionContext session, String algo,
                                          byte[] data) throws IOException {
        if (!sshAlgorithm.getName().equals(algo)) {
            throw new IOException("SFTP login key '" + label + "' signs " + sshAlgorithm.getName() + ", not " + algo);
        }
        byte[] signature;
        try {
            signature = token.sign(label, tokenAlgorithm, data).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("SFTP login signature with '" + label + "' on " + token.name() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("SFTP login signature with '" + label + "' on " + token.name() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("SFTP login signature with '" + label + "' on " + token.name()
                    + " took longer than " + wait, e);
        }
        return new SimpleImmutableEntry<>(algo, publicKey instanceof RSAPublicKey ? signature : sshEcdsa(signature));
    }

    /** DER {@code SEQUENCE {r, s}} to SSH's {@code mpint r, mpint s} (RFC 5656 §3.1.2). */
    private static byte[] sshEcdsa(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putMPInt(r);
        buffer.putMPInt(s);
        return buffer.getCompactData();
    }
}
