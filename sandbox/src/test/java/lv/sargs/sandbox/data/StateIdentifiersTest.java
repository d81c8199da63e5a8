package lv.sargs.sandbox.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import java.util.SplittableRandom;
import lv.sargs.gateway.identifiers.Iban;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import org.junit.jupiter.api.Test;

/**
 * The simulators' identifier rules against published examples, and against the gateway's own
 * implementation on random input: two implementations written apart must agree everywhere.
 */
class StateIdentifiersTest {

    @Test
    void acceptsPublishedExamplesInBothForms() {
        assertEquals(Optional.of("16117519997"), StateIdentifiers.personalCodeDigits("161175-19997"));
        assertEquals(Optional.of("16117519997"), StateIdentifiers.personalCodeDigits("16117519997"));
        assertTrue(StateIdentifiers.isPersonalCode("32579461005"), "new format carries no check digit");
        assertTrue(StateIdentifiers.isRegistrationNumber("40003677732"));
        assertTrue(StateIdentifiers.isRegistrationNumber("90000010008"));
    }

    @Test
    void refusesWrongCheckDigitsDatesAndShapes() {
        assertFalse(StateIdentifiers.isPersonalCode("161175-19998"), "check digit");
        assertFalse(StateIdentifiers.isPersonalCode("310275-10003"), "31 February");
        assertFalse(StateIdentifiers.isPersonalCode("161175-39997"), "century digit 3");
        assertFalse(StateIdentifiers.isPersonalCode("1611751999"), "ten digits");
        assertFalse(StateIdentifiers.isPersonalCode(null));
        assertFalse(StateIdentifiers.isRegistrationNumber("40003677733"), "checksum");
        assertFalse(StateIdentifiers.isRegistrationNumber("30003677732"), "prefix 3");
    }

    @Test
    void agreesWithTheGatewayOnRandomCodesAndNumbers() {
        SplittableRandom random = new SplittableRandom(20261202);
        int validCodes = 0;
        for (int i = 0; i < 50_000; i++) {
            String digits = String.format("%011d", random.nextLong(100_000_000_000L));
            boolean valid = StateIdentifiers.isPersonalCode(digits);
            assertEquals(PersonalCode.isValid(digits), valid, digits);
            assertEquals(RegistrationNumber.isValid(digits), StateIdentifiers.isRegistrationNumber(digits), digits);
            validCodes += valid ? 1 : 0;
        }
        assertTrue(validCodes > 200, "the sample reaches valid codes: " + validCodes);
    }

    @Test
    void makesTheCodesAndIbansTheGatewayAccepts() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(45_000));
            int serial = random.nextInt(1_000);
            assertEquals(PersonalCode.oldFormat(birth, serial).digits(),
                    StateIdentifiers.oldFormatPersonalCode(birth, serial));
            String account = String.format("%013d", random.nextLong(10_000_000_000_000L));
            assertEquals(Iban.of("TREL", account).value(), StateIdentifiers.latvianIban("TREL", account));
            String firstTen = "4" + String.format("%09d", random.nextInt(1_000_000_000));
            assertEquals(RegistrationNumber.complete(firstTen).map(RegistrationNumber::digits),
                    StateIdentifiers.completeRegistrationNumber(firstTen));
        }
    }
}
