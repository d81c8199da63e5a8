package lv.sargs.gateway.audit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;

/** Signs the trail's checkpoints with one key on the token; the trail's writer waits for it. */
public interface CheckpointSigner {

    /** The key's label on the token, written in each checkpoint. */
    String keyLabel();

    /** The signature's JCA name, written in each checkpoint, e.g. {@code SHA256withRSA}. */
    String algorithm();

    /** Signs {@code message}; fails with {@link AuditUnavailableException} naming the key. */
    byte[] sign(byte[] message);

    /** A signer with the RSA key {@code label} on {@code token} (SHA256withRSA). */
    static CheckpointSigner onToken(Token token, String label) {
        return new CheckpointSigner() {
            @Override
            public String keyLabel() {
                return label;
            }

            @Override
            public String algorithm() {
                return SignatureAlgorithm.SHA256_WITH_RSA.jcaName();
            }

            @Override
            public byte[] sign(byte[] message) {
                try {
                    return token.sign(label, SignatureAlgorithm.SHA256_WITH_RSA, message).get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AuditUnavailableException("interrupted signing an audit checkpoint", e);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new AuditUnavailableException("audit.keyLabel: " + label + " on " + token.name()
                            + " did not sign the checkpoint: " + cause.getMessage(), cause);
                }
            }
        };
    }
}
