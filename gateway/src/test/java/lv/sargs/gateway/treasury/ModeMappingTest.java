package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModeMappingTest {

    @Test
    void manageRoleWinsOverViewRole() {
        assertEquals(Optional.of(ClientMode.MANAGE),
                ModeMapping.DEFAULT.modeOf(Set.of("treasury-view", "treasury-manage")));
        assertEquals(Optional.of(ClientMode.VIEW), ModeMapping.DEFAULT.modeOf(Set.of("treasury-view", "lookup")));
    }

    @Test
    void clientWithoutTreasuryRoleHasNoMode() {
        assertEquals(Optional.empty(), ModeMapping.DEFAULT.modeOf(Set.of("lookup")));
    }

    @Test
    void refusesRoleInBothModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModeMapping(Set.of("treasury"), Set.of("treasury")));
        assertEquals("treasury.roles: treasury is both a view and a manage role (expected: one mode per role)",
                e.getMessage());
    }
}
