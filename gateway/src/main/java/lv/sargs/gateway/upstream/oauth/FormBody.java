package lv.sargs.gateway.upstream.oauth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An {@code application/x-www-form-urlencoded} body built from character sequences without turning
 * them into Strings, so a {@code char[]} secret never becomes an immutable heap String.
 */
final class FormBody {

    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);

    /** Appends {@code name=value}, percent-encoding both as UTF-8. */
    FormBody add(String name, CharSequence value) {
        if (out.size() > 0) {
            out.write('&');
        }
        encode(name);
        out.write('=');
        encode(value);
        return this;
    }

    /** The body; the caller owns (and should wipe) the array. */
    byte[] bytes() {
        byte[] bytes = out.toByteArray();
        // ByteArrayOutputStream keeps its own buffer: overwrite it too.
        out.reset();
        out.writeBytes(new byte[bytes.length]);
        return bytes;
    }

    private void encode(CharSequence value) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        while (utf8.hasRemaining()) {
            int b = utf8.get() & 0xff;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                    || b == '-' || b == '.' || b == '_' || b == '*') {
                out.write(b);
            } else if (b == ' ') {
                out.write('+');
            } else {
                out.write('%');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xf]);
            }
        }
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
    }
}
