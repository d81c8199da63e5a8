package lv.sargs.e2e.treasury;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.TreasuryWiring;

/**
 * A paying bank's gateway with the sandbox eKase in a JVM of its own (run by
 * {@link PaymentAuditKillIT}, which kills it with SIGKILL): writes the core system's key store
 * ({@code client.p12}, password {@code e2e}) and the CA into {@code args[0]}, prints
 * {@code port=N} once listening, and runs until killed or its standard input closes.
 */
public final class PayingGatewayMain {

    private PayingGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (TreasuryWiring.SandboxEkase ekase = TreasuryWiring.startEkase()) {
            Pkcs11Settings token = E2eTokens.fresh();
            try (GatewayUnderTest gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token),
                    t -> TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE), Map.of())) {
                try (OutputStream out = Files.newOutputStream(dir.resolve("client.p12"))) {
                    gateway.pki().client().keyStore("client", "e2e".toCharArray()).store(out, "e2e".toCharArray());
                }
                Files.writeString(dir.resolve("ca.pem"), gateway.pki().ca().certificatePem());
                System.out.println("port=" + gateway.gateway().clientAddress().getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // the test holds our standard input open while it needs the gateway
                }
            }
        }
    }
}
