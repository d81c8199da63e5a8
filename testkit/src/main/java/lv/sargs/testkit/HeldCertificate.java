package lv.sargs.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A minted certificate together with its key pair and the chain up to (not including) the root,
 * with PEM and key-store renderings for servers, clients and {@code openssl}/{@code curl}.
 *
 * @param keyPair the key pair; its private key exists only in this JVM's memory
 * @param certificate the leaf certificate
 * @param chain the leaf first, then intermediates; the root is never included
 */
public record HeldCertificate(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chain) {

    public HeldCertificate {
        chain = List.copyOf(chain);
    }

    /** The certificate chain in PEM, leaf first. */
    public String chainPem() {
        return Pem.encode(chain.toArray());
    }

    /** The certificate alone in PEM. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** The private key as unencrypted PKCS#8 PEM, for test peers and the demo's curl line only. */
    public String privateKeyPem() {
        try {
            return Pem.encode(new JcaPKCS8Generator(keyPair.getPrivate(), null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the chain and the key as PEM files; the key file is made readable by its owner only. */
    public void writePem(Path chainFile, Path keyFile) throws IOException {
        Files.writeString(chainFile, chainPem(), StandardCharsets.US_ASCII);
        Pem.writePrivate(keyFile, privateKeyPem());
    }

    /** An in-memory PKCS#12 key store holding this key and chain under {@code alias}. */
    public KeyStore keyStore(String alias, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, keyPair.getPrivate(), password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store for " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** PEM rendering shared by the kit. */
    static final class Pem {
        private Pem() {
        }

        static String encode(Object... objects) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                for (Object o : objects) {
                    writer.writeObject(o);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        static void writePrivate(Path file, String pem) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: nothing stricter to set.
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        }
    }
}
