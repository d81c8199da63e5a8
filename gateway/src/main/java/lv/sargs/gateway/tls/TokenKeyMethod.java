package lv.sargs.gateway.tls;

import io.netty.handler.ssl.OpenSslAsyncPrivateKeyMethod;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.security.SignatureException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLEngine;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;

/**
 * BoringSSL's private-key operation for a server key on a token: the handshake signature is the
 * token's {@code sign}, completed on the token's thread, so no event loop waits for the token.
 * BoringSSL hands over the message to sign (not a digest), which the token's hash-and-sign
 * algorithms take as is; schemes the token does not perform fail the handshake, named. The
 * {@code SSL_SIGN_*} codes are read from the native library: use only once {@code OpenSsl.isAvailable()}.
 */
final class TokenKeyMethod implements OpenSslAsyncPrivateKeyMethod {

    static final String SUPPORTED = "ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, rsa_pss_rsae_sha256 "
            + "or rsa_pkcs1_sha256";

    private final Token token;
    private final String label;

    TokenKeyMethod(Token token, String label) {
        this.token = token;
        this.label = label;
    }

    @Override
    public Future<byte[]> sign(SSLEngine engine, int signatureAlgorithm, byte[] input) {
        Promise<byte[]> result = ImmediateEventExecutor.INSTANCE.newPromise();
        SignatureAlgorithm algorithm = algorithm(signatureAlgorithm);
        if (algorithm == null) {
            return result.setFailure(new SignatureException(token.name() + ": key '" + label
                    + "': TLS signature scheme 0x" + Integer.toHexString(signatureAlgorithm)
                    + " (expected: " + SUPPORTED + ")"));
        }
        token.sign(label, algorithm, input).whenComplete((signature, failure) -> {
            if (failure != null) {
                result.tryFailure(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                result.trySuccess(signature);
            }
        });
        return result;
    }

    @Override
    public Future<byte[]> decrypt(SSLEngine engine, byte[] input) {
        // Only ECDHE suites are offered, so BoringSSL never asks for RSA key transport.
        return ImmediateEventExecutor.INSTANCE.<byte[]>newPromise().setFailure(new SignatureException(token.name()
                + ": key '" + label + "': RSA key exchange (expected: an ECDHE cipher suite)"));
    }

    /** The token's algorithm for BoringSSL's {@code SSL_SIGN_*} code, or null when it has none. */
    static SignatureAlgorithm algorithm(int code) {
        if (code == SSL_SIGN_ECDSA_SECP256R1_SHA256) {
            return SignatureAlgorithm.SHA256_WITH_ECDSA;
        }
        if (code == SSL_SIGN_ECDSA_SECP384R1_SHA384) {
            return SignatureAlgorithm.SHA384_WITH_ECDSA;
        }
        if (code == SSL_SIGN_RSA_PSS_RSAE_SHA256) {
            // TLS's PSS is MGF1 with the same hash and a hash-length salt: the token's PS256 parameters.
            return SignatureAlgorithm.RSASSA_PSS_SHA256;
        }
        if (code == SSL_SIGN_RSA_PKCS1_SHA256) {
            return SignatureAlgorithm.SHA256_WITH_RSA;
        }
        return null;
    }
}
