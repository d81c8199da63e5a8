package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import lv.sargs.hsm.KeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatisticsSettingsTest {

    private final StatisticsFixture fixture = new StatisticsFixture(KeySpec.EC_P384);
    private final StatisticsSettings valid = fixture.settings(Path.of("/var/lib/sargs/statistics"), 1_000_000);

    @AfterEach
    void closeToken() {
        fixture.close();
    }

    private StatisticsSettings withOrgCode(String code) {
        return new StatisticsSettings(valid.dataDir(), code, valid.encoding(), valid.maxFileBytes(),
                valid.maxLineChars(), valid.signingKeyLabel(), valid.recipients(), valid.signWait(), valid.sftp(),
                valid.deliveryInterval(), valid.pollInterval());
    }

    @Test
    void acceptsAnMfiCodeOrARegistrationNumberWithItsCheckDigit() {
        assertEquals("ABC", withOrgCode("ABC").orgCode());
        assertEquals("40003521600", withOrgCode("40003521600").orgCode());
        assertEquals("90000069830", withOrgCode("90000069830").orgCode());
    }

    @Test
    void refusesARegistrationNumberWithAWrongCheckDigit() {
        StatisticsException e = assertThrows(StatisticsException.class, () -> withOrgCode("40003521601"));
        assertEquals(StatisticsException.Code.CONFIGURATION, e.code());
        assertEquals("statistics.orgCode: 40003521601 (expected: the 3-character MFI code or an 11-digit"
                + " registration number with a valid check digit)", e.getMessage());
    }

    @Test
    void refusesASizeLimitAboveLatvijasBankas95Megabytes() {
        StatisticsException e = assertThrows(StatisticsException.class, () -> valid.withMaxFileBytes(95_000_001));
        assertEquals("statistics.maxFileBytes: 95000001 (expected: 65536-95000000)", e.getMessage());
    }
}
