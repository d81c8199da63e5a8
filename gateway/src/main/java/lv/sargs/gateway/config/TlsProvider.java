package lv.sargs.gateway.config;

/** Which TLS implementation a listener runs: the JDK's SSLEngine, or BoringSSL through netty-tcnative. */
public enum TlsProvider {
    JDK,
    OPENSSL;

    /**
     * The client listener's provider when {@code listeners.client.tls.provider} is not set: BoringSSL,
     * shipped for Linux x86-64 and aarch64, tested keyless with the server key on a SoftHSM2 token.
     */
    public static final TlsProvider DEFAULT = OPENSSL;
}
