package lv.sargs.gateway.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The HTTP Basic {@code Authorization} value of a configured login (eKase's user and password
 * file), made in one place for the gateway's eKase adapter and the admin tool's doctor, so the
 * doctor's check logs in exactly as the daemon does.
 */
public final class BasicCredentials {

    private BasicCredentials() {
    }

    /**
     * The value of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8) for {@code user} and
     * {@code password}; wipes {@code password} and every copy made on the way (the header String excepted).
     */
    public static String header(String user, char[] password) {
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        Arrays.fill(password, '\0');
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
