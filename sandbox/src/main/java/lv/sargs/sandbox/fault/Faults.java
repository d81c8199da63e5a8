package lv.sargs.sandbox.fault;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault controls of one simulator, settable at run time from any thread: a plan per endpoint
 * (or one for all), and which server certificate new handshakes get. Unknown endpoint names are
 * refused, so a typo cannot silently leave a test without its fault.
 */
public final class Faults {

    private final Set<String> endpoints;
    private final Map<String, FaultPlan> plans = new ConcurrentHashMap<>();
    private volatile FaultPlan forAll = FaultPlan.NONE;
    private volatile ServerCertificateMode certificateMode = ServerCertificateMode.VALID;

    /** Controls for a simulator with these endpoint names. */
    public Faults(Set<String> endpoints) {
        this.endpoints = Set.copyOf(endpoints);
    }

    /** The endpoint names plans can be set for. */
    public Set<String> endpoints() {
        return new TreeSet<>(endpoints);
    }

    /** Applies {@code plan} to one endpoint, overriding the plan for all. */
    public Faults set(String endpoint, FaultPlan plan) {
        if (!endpoints.contains(endpoint)) {
            throw new IllegalArgumentException("faults.endpoint: " + endpoint + " (expected: one of "
                    + endpoints() + ")");
        }
        plans.put(endpoint, plan);
        return this;
    }

    /** Applies {@code plan} to every endpoint without a plan of its own. */
    public Faults setAll(FaultPlan plan) {
        forAll = plan;
        return this;
    }

    /** Makes new handshakes present this kind of server certificate. */
    public Faults serverCertificate(ServerCertificateMode mode) {
        certificateMode = mode;
        return this;
    }

    /** The kind of server certificate new handshakes present. */
    public ServerCertificateMode serverCertificate() {
        return certificateMode;
    }

    /** The plan in force for {@code endpoint}. */
    public FaultPlan planFor(String endpoint) {
        return plans.getOrDefault(endpoint, forAll);
    }

    /** Back to no faults and the valid certificate. */
    public void clear() {
        plans.clear();
        forAll = FaultPlan.NONE;
        certificateMode = ServerCertificateMode.VALID;
    }
}
