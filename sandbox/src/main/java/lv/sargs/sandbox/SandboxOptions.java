package lv.sargs.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import lv.sargs.sandbox.data.WorldGenerator;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.fpr.FprOptions;
import lv.sargs.sandbox.viss.VissOptions;
import lv.sargs.testkit.CertificateAuthority;

/**
 * Everything {@link Sandbox#start} needs; defaults via {@link #defaults()}, changes by {@code withX}.
 *
 * @param seed the world's seed
 * @param worldSize how many persons, companies and institutions
 * @param referenceDate the day the world is "as of"
 * @param clock judges tokens and assertions and stamps recorded changes
 * @param viss VISS simulator options (clients listed here are registered besides the default one)
 * @param fpr population register options (likewise)
 * @param certificateAuthority the CA that issues the server certificates and the default client's;
 *     empty to mint a fresh one
 * @param vissPort loopback port for VISS, 0 for any free one
 * @param fprPort loopback port for the population register, 0 for any free one
 * @param ioThreads event loop threads per simulator
 */
public record SandboxOptions(long seed, WorldSize worldSize, LocalDate referenceDate, Clock clock, VissOptions viss,
                             FprOptions fpr, Optional<CertificateAuthority> certificateAuthority, int vissPort,
                             int fprPort, int ioThreads) {

    /** The default seed: the demo's world. */
    public static final long DEFAULT_SEED = 20_260_101L;

    public SandboxOptions {
        port("vissPort", vissPort);
        port("fprPort", fprPort);
        if (ioThreads < 1 || ioThreads > 16) {
            throw new IllegalArgumentException("sandbox.ioThreads: " + ioThreads + " (expected: 1-16)");
        }
    }

    /** Seed {@link #DEFAULT_SEED}, default world, system clock, default simulators, fresh CA, any ports, 1 thread. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(DEFAULT_SEED, WorldSize.DEFAULT, WorldGenerator.DEFAULT_REFERENCE_DATE,
                Clock.systemUTC(), VissOptions.defaults(), FprOptions.defaults(), Optional.empty(), 0, 0, 1);
    }

    /** A copy with another seed. */
    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(value, worldSize, referenceDate, clock, viss, fpr, certificateAuthority, vissPort,
                fprPort, ioThreads);
    }

    /** A copy with another world size. */
    public SandboxOptions withWorldSize(WorldSize value) {
        return new SandboxOptions(seed, value, referenceDate, clock, viss, fpr, certificateAuthority, vissPort,
                fprPort, ioThreads);
    }

    /** A copy with another clock, e.g. a test's settable one. */
    public SandboxOptions withClock(Clock value) {
        return new SandboxOptions(seed, worldSize, referenceDate, value, viss, fpr, certificateAuthority, vissPort,
                fprPort, ioThreads);
    }

    /** A copy with other VISS options. */
    public SandboxOptions withViss(VissOptions value) {
        return new SandboxOptions(seed, worldSize, referenceDate, clock, value, fpr, certificateAuthority, vissPort,
                fprPort, ioThreads);
    }

    /** A copy with other population register options. */
    public SandboxOptions withFpr(FprOptions value) {
        return new SandboxOptions(seed, worldSize, referenceDate, clock, viss, value, certificateAuthority, vissPort,
                fprPort, ioThreads);
    }

    /** A copy whose server certificates come from {@code ca}, e.g. one the gateway under test already trusts. */
    public SandboxOptions withCertificateAuthority(CertificateAuthority ca) {
        return new SandboxOptions(seed, worldSize, referenceDate, clock, viss, fpr, Optional.of(ca), vissPort,
                fprPort, ioThreads);
    }

    /** A copy listening on these ports (0 for any free one). */
    public SandboxOptions withPorts(int viss, int fpr) {
        return new SandboxOptions(seed, worldSize, referenceDate, clock, this.viss, this.fpr, certificateAuthority,
                viss, fpr, ioThreads);
    }

    /** A copy with this many event loop threads per simulator. */
    public SandboxOptions withIoThreads(int value) {
        return new SandboxOptions(seed, worldSize, referenceDate, clock, viss, fpr, certificateAuthority, vissPort,
                fprPort, value);
    }

    private static void port(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException("sandbox." + name + ": " + value + " (expected: 0-65535)");
        }
    }
}
