package lv.sargs.sandbox.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lv.sargs.gateway.statistics.delivery.SftpConnector;
import lv.sargs.gateway.statistics.delivery.SftpExchange;
import lv.sargs.gateway.statistics.delivery.SftpSettings;
import lv.sargs.gateway.statistics.protect.CmsFileProtector;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator judged on its own: files the gateway would never produce, uploaded straight over SFTP. */
class LbFileExchangeTest {

    private static final Charset WINDOWS_1257 = Charset.forName("windows-1257");

    @TempDir
    Path dir;

    private Bank bank;
    private LbFileExchange exchange;
    private SftpConnector connector;

    @BeforeEach
    void start() throws IOException {
        bank = new Bank(dir, KeySpec.RSA_2048);
        exchange = bank.startExchange();
        connector = new SftpConnector(new SftpSettings("127.0.0.1", exchange.port(), Bank.USER, exchange.hostKey(),
                Bank.LOGIN_KEY, "STAT/OUT", "STAT/IN", Duration.ofSeconds(5)), bank.token);
    }

    @AfterEach
    void stop() throws IOException {
        connector.close();
        exchange.close();
        bank.close();
    }

    private void upload(String name, byte[] plain, Token signer, String keyLabel) throws Exception {
        Path p7m = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p7m)) {
            new CmsFileProtector(signer, keyLabel, List.of(bank.lbRsa.certificate(), bank.lbEc.certificate()),
                    Duration.ofSeconds(10)).protect(new ByteArrayInputStream(plain), out);
        }
        try (SftpExchange sftp = connector.open()) {
            sftp.upload(p7m, "STAT/OUT/" + name + ".part");
            sftp.rename("STAT/OUT/" + name + ".part", "STAT/OUT/" + name);
        }
    }

    private Received awaitVerdict() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (exchange.received().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no verdict from the exchange");
            }
            Thread.sleep(20);
        }
        return exchange.received().get(0);
    }

    @Test
    void rejectsContentFaultsWithFileAndLineNumbers() throws Exception {
        String content = Bank.report(Bank.ORG, 2).replace("\n", "\r\n") + "R7=1,5\r\nR8=(3)\r\n\r\n";
        upload("K01_ABC_20261031.p7m", content.getBytes(WINDOWS_1257), bank.token, Bank.KEY);

        Received verdict = awaitVerdict();
        assertFalse(verdict.accepted());
        assertEquals(List.of(
                "K01_ABC_20261031.p7m line 9: R7=1,5 (expected: '.' as the decimal separator)",
                "K01_ABC_20261031.p7m line 10: R8=(3) (expected: '-' before a negative value)",
                "K01_ABC_20261031.p7m line 11:  (expected: one NAME=value per line)"), verdict.errors());
        String reply = Files.readString(exchange.inDir(Bank.USER).resolve(verdict.replyFile()), StandardCharsets.UTF_8);
        assertTrue(reply.startsWith("RESULT=REJECTED\nFILE="), reply);
        assertTrue(reply.contains("ERROR=K01_ABC_20261031.p7m line 9: R7=1,5"), reply);
    }

    @Test
    void rejectsAFileSignedWithAnUnregisteredKey() throws Exception {
        try (Token other = Tokens.demo()) {
            var key = other.generateKeyPair("other", KeySpec.EC_P384);
            other.importCertificateChain("other", List.of(bank.ca.issue("Someone else").cms().certify(key.publicKey())));
            upload("K01_ABC_20261031.p7m", Bank.report(Bank.ORG, 1).getBytes(WINDOWS_1257), other, "other");
        }
        Received verdict = awaitVerdict();
        assertFalse(verdict.accepted());
        assertTrue(verdict.errors().get(0).contains("expected: the registered certificate CN=Bank ABC statistics"),
                verdict.errors().toString());
    }

    @Test
    void readsUtf8WithABomAndRejectsIdentifyingIndicatorsOutsideTheFirstPart() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        upload("K01_ABC_20261031_01_02_v01.p7m", concat(bom, Bank.report(Bank.ORG, 3).getBytes(StandardCharsets.UTF_8)),
                bank.token, Bank.KEY);
        upload("K01_ABC_20261031_02_02_v01.p7m", concat(bom, "R9=1.5\nPERSONA=Anna Ozola\n"
                .getBytes(StandardCharsets.UTF_8)), bank.token, Bank.KEY);

        Received verdict = awaitVerdict();
        assertEquals(List.of("K01_ABC_20261031_01_02_v01.p7m", "K01_ABC_20261031_02_02_v01.p7m"),
                verdict.files());
        assertEquals(List.of("K01_ABC_20261031_02_02_v01.p7m line 2: PERSONA"
                + " (expected: identifying indicators only in the first file)"), verdict.errors());
    }

    @Test
    void ignoresTemporaryNamesUntilRenamed() throws Exception {
        Path p7m = dir.resolve("plain.p7m");
        try (OutputStream out = Files.newOutputStream(p7m)) {
            new CmsFileProtector(bank.token, Bank.KEY, List.of(bank.lbRsa.certificate()), Duration.ofSeconds(10))
                    .protect(new ByteArrayInputStream(Bank.report(Bank.ORG, 1).getBytes(WINDOWS_1257)), out);
        }
        try (SftpExchange sftp = connector.open()) {
            sftp.upload(p7m, "STAT/OUT/K01_ABC_20261031.p7m.part");
            Thread.sleep(200);
            assertEquals(List.of(), exchange.received(), "a .part upload is not taken");
            sftp.rename("STAT/OUT/K01_ABC_20261031.p7m.part", "STAT/OUT/K01_ABC_20261031.p7m");
        }
        assertTrue(awaitVerdict().accepted());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
