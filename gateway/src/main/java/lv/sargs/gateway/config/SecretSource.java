package lv.sargs.gateway.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a credential that is not a key (an OAuth client secret) comes from: a file readable by the
 * service user only, or an environment variable; read when the capability starts, as a
 * {@code char[]} the caller wipes, and never kept in the config.
 */
public sealed interface SecretSource {

    /** Reads the secret; the caller owns and wipes the array. */
    char[] read();

    /** A file of one line (trailing newline dropped), mode 600. */
    record File(Path path) implements SecretSource {
        @Override
        public char[] read() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new IllegalStateException("secret file " + path + " is unreadable: " + e.getClass().getSimpleName());
            }
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
            char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            return out;
        }
    }

    /** An environment variable set for the service. */
    record Environment(String variable) implements SecretSource {
        @Override
        public char[] read() {
            String value = System.getenv(variable);
            if (value == null) {
                throw new IllegalStateException("environment variable " + variable + " is not set");
            }
            return value.toCharArray();
        }
    }
}
