package lv.sargs.gateway.config;

/** Which TLS implementation a listener runs: the JDK's SSLEngine, or BoringSSL through netty-tcnative. */
public enum TlsProvider {
    JDK,
    OPENSSL
}
