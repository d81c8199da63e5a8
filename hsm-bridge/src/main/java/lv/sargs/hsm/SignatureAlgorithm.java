package lv.sargs.hsm;

/** The signature schemes the appliance performs with token keys, with their JCA and JOSE names. */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", "RS256"),
    RSASSA_PSS_SHA256("RSASSA-PSS", "PS256"),
    SHA256_WITH_ECDSA("SHA256withECDSA", "ES256"),
    SHA384_WITH_ECDSA("SHA384withECDSA", "ES384");

    private final String jcaName;
    private final String joseName;

    SignatureAlgorithm(String jcaName, String joseName) {
        this.jcaName = jcaName;
        this.joseName = joseName;
    }

    /** The JCA signature name; RSASSA-PSS additionally needs SHA-256/MGF1/32-byte-salt parameters. */
    public String jcaName() {
        return jcaName;
    }

    /** The JWS {@code alg} header value. */
    public String joseName() {
        return joseName;
    }
}
