package lv.sargs.gateway.audit;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import lv.sargs.gateway.SoftHsmTokens;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;

/** A SoftHSM2 token of the shared IT pool holding an RSA audit key {@value #LABEL}, with its signer, pseudonyms and certificate. */
final class SoftHsmAuditKey implements AutoCloseable {

    static final String LABEL = "sargs-audit";

    final Token token;
    private final X509Certificate certificate;

    SoftHsmAuditKey() {
        token = Tokens.open(SoftHsmTokens.fresh());
        PublicKey key = token.generateKeyPair(LABEL, KeySpec.RSA_2048).publicKey();
        certificate = CertificateAuthority.create("Sargs Test Bank CA").issue("sargs audit").certify(key);
        token.importCertificateChain(LABEL, java.util.List.of(certificate));
    }

    CheckpointSigner signer() {
        return CheckpointSigner.onToken(token, LABEL);
    }

    Pseudonyms pseudonyms() {
        return new Pseudonyms(StorageKey.derive(token, LABEL, Pseudonyms.PURPOSE).join());
    }

    /** The key's certificate, issued by a test CA: all a verifier is given. */
    X509Certificate certificate() {
        return certificate;
    }

    PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    @Override
    public void close() {
        token.close();
    }
}
