package lv.sargs.sandbox.ekase;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.EkaseSettings;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * A Treasury for tests: a CA minted now, the simulator on loopback with a manage and a view
 * user, and the gateway's client key on a demo token certified by that CA.
 */
final class TreasuryWorld implements AutoCloseable {

    static final String MANAGER = "sargs-manage";
    static final String VIEWER = "sargs-view";
    static final char[] MANAGER_PASSWORD = "manage-secret".toCharArray();
    static final char[] VIEWER_PASSWORD = "view-secret".toCharArray();
    static final String DEBTOR = "LV34TREL2200000000001";
    static final String POOR_DEBTOR = "LV77TREL2200000000003";
    static final String CREDITOR = "LV44HABA0551000000001";
    static final String CLOSED_CREDITOR = "LV58UNLA0050000000001";

    final CertificateAuthority ca = CertificateAuthority.create("Valsts kase test CA");
    final HeldCertificate server = ca.issue("ekase.test").server("127.0.0.1").build();
    static final String KEY_LABEL = "ekase";

    final Token token = Tokens.demo();
    final X509ExtendedKeyManager clientKey;
    final List<X509Certificate> clientChain;
    final EkaseSimulator simulator;

    TreasuryWorld() throws Exception {
        this(s -> s);
    }

    TreasuryWorld(UnaryOperator<EkaseSimulator.Settings> tune) throws Exception {
        var info = token.generateKeyPair(KEY_LABEL, KeySpec.EC_P256);
        X509Certificate cert = ca.issue("sargs-gateway").client().certify(info.publicKey());
        token.importCertificateChain(KEY_LABEL, List.of(cert));
        clientChain = List.of(cert);
        clientKey = token.keyManager(KEY_LABEL, clientChain);
        simulator = EkaseSimulator.start(tune.apply(EkaseSimulator.Settings.loopback(server, ca.certificate(), List.of(
                new SimUser(MANAGER, MANAGER_PASSWORD, SimUser.Mode.MANAGE),
                new SimUser(VIEWER, VIEWER_PASSWORD, SimUser.Mode.VIEW)))
                .withClosedAccounts(java.util.Set.of(CLOSED_CREDITOR))));
    }

    HttpsEkaseAdapter adapter() {
        return adapter(MANAGER, MANAGER_PASSWORD, EkaseMode.MANAGE);
    }

    HttpsEkaseAdapter adapter(String user, char[] password, EkaseMode mode) {
        return adapter(user, password, mode, clientKey);
    }

    HttpsEkaseAdapter adapter(String user, char[] password, EkaseMode mode, X509ExtendedKeyManager key) {
        EkaseSettings settings = new EkaseSettings(simulator.uri(), List.of(ca.certificate()), user, password, mode,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        return HttpsEkaseAdapter.create(settings, key, new SafeXml(XmlLimits.TREASURY), Clock.systemUTC());
    }

    @Override
    public void close() {
        simulator.close();
        token.close();
    }
}
