package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void masksPersonalCodeWithHyphenKeepingFirstSevenDigits() {
        assertEquals("/v1/persons/161175-1****", PersonalCodeMask.mask("/v1/persons/161175-19997"));
    }

    @Test
    void masksPersonalCodeWithoutHyphen() {
        assertEquals("/v1/persons/2907581****/roles", PersonalCodeMask.mask("/v1/persons/29075810403/roles"));
    }

    @Test
    void masksNewFormatCodes() {
        assertEquals("/v1/persons/3212345****", PersonalCodeMask.mask("/v1/persons/32123456789"));
        assertEquals("/v1/persons/321234-5****", PersonalCodeMask.mask("/v1/persons/321234-56789"));
    }

    @Test
    void masksEveryCodeInTheText() {
        assertEquals("a=161175-1**** b=2907581****", PersonalCodeMask.mask("a=161175-19997 b=29075810403"));
    }

    @Test
    void leavesRegistrationNumbersAndOtherNumbersReadable() {
        assertEquals("/v1/companies/40003521600", PersonalCodeMask.mask("/v1/companies/40003521600"));
        assertEquals("/v1/x/90000069830", PersonalCodeMask.mask("/v1/x/90000069830"));
        assertEquals("123456789012", PersonalCodeMask.mask("123456789012"), "12 digits are not a code");
        assertEquals("1611751999", PersonalCodeMask.mask("1611751999"), "10 digits are not a code");
        assertEquals("161175-", PersonalCodeMask.mask("161175-"));
    }

    @Test
    void formatsOneLineWithIdClientRouteStatusDurationAndCache() {
        String line = RequestLog.format("ab12-7", "core-banking", "GET", "/v1/persons/{code}", 200, 1_234_567, "-");
        assertEquals("req=ab12-7 client=core-banking GET /v1/persons/{code} 200 1.234ms cache=-", line);
        assertEquals("req=x client=- GET / 404 0.007ms cache=hit", RequestLog.format("x", null, "GET", "/", 404, 7_000, "hit"));
    }

    @Test
    void masksCodesInUnmatchedPathsEvenWhenCut() {
        String line = RequestLog.format("x", "c", "GET", "/v1/persons/161175-19997", 404, 0, "-");
        assertTrue(line.contains("/v1/persons/161175-1****"), line);
        String longPath = "/" + "a".repeat(190) + "/16117519997";
        String cut = RequestLog.format("x", "c", "GET", longPath, 404, 0, "-");
        assertFalse(cut.contains("161175199"), cut);
    }
}
