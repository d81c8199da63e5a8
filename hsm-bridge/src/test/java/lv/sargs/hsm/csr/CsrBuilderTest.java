package lv.sargs.hsm.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.OpenSsl;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrBuilderTest {

    private static Token token;

    @TempDir
    Path dir;

    @BeforeAll
    static void openToken() {
        token = Tokens.open(SoftHsmTokens.fresh());
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @Test
    void csrSignedOnTheTokenVerifiesWithOpenssl() throws Exception {
        for (KeySpec spec : new KeySpec[] {KeySpec.RSA_2048, KeySpec.EC_P256, KeySpec.EC_P384}) {
            String label = "csr-" + spec;
            token.generateKeyPair(label, spec);
            String pem = CsrBuilder.pem(CsrBuilder.forKey(token, label)
                    .subject("CN=sargs.bank.lv, O=Banka AS, C=LV")
                    .dnsNames("sargs.bank.lv", "gw1.sargs.bank.lv")
                    .ipAddresses("10.0.0.7")
                    .build());
            Files.writeString(dir.resolve(label + ".csr"), pem);

            String out = OpenSsl.run(dir, "req", "-verify", "-noout", "-text", "-in", label + ".csr");

            assertTrue(out.contains("verify OK") || out.contains("Certificate request self-signature verify OK"), out);
            assertTrue(out.contains("CN = sargs.bank.lv") || out.contains("CN=sargs.bank.lv"), out);
            assertTrue(out.contains("DNS:sargs.bank.lv, DNS:gw1.sargs.bank.lv, IP Address:10.0.0.7"), out);
        }
    }

    @Test
    void refusesCsrForUnknownKey() {
        TokenException e = assertThrows(TokenException.class,
                () -> CsrBuilder.forKey(token, "absent").subject("CN=x").build());
        assertEquals(TokenException.Code.KEY_NOT_FOUND, e.code());
    }
}
