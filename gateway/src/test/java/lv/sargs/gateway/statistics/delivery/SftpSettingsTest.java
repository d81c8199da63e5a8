package lv.sargs.gateway.statistics.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.testkit.CertificateAuthority;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

class SftpSettingsTest {

    private final PublicKey key = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256).getPublic();

    @Test
    void readsAHostKeyAsOpensshPrintsIt() {
        String line = PublicKeyEntry.toString(key);
        assertTrue(KeyUtils.compareKeys(key, SftpSettings.parseHostKey(line + " lb-sftp")));
        assertTrue(KeyUtils.compareKeys(key, SftpSettings.parseHostKey("sftp.bank.lv,10.1.2.3 " + line)));
    }

    @Test
    void namesTheSettingWhenTheHostKeyIsUnreadable() {
        StatisticsException e = assertThrows(StatisticsException.class,
                () -> SftpSettings.parseHostKey("SHA256:nW17MrOd5QmsyNmZmvSeczGfjtIPVCJxG7UtrzsnK54"));
        assertEquals(StatisticsException.Code.CONFIGURATION, e.code());
        assertTrue(e.getMessage().matches("statistics\\.sftp\\.hostKey: SHA256:\\S+ \\(expected: the server's public key"
                + " as OpenSSH prints it, .*\\)"), e.getMessage());
    }

    @Test
    void printsFingerprintsAsOpenssh() {
        assertTrue(PinnedHostKey.fingerprint(key).matches("SHA256:[A-Za-z0-9+/]{43}"), PinnedHostKey.fingerprint(key));
    }
}
