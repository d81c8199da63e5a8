package lv.sargs.sandbox.ekase;

import java.util.Arrays;

/**
 * An eKase user of the simulator: name, password and its one mode.
 *
 * @param name the user name (HTTP Basic; the real mechanism is unconfirmed)
 * @param password the password, compared in constant time, never printed
 * @param mode VIEW (reports only) or MANAGE (also payment import)
 */
public record SimUser(String name, char[] password, Mode mode) {

    /** What an eKase user may do, as the Treasury registers it. */
    public enum Mode {
        /** Reports only. */
        VIEW,
        /** Reports and payment import. */
        MANAGE
    }

    public SimUser {
        password = password.clone();
    }

    boolean passwordMatches(char[] offered) {
        byte[] a = new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = new String(offered).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimUser u && u.name.equals(name) && Arrays.equals(u.password, password) && u.mode == mode;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "SimUser[" + name + ", " + mode + "]";
    }
}
