package lv.sargs.e2e.statistics;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lv.sargs.gateway.Gateway;

/**
 * A reporting bank's gateway in a JVM of its own (run by {@link LargeReportUploadIT} with a small
 * heap): starts it with the sandbox's Latvijas Banka exchange, writes the {@code reporting}
 * client's key store ({@code reporting.p12}, password {@code e2e}) and the client CA into
 * {@code args[0]}, prints {@code port=N} once listening, and stops when its standard input closes.
 */
public final class ReportingGatewayMain {

    private ReportingGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (ReportingBank bank = new ReportingBank(dir)) {
            Gateway gateway = Gateway.start(bank.config(ReportingBank.SIGNING_KEY), "e2e sargs.yaml", bank.token);
            try {
                try (OutputStream out = Files.newOutputStream(dir.resolve("reporting.p12"))) {
                    bank.reporting.keyStore("client", "e2e".toCharArray()).store(out, "e2e".toCharArray());
                }
                System.out.println("port=" + gateway.clientAddress().getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // the test holds our standard input open while it needs the gateway
                }
            } finally {
                gateway.stop();
            }
        }
    }
}
