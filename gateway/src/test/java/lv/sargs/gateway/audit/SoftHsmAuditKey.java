package lv.sargs.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;

/** A fresh SoftHSM2 token holding an RSA audit key {@value #LABEL}, with its signer, pseudonyms and certificate. */
final class SoftHsmAuditKey implements AutoCloseable {

    static final String LABEL = "sargs-audit";
    private static final String PIN = "4711-audit";

    final Token token;
    final String tokenLabel;
    final Path pinFile;
    private final X509Certificate certificate;

    SoftHsmAuditKey(String prefix) {
        SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
        tokenLabel = softHsm.initToken(prefix, PIN);
        pinFile = softHsm.conf().resolveSibling("pins").resolve(tokenLabel + ".pin");
        try {
            Files.createDirectories(pinFile.getParent());
            Files.deleteIfExists(pinFile);
            Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pinFile, PIN + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        token = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(tokenLabel), Optional.empty(),
                new PinSource.File(pinFile), 64, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        PublicKey key = token.generateKeyPair(LABEL, KeySpec.RSA_2048).publicKey();
        certificate = CertificateAuthority.create("Sargs Test Bank CA").issue("sargs audit").certify(key);
        token.importCertificateChain(LABEL, java.util.List.of(certificate));
    }

    CheckpointSigner signer() {
        return CheckpointSigner.onToken(token, LABEL);
    }

    Pseudonyms pseudonyms() {
        return new Pseudonyms(StorageKey.derive(token, LABEL, Pseudonyms.PURPOSE).join());
    }

    /** The key's certificate, issued by a test CA: all a verifier is given. */
    X509Certificate certificate() {
        return certificate;
    }

    PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    @Override
    public void close() {
        token.close();
    }
}
