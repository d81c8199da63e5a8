package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** HTTP Basic credentials: RFC 7617 in UTF-8, and the caller's password wiped once used. */
class BasicCredentialsTest {

    @Test
    void headerIsUserColonPasswordInUtf8AndWipesThePassword() {
        char[] password = "pa:ss ķēķis".toCharArray();

        String header = BasicCredentials.header("sargs-gw", password);

        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "sargs-gw:pa:ss ķēķis".getBytes(StandardCharsets.UTF_8)), header);
        assertArrayEquals(new char[password.length], password, "the password is wiped");
    }
}
