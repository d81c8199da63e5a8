package lv.sargs.gateway.treasury;

import java.util.Optional;
import java.util.Set;

/**
 * Maps a client's roles to its Treasury mode: any manage role gives {@link ClientMode#MANAGE},
 * otherwise any view role gives {@link ClientMode#VIEW}, otherwise no Treasury access at all.
 *
 * @param viewRoles roles that may read reports ({@code treasury.roles.view})
 * @param manageRoles roles that may also submit payments ({@code treasury.roles.manage})
 */
public record ModeMapping(Set<String> viewRoles, Set<String> manageRoles) {

    /** The default mapping: {@code treasury-view} and {@code treasury-manage}. */
    public static final ModeMapping DEFAULT = new ModeMapping(Set.of("treasury-view"), Set.of("treasury-manage"));

    public ModeMapping {
        viewRoles = Set.copyOf(viewRoles);
        manageRoles = Set.copyOf(manageRoles);
        for (String role : viewRoles) {
            if (manageRoles.contains(role)) {
                throw new IllegalArgumentException("treasury.roles: " + role
                        + " is both a view and a manage role (expected: one mode per role)");
            }
        }
    }

    /** The mode of a client holding {@code roles}; empty when it has no Treasury role. */
    public Optional<ClientMode> modeOf(Set<String> roles) {
        if (roles.stream().anyMatch(manageRoles::contains)) {
            return Optional.of(ClientMode.MANAGE);
        }
        if (roles.stream().anyMatch(viewRoles::contains)) {
            return Optional.of(ClientMode.VIEW);
        }
        return Optional.empty();
    }
}
