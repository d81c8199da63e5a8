package lv.sargs.sandbox.server;

import lv.sargs.testkit.HeldCertificate;

/**
 * The three server identities a simulator can present, one per
 * {@link lv.sargs.sandbox.fault.ServerCertificateMode}.
 *
 * @param valid issued by the sandbox CA for localhost and 127.0.0.1
 * @param expired issued by the sandbox CA, validity over
 * @param untrusted for the same names, issued by a CA outside every trust store
 */
public record ServerCertificates(HeldCertificate valid, HeldCertificate expired, HeldCertificate untrusted) {
}
