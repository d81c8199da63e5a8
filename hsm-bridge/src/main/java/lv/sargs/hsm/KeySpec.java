package lv.sargs.hsm;

/** The key pair types the appliance generates on a token. */
public enum KeySpec {
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    EC_P256("EC", 256),
    EC_P384("EC", 384);

    private final String algorithm;
    private final int bits;

    KeySpec(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String algorithm() {
        return algorithm;
    }

    /** The modulus length or curve size in bits. */
    public int bits() {
        return bits;
    }
}
