package lv.sargs.sandbox.fault;

/** Which certificate a simulator presents in new TLS handshakes. */
public enum ServerCertificateMode {
    /** The valid certificate, issued by the sandbox CA for localhost and 127.0.0.1. */
    VALID,
    /** A certificate from the sandbox CA whose validity ended yesterday. */
    EXPIRED,
    /** A valid-looking certificate for the same names, issued by a CA nobody trusts. */
    UNTRUSTED
}
