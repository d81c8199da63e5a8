package lv.sargs.sandbox.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IP addresses written {@code address/prefix} (IPv4 or IPv6), as a simulated counterpart
 * registers the sources it accepts; the simulators' own, apart from the gateway's allow-lists.
 */
public final class AddressBlock {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressBlock(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code 127.0.0.1/32} or {@code ::1/128}; only literal addresses, never a name lookup. */
    public static AddressBlock parse(String block) {
        int slash = block.indexOf('/');
        if (slash < 0 || !block.substring(0, slash).matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("address block: " + block + " (expected: address/prefix)");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(block.substring(0, slash)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address block: " + block + " (expected: a literal address)", e);
        }
        int prefix = Integer.parseInt(block.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("address block: " + block + " (expected: prefix 0-" + address.length * 8 + ")");
        }
        return new AddressBlock(address, prefix, block);
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        if (!Arrays.equals(candidate, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefix % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
