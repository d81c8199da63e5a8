package lv.sargs.gateway.statistics.delivery;

import java.security.PublicKey;
import java.time.Duration;
import lv.sargs.gateway.statistics.StatisticsException;

/**
 * How to reach Latvijas Banka's file exchange over SFTP ({@code statistics.sftp.*}).
 *
 * @param host the server's address
 * @param port the server's port (22 in production; any in tests)
 * @param user the bank's registered user name
 * @param hostKey the server's public host key as registered (OpenSSH {@code known_hosts} form in the config)
 * @param userKeyLabel the label of the bank's SFTP login key on the token (RSA, EC P-256 or P-384)
 * @param outDir where reports go ({@code STAT/OUT})
 * @param inDir where replies come from ({@code STAT/IN})
 * @param timeout bound of connecting, authenticating and each SFTP request
 */
public record SftpSettings(String host, int port, String user, PublicKey hostKey, String userKeyLabel, String outDir,
                           String inDir, Duration timeout) {

    public SftpSettings {
        require(host != null && !host.isBlank(), "statistics.sftp.host: " + host + " (expected: a host name or IP)");
        require(port > 0 && port <= 65535, "statistics.sftp.port: " + port + " (expected: 1-65535)");
        require(user != null && !user.isBlank(), "statistics.sftp.user: " + user + " (expected: the registered user)");
        require(hostKey != null, "statistics.sftp.hostKey: null (expected: the server's public host key)");
        require(userKeyLabel != null && !userKeyLabel.isBlank(),
                "statistics.sftp.userKeyLabel: " + userKeyLabel + " (expected: the login key's label on the token)");
        require(outDir != null && !outDir.isBlank(), "statistics.sftp.outDir: " + outDir + " (expected: STAT/OUT)");
        require(inDir != null && !inDir.isBlank(), "statistics.sftp.inDir: " + inDir + " (expected: STAT/IN)");
        require(timeout != null && !timeout.isNegative() && !timeout.isZero(),
                "statistics.sftp.timeout: " + timeout + " (expected: a positive duration)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, message);
        }
    }
}
