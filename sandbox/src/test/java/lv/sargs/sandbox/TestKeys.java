package lv.sargs.sandbox;

import java.security.KeyPair;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/** RSA-2048 key pairs generated once per test JVM (a generation takes seconds on a busy machine). */
public final class TestKeys {

    private static final KeyPair OTHER = CertificateAuthority.generate(CertificateAuthority.KeyType.RSA_2048);

    private TestKeys() {
    }

    /** A client certificate from {@code ca} for {@code name}, over a key that is not the sandbox default client's. */
    public static HeldCertificate otherClient(CertificateAuthority ca, String name) {
        var leaf = ca.issue(name).client().certify(OTHER.getPublic());
        return new HeldCertificate(OTHER, leaf, java.util.List.of(leaf));
    }
}
