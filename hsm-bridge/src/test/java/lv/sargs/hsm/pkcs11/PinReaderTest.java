package lv.sargs.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinReaderTest {

    @TempDir
    Path dir;

    private Path ownerOnly(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
        return file;
    }

    @Test
    void readsFileDroppingTheLineEnd() throws Exception {
        Path file = ownerOnly("pin", "12 34-ā\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertArrayEquals("12 34-ā".toCharArray(), PinReader.read(new PinSource.File(file), "token 't'"));
    }

    @Test
    void refusesEmptyFileAndMissingFileNamingThem() throws Exception {
        Path empty = ownerOnly("empty", "\n".getBytes());
        TokenException e = assertThrows(TokenException.class, () -> PinReader.read(new PinSource.File(empty), "token 't'"));
        assertEquals("token 't': the PIN from file " + empty + " is empty", e.getMessage());
        Path missing = dir.resolve("missing");
        e = assertThrows(TokenException.class, () -> PinReader.read(new PinSource.File(missing), "token 't'"));
        assertEquals(TokenException.Code.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void refusesUnsetEnvironmentVariable() {
        TokenException e = assertThrows(TokenException.class,
                () -> PinReader.read(new PinSource.Environment("SARGS_NO_SUCH_PIN_VARIABLE"), "token 't'"));
        assertEquals("token 't': PIN environment variable SARGS_NO_SUCH_PIN_VARIABLE is not set"
                + " (expected: the user PIN of the token)", e.getMessage());
    }

    @Test
    void refusesGroupReadableFileWithoutReadingIt() throws Exception {
        Path file = ownerOnly("loose", "secret-pin".getBytes());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        TokenException e = assertThrows(TokenException.class, () -> PinReader.read(new PinSource.File(file), "token 't'"));
        assertTrue(e.getMessage().contains("has mode rw-r----- (expected: readable by the service user only"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pin"));
    }
}
