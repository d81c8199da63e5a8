package lv.sargs.gateway.lookup.vid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import lv.sargs.gateway.lookup.StandardSection;
import org.junit.jupiter.api.Test;

/** VID declares itself as the SPI asks: its name, its config section and the taxData of both answers. */
class VidRegisterTest {

    @Test
    void answersTheTaxDataOfCompaniesAndPersonsUnderLookupsVid() {
        VidRegister vid = new VidRegister();
        assertEquals("vid", vid.name());
        assertEquals("lookups.vid", vid.configSection());
        assertEquals("State Revenue Service (VID)", vid.title());
        assertEquals(Set.of(StandardSection.COMPANY_TAX_DATA, StandardSection.PERSON_TAX_DATA), vid.answers());
    }
}
