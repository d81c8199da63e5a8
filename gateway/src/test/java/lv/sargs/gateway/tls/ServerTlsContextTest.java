package lv.sargs.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsContextTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("TLS CA");

    @TempDir
    Path dir;

    @Test
    void rejectsProtocolsOlderThanTls12() throws Exception {
        Path ca = dir.resolve("ca.pem");
        CA.writeCertificatePem(ca);
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> ServerTlsContext.forServer("listeners.client.tls",
                new ServerTls("k", ca, ca, List.of("TLSv1.3", "TLSv1.1")), keyManager()));
        assertEquals(TlsSetupException.Code.PROTOCOLS_INVALID, e.code());
        assertEquals("listeners.client.tls.protocols[1]: TLSv1.1 (expected: TLSv1.3 or TLSv1.2)", e.getMessage());
    }

    @Test
    void namesAnUnreadableClientCaFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> ServerTlsContext.forServer("listeners.client.tls",
                new ServerTls("k", missing, missing, List.of("TLSv1.3")), keyManager()));
        assertEquals(TlsSetupException.Code.CERTIFICATES_UNREADABLE, e.code());
        assertTrue(e.getMessage().startsWith("listeners.client.tls.clientCa: " + missing), e.getMessage());
    }

    @Test
    void rejectsClientCaFileWithoutCertificates() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> ServerTlsContext.forServer("listeners.client.tls",
                new ServerTls("k", empty, empty, List.of("TLSv1.3")), keyManager()));
        assertEquals(TlsSetupException.Code.CERTIFICATES_UNREADABLE, e.code());
    }

    private static X509ExtendedKeyManager keyManager() throws Exception {
        HeldCertificate server = CA.issue("localhost").server("127.0.0.1").build();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(server.keyStore("s", "p".toCharArray()), "p".toCharArray());
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }
}
