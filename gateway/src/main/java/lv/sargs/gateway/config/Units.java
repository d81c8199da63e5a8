package lv.sargs.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Parsers for the config's value notations; each throws {@link IllegalArgumentException} whose
 * message is the expectation shown to the admin.
 */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(B|KiB|MiB|GiB)");
    private static final Pattern EURO = Pattern.compile("[0-9]{1,7}(\\.[0-9]{1,2})?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Units() {
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}, within [min, max]. */
    static Duration duration(String text, Duration min, Duration max) {
        Matcher m = DURATION.matcher(text);
        String expected = "a duration " + show(min) + " to " + show(max) + ", written like 500ms, 10s, 2m or 1h";
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(expected);
        }
        return d;
    }

    /** {@code 512B}, {@code 16KiB}, {@code 10MiB}, {@code 1GiB}, within [min, max] bytes. */
    static long size(String text, long min, long max) {
        Matcher m = SIZE.matcher(text);
        String expected = "a size " + showSize(min) + " to " + showSize(max) + ", written like 512B, 16KiB or 10MiB";
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2)) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            default -> n;
        };
        if (bytes < min || bytes > max) {
            throw new IllegalArgumentException(expected);
        }
        return bytes;
    }

    /**
     * An amount in euro with at most two decimals, {@code 25} or {@code 25.00}, at most one million;
     * as euro cents. Plain ASCII digits only: a budget is money, so nothing is guessed.
     */
    static long euroCents(String text) {
        String expected = "an amount in euro 0.00 to 1000000.00, written like 25 or 25.00";
        if (!EURO.matcher(text).matches()) {
            throw new IllegalArgumentException(expected);
        }
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String cents = dot < 0 ? "00" : (text.substring(dot + 1) + "0").substring(0, 2);
        long out = Long.parseLong(whole) * 100 + Long.parseLong(cents);
        if (out > 100_000_000L) {
            throw new IllegalArgumentException(expected);
        }
        return out;
    }

    /** {@code 0.0.0.0:8443}, {@code 127.0.0.1:9090} or {@code [::1]:9090}; IP literals only, never a DNS name. */
    static Endpoint endpoint(String text) {
        String expected = "an IP address and port such as 0.0.0.0:8443, 127.0.0.1:9090 or \"[::1]:9090\"";
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException(expected);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException(expected);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        InetAddress address = ipLiteral(host, expected);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port 0-65535");
        }
        boolean v6 = address.getAddress().length == 16;
        // Endpoint.isLoopback() recognises the usual spellings; normalise the unusual ones to them.
        String normal = v6 ? (address.isLoopbackAddress() ? "::1" : host) : address.getHostAddress();
        return new Endpoint(normal, p);
    }

    static InetAddress ipLiteral(String host, String expected) {
        if (host.isEmpty() || !host.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(expected);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** 64 hex digits, colons between byte pairs allowed, any case. */
    static byte[] sha256(String text) {
        String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a SHA-256 fingerprint: 64 hex digits, colons allowed"
                    + " (openssl x509 -noout -fingerprint -sha256 -in client.pem)");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** An RFC 2253 distinguished name. */
    static X500Principal distinguishedName(String text) {
        try {
            return new X500Principal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a distinguished name such as CN=core-banking,O=Bank,C=LV");
        }
    }

    /** An absolute file system path (no surprises from the service's working directory). */
    static Path absolutePath(String text) {
        Path p;
        try {
            p = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("an absolute path such as /etc/sargs/pki/listener.pem");
        }
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("an absolute path such as /etc/sargs/pki/listener.pem");
        }
        return p.normalize();
    }

    /** A name for logs, metrics and audit: lower-case letters, digits, {@code . _ -}, up to 64. */
    static String name(String text) {
        if (!NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("a name of lower-case letters, digits, '.', '_' or '-' (up to 64)");
        }
        return text;
    }

    static String show(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    static String showSize(long bytes) {
        if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
