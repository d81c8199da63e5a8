package lv.sargs.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block in CIDR notation, matched against a peer address without
 * allocation; an IPv4 block never matches an IPv6 address (not even a mapped one) and vice versa.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address (a /32 or /128).
     *
     * @throws IllegalArgumentException with a message stating what was expected, e.g.
     *     {@code expected: prefix 0-32}
     */
    public static Cidr parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("expected: an address block such as 10.0.0.0/8 or 2001:db8::/32");
        }
        String s = value.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        if (!looksLikeLiteral(addressPart)) {
            throw new IllegalArgumentException("expected: an IP address literal, not a host name");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(addressPart).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected: an IPv4 or IPv6 address");
        }
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("expected: prefix 0-" + max);
            }
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("expected: host bits zero (did you mean "
                    + format(network) + "/" + prefix + "?)");
        }
        return new Cidr(network, prefix, s);
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & m) == (network[full] & m);
    }

    /** Whether {@code address} lies in this block. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** The prefix length. */
    public int prefix() {
        return prefix;
    }

    /** Whether this is an IPv6 block. */
    public boolean isIpv6() {
        return network.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** The block as configured. */
    @Override
    public String toString() {
        return text;
    }

    private static boolean looksLikeLiteral(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xFF << (8 - bits)) & 0xFF));
        }
        return out;
    }

    private static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
