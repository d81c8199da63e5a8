package lv.sargs.sandbox.ekase;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.treasury.Caller;
import lv.sargs.gateway.treasury.Payment;
import lv.sargs.gateway.treasury.PaymentSteps;
import lv.sargs.gateway.treasury.Submission;
import lv.sargs.gateway.treasury.TreasuryService;
import lv.sargs.gateway.treasury.TreasurySettings;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.EkaseSettings;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;

/**
 * The Treasury service alone in a JVM, for crash tests: it submits one payment (or only resumes),
 * pauses forever at the step named by {@code -Dsargs.test.pauseAt} so the test can kill it, and
 * prints what happens on stdout ({@code STORED <id> <e2e>}, {@code PAUSED <step>}, {@code FINAL <id> <state>}).
 *
 * <p>Arguments: store file, eKase URI, CA PEM, client PKCS#12, its password, eKase user and
 * password, {@code submit <idempotency key> <json file>} or {@code resume <payment id>}.
 */
public final class TreasuryProcess {

    private TreasuryProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        char[] p12Password = args[4].toCharArray();
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[3]))) {
            p12.load(in, p12Password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(p12, p12Password);
        X509ExtendedKeyManager key = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        EkaseSettings ekaseSettings = new EkaseSettings(java.net.URI.create(args[1]), List.of(ca), args[5],
                args[6].toCharArray(), EkaseMode.MANAGE, Duration.ofSeconds(5), Duration.ofSeconds(5));
        String pauseAt = System.getProperty("sargs.test.pauseAt", "");
        PaymentSteps steps = (step, payment) -> {
            if (step.name().equals(pauseAt)) {
                System.out.println("PAUSED " + step + " " + payment.id());
                System.out.flush();
                pauseForever();
            }
        };
        HttpsEkaseAdapter ekase = HttpsEkaseAdapter.create(ekaseSettings, key, new SafeXml(XmlLimits.TREASURY),
                Clock.systemUTC());
        TreasurySettings settings = TreasurySettings.defaults(store, null)
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(50));
        TreasuryService service = TreasuryService.start(settings, ekase, Clock.systemUTC(), steps);
        Caller caller = new Caller("core-payments", Set.of("treasury-manage"));
        String id;
        if (args[7].equals("submit")) {
            byte[] body = Files.readString(Path.of(args[9]), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            Submission s = service.submit(caller, args[8], "application/json", body).get(10, TimeUnit.SECONDS);
            id = s.payment().id();
            System.out.println("STORED " + id + " " + s.payment().endToEndIds().get(0));
            System.out.flush();
        } else {
            id = args[8];
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Payment p = service.payment(caller, id).get(10, TimeUnit.SECONDS);
            if (p.state().terminal()) {
                System.out.println("FINAL " + id + " " + p.state());
                System.out.flush();
                service.close();
                ekase.close();
                return;
            }
            Thread.sleep(25);
        }
        System.out.println("TIMEOUT " + id);
        System.exit(3);
    }

    private static void pauseForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
