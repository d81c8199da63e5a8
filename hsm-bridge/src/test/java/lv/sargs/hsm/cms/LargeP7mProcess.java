package lv.sargs.hsm.cms;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A small-heap JVM that signs and encrypts {@code <megabytes>} of report to {@code <out.p7m>} with
 * token keys, then decrypts it with the token and verifies it, all streaming; prints
 * {@code sha256 <hex> bytes <n> verified <true|false>} for the content it read back.
 * Arguments: {@code <token label> <pin file> <megabytes> <out.p7m>}.
 */
public final class LargeP7mProcess {

    private LargeP7mProcess() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        Path p7m = Path.of(args[3]);
        Duration timeout = Duration.ofSeconds(30);
        CertificateAuthority ca = CertificateAuthority.create("Sargs Test CA");
        try (Token token = Tokens.open(SoftHsmTokens.settings(Optional.of(args[0]), Optional.empty(), Path.of(args[1])))) {
            List<X509Certificate> signerChain = chain(token, ca, "big-signer", KeySpec.EC_P384);
            List<X509Certificate> recipientChain = chain(token, ca, "big-recipient", KeySpec.RSA_2048);
            CmsSigner signer = new CmsSigner(token, "big-signer", SignatureAlgorithm.SHA256_WITH_ECDSA, signerChain, timeout);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p7m), 64 * 1024)) {
                SignedEnvelopes.signThenEncrypt(new ReportStream(size), out, signer,
                        new CmsEncryptor(List.of(recipientChain.get(0))));
            }

            CmsDecryptor decryptor = new CmsDecryptor(token, "big-recipient", recipientChain.get(0), timeout);
            try (InputStream encrypted = new BufferedInputStream(Files.newInputStream(p7m), 64 * 1024);
                 InputStream signed = decryptor.open(encrypted)) {
                CMSSignedDataParser parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), signed);
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long bytes = 0;
                try (InputStream content = new DigestInputStream(parser.getSignedContent().getContentStream(), sha256)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = content.read(buffer)) > 0; ) {
                        bytes += n;
                    }
                }
                SignerInformation info = parser.getSignerInfos().getSigners().iterator().next();
                boolean verified = info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerChain.get(0)));
                System.out.println("sha256 " + HexFormat.of().formatHex(sha256.digest()) + " bytes " + bytes
                        + " verified " + verified);
            }
        }
    }

    private static List<X509Certificate> chain(Token token, CertificateAuthority ca, String label, KeySpec spec) {
        KeyInfo key = token.generateKeyPair(label, spec);
        X509Certificate leaf = ca.issue(label).cms().certify(key.publicKey());
        token.importCertificateChain(label, List.of(leaf, ca.certificate()));
        return List.of(leaf, ca.certificate());
    }
}
