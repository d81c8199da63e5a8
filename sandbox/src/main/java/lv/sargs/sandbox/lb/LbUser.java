package lv.sargs.sandbox.lb;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * A reporting bank registered with the simulated file exchange.
 *
 * @param name the SFTP user name
 * @param loginKey the public key the bank logs in with
 * @param signingCertificate the bank's registered signing certificate; files must be signed with its key
 * @param orgCode the bank's MFI code or registration number ({@code kkk}, {@code ORG_KODS})
 */
public record LbUser(String name, PublicKey loginKey, X509Certificate signingCertificate, String orgCode) {
}
