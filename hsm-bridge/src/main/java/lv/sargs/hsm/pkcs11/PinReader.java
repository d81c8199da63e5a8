package lv.sargs.hsm.pkcs11;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;

/** Reads a PIN from its {@link PinSource} into a {@code char[]} without passing through a String where it can. */
final class PinReader {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PinReader() {
    }

    static char[] read(PinSource source, String tokenName) {
        char[] pin;
        if (source instanceof PinSource.File file) {
            pin = fromFile(file.path(), tokenName);
        } else if (source instanceof PinSource.Environment env) {
            String value = System.getenv(env.variable());
            if (value == null || value.isEmpty()) {
                throw new TokenException(Code.CONFIGURATION, tokenName + ": PIN environment variable "
                        + env.variable() + " is not set (expected: the user PIN of the token)");
            }
            pin = value.toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new TokenException(Code.CONFIGURATION, tokenName
                        + ": PIN source is a console prompt but the process has no console (expected: an attended start, or a PIN file)");
            }
            pin = console.readPassword("PIN for %s: ", tokenName);
            if (pin == null) {
                throw new TokenException(Code.CONFIGURATION, tokenName + ": no PIN entered at the console");
            }
        }
        if (pin.length == 0) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": the PIN from " + describe(source) + " is empty");
        }
        return pin;
    }

    static String describe(PinSource source) {
        if (source instanceof PinSource.File f) {
            return "file " + f.path();
        }
        if (source instanceof PinSource.Environment e) {
            return "environment variable " + e.variable();
        }
        return "the console";
    }

    private static char[] fromFile(Path path, String tokenName) {
        byte[] bytes = null;
        try {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new TokenException(Code.CONFIGURATION, tokenName + ": PIN file " + path + " has mode "
                            + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                            + " (expected: readable by the service user only, e.g. chmod 600)");
                }
            } catch (UnsupportedOperationException notPosix) {
                // No POSIX modes to check on this file system; the appliance's is POSIX.
            }
            bytes = Files.readAllBytes(path);
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, end));
            char[] pin = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return pin;
        } catch (CharacterCodingException e) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": PIN file " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": cannot read PIN file " + path + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
