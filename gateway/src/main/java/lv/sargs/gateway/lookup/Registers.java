package lv.sargs.gateway.lookup;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The registers this gateway knows: the list in {@code META-INF/services/lv.sargs.gateway.lookup.Register},
 * in its order — one line per register, so that a register's package depends on {@code lookup}
 * and never the other way round.
 */
final class Registers {

    private Registers() {
    }

    /** Every register on the class path, in the list's order. */
    static List<Register> installed() {
        return ServiceLoader.load(Register.class, Register.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).map(Register.class::cast).toList();
    }
}
