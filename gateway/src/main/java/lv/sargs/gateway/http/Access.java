package lv.sargs.gateway.http;

import java.util.Objects;
import lv.sargs.gateway.admission.RecognizedClient;

/** Who may call a route: any recognised client, or only those holding one role. */
public final class Access {

    /** Any recognised client (e.g. {@code /v1/whoami}). */
    public static final Access ANY_CLIENT = new Access(null);

    private final String role;

    private Access(String role) {
        this.role = role;
    }

    /** Only clients holding {@code role}. */
    public static Access role(String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("route role: \"" + role + "\" (expected: a role name)");
        }
        return new Access(role);
    }

    /** Whether {@code client} may call the route. */
    public boolean permits(RecognizedClient client) {
        return role == null || client.hasRole(role);
    }

    /** The role required, or null for any client. */
    public String requiredRole() {
        return role;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Access a && Objects.equals(a.role, role);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(role);
    }

    @Override
    public String toString() {
        return role == null ? "any client" : "role " + role;
    }
}
