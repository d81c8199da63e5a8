package lv.sargs.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.tls.CertificateFingerprint;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.Test;

class DeclaredClientsTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("Clients CA");
    private static final HeldCertificate LENDING = CA.issue("lending").client().build();
    private static final HeldCertificate KYC = CA.issue("kyc").client().build();
    private static final HeldCertificate STRANGER = CA.issue("stranger").client().build();

    private final DeclaredClients clients = new DeclaredClients(List.of(
            new ClientConfig("lending", new ClientIdentity.Fingerprint(CertificateFingerprint.sha256(LENDING.certificate())),
                    List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("2001:db8::/48")), Set.of("lookup"), Set.of("credit")),
            new ClientConfig("kyc", new ClientIdentity.SubjectAndIssuer(KYC.certificate().getSubjectX500Principal(),
                    CA.certificate().getSubjectX500Principal()), List.of(Cidr.parse("10.2.0.0/16")), Set.of(), Set.of("kyc"))));

    @Test
    void recognisesByFingerprintFromDeclaredSource() throws Exception {
        RecognizedClient c = assertInstanceOf(RecognizedClient.class,
                clients.recognise(LENDING.certificate(), InetAddress.getByName("2001:db8::5")));
        assertEquals("lending", c.name());
        assertEquals(Set.of("credit"), c.purposes());
        assertTrue(c.hasRole("lookup"));
    }

    @Test
    void recognisesBySubjectAndIssuer() throws Exception {
        assertInstanceOf(RecognizedClient.class, clients.recognise(KYC.certificate(), InetAddress.getByName("10.2.3.4")));
    }

    @Test
    void refusesDeclaredClientFromOutsideItsSources() throws Exception {
        UnrecognizedClient u = assertInstanceOf(UnrecognizedClient.class,
                clients.recognise(LENDING.certificate(), InetAddress.getByName("10.2.3.4")));
        assertEquals(UnrecognizedClient.Reason.OUTSIDE_SOURCES, u.reason());
        assertTrue(u.detail().contains("\"lending\"") && u.detail().contains("10.2.3.4"), u.detail());
        assertTrue(u.logNote().contains("10.1.0.0/16"), u.logNote());
    }

    @Test
    void refusesUndeclaredCertificateNamingWhatWasPresented() throws Exception {
        UnrecognizedClient u = assertInstanceOf(UnrecognizedClient.class,
                clients.recognise(STRANGER.certificate(), InetAddress.getByName("10.1.0.1")));
        assertEquals(UnrecognizedClient.Reason.NOT_DECLARED, u.reason());
        assertTrue(u.detail().contains("CN=stranger"), u.detail());
        assertTrue(u.detail().contains(CertificateFingerprint.format(CertificateFingerprint.sha256(STRANGER.certificate()))));
    }

    @Test
    void recognisesNobodyWhenNoneIsDeclared() throws Exception {
        assertInstanceOf(UnrecognizedClient.class,
                new DeclaredClients(List.of()).recognise(LENDING.certificate(), InetAddress.getByName("10.1.0.1")));
    }
}
