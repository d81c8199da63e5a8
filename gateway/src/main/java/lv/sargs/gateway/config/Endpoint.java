package lv.sargs.gateway.config;

/**
 * A listening address: an IP literal and a port (0 = any free port, used by tests).
 *
 * @param host an IPv4 or IPv6 literal, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port 0-65535
 */
public record Endpoint(String host, int port) {

    /** Whether the host is a loopback address, where plain HTTP is allowed for management. */
    public boolean isLoopback() {
        return host.startsWith("127.") || host.equals("::1") || host.equals("localhost");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
