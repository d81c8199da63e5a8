package lv.sargs.gateway.tls;

import lv.sargs.gateway.config.TlsProvider;

/**
 * The TLS provider a listener serves with, and whether it is a fallback: OPENSSL was asked for but
 * could not be loaded, so JDK serves instead (the listener is then DEGRADED until the admin decides).
 *
 * @param provider the provider serving
 * @param description for logs and the status model, e.g. {@code OPENSSL (BoringSSL)}
 * @param fallback whether {@code provider} replaces the OPENSSL the config asked for
 */
public record ServingTls(TlsProvider provider, String description, boolean fallback) {

    /** JDK, as configured. */
    public static final ServingTls JDK = new ServingTls(TlsProvider.JDK, "JDK", false);

    /** OPENSSL, as configured, in {@code version} (e.g. {@code BoringSSL}). */
    public static ServingTls openSsl(String version) {
        return new ServingTls(TlsProvider.OPENSSL, "OPENSSL (" + version + ")", false);
    }

    /** JDK in place of the OPENSSL asked for, which could not be loaded because of {@code why}. */
    public static ServingTls fallbackToJdk(String why) {
        return new ServingTls(TlsProvider.JDK, "JDK (OPENSSL unavailable: " + why + ")", true);
    }

    @Override
    public String toString() {
        return description;
    }
}
