package lv.sargs.bench.hsm;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * The CPU time one signature costs the process, through hsm-bridge and through SunPKCS11
 * directly: unlike JMH's wall-clock rates, this stays meaningful on a loaded machine, where the
 * scheduler favours a thread that blocks per operation (the bridge's) over a CPU-bound one.
 * Run by {@code scripts/bench-hsm --cpu}; prints one line per key type.
 */
public final class HsmSignCpuCost {

    private HsmSignCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String key : new String[] {"EC_P256", "RSA_2048"}) {
            HsmSignBenchmark bench = new HsmSignBenchmark();
            bench.key = key;
            bench.openToken();
            HsmSignBenchmark.DirectSignature direct = new HsmSignBenchmark.DirectSignature();
            direct.init(bench);
            int n = key.startsWith("EC") ? 4000 : 600;
            double directCpu = 0;
            double bridgeCpu = 0;
            double pipelinedCpu = 0;
            for (int round = 0; round < 4; round++) {
                long c0 = os.getProcessCpuTime();
                signDirect(bench, direct, n);
                long c1 = os.getProcessCpuTime();
                signBridge(bench, n);
                long c2 = os.getProcessCpuTime();
                for (int i = 0; i < n / HsmSignBenchmark.BATCH; i++) {
                    bench.bridgePipelined();
                }
                long c3 = os.getProcessCpuTime();
                if (round > 0) { // the first round warms up
                    directCpu += (c1 - c0) / 1e3 / n;
                    bridgeCpu += (c2 - c1) / 1e3 / n;
                    pipelinedCpu += (c3 - c2) / 1e3 / n;
                }
            }
            System.out.printf(Locale.ROOT, "%-8s CPU per signature: direct %.1f us, bridge %.1f us (keeps %.0f%% of the"
                    + " direct rate), bridge pipelined %.1f us (keeps %.0f%%)%n", key, directCpu / 3, bridgeCpu / 3,
                    100 * directCpu / bridgeCpu, pipelinedCpu / 3, 100 * directCpu / pipelinedCpu);
        }
    }

    private static void signDirect(HsmSignBenchmark bench, HsmSignBenchmark.DirectSignature direct, int n)
            throws GeneralSecurityException {
        for (int i = 0; i < n; i++) {
            bench.direct(direct);
        }
    }

    private static void signBridge(HsmSignBenchmark bench, int n) {
        for (int i = 0; i < n; i++) {
            bench.bridge();
        }
    }
}
