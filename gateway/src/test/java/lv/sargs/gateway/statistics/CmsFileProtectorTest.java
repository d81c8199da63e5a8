package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import lv.sargs.gateway.statistics.protect.CmsFileProtector;
import lv.sargs.hsm.KeySpec;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CmsFileProtectorTest {

    private final StatisticsFixture fixture = new StatisticsFixture(KeySpec.RSA_2048);

    @AfterEach
    void closeToken() {
        fixture.close();
    }

    /** {@code size} bytes of content without being held: the protector must not need to see it twice. */
    private static InputStream content(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void addsNoMoreThanItsBoundAndNotMuchLess() throws IOException {
        CmsFileProtector protector = fixture.protector();
        for (long size : new long[] {0, 1, 65_535, 65_536, 65_537, 1_000_000, 5_000_000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            protector.protect(content(size), out);
            long overhead = out.size() - size;
            long bound = protector.overheadBound(size);
            assertTrue(overhead <= bound, size + " bytes: overhead " + overhead + " over the bound " + bound);
            assertTrue(bound - overhead < 16 * 1024, size + " bytes: bound " + bound + " far above " + overhead);
        }
    }

    @Test
    void refusesRecipientsOutsideTheExchangesAlgorithms() {
        HeldCertificate p256 = fixture.ca.issue("LB P-256").cms().keyType(CertificateAuthority.KeyType.EC_P256).build();
        StatisticsException e = assertThrows(StatisticsException.class, () -> new CmsFileProtector(fixture.token,
                StatisticsFixture.KEY, List.of(fixture.lbRsa.certificate(), p256.certificate()), Duration.ofSeconds(5)));
        assertEquals(StatisticsException.Code.CONFIGURATION, e.code());
        assertEquals("statistics.recipients[1]: CN=LB P-256 EC 256-bit (expected: EC P-384 or RSA-2048)", e.getMessage());
    }

    @Test
    void refusesASigningKeyWithoutItsCertificate() {
        fixture.token.generateKeyPair("bare", KeySpec.EC_P384);
        StatisticsException e = assertThrows(StatisticsException.class, () -> new CmsFileProtector(fixture.token,
                "bare", List.of(fixture.lbRsa.certificate()), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("statistics.signingKeyLabel: 'bare' on "), e.getMessage());
    }
}
