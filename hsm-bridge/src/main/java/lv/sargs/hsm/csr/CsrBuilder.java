package lv.sargs.hsm.csr;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import lv.sargs.hsm.core.KeySigner;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate request for a token key, with a subject and subject alternative names,
 * signed on the token: what the admin sends to VDAA, the Treasury or Latvijas Banka. Blocks for
 * the token (at most {@code timeout}): call it off event loops.
 */
public final class CsrBuilder {

    private final Token token;
    private final String label;
    private X500Principal subject;
    private final List<GeneralName> sans = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(30);

    private CsrBuilder(Token token, String label) {
        this.token = token;
        this.label = label;
    }

    /** Starts a request for the key {@code label} on {@code token}. */
    public static CsrBuilder forKey(Token token, String label) {
        return new CsrBuilder(token, label);
    }

    /** The subject, e.g. {@code CN=sargs.bank.lv, O=Banka AS, C=LV}. */
    public CsrBuilder subject(String distinguishedName) {
        try {
            this.subject = new X500Principal(distinguishedName);
        } catch (IllegalArgumentException e) {
            throw new TokenException(Code.CONFIGURATION, "CSR subject '" + distinguishedName
                    + "' (expected: an RFC 2253 name such as CN=sargs.bank.lv,O=Banka AS,C=LV)", e);
        }
        return this;
    }

    /** Adds DNS names as subject alternative names. */
    public CsrBuilder dnsNames(String... names) {
        for (String name : names) {
            sans.add(new GeneralName(GeneralName.dNSName, name));
        }
        return this;
    }

    /** Adds IP addresses (literals only; never resolved) as subject alternative names. */
    public CsrBuilder ipAddresses(String... literals) {
        for (String literal : literals) {
            if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new TokenException(Code.CONFIGURATION, "CSR IP address '" + literal + "' (expected: an IPv4 or IPv6 literal)");
            }
            sans.add(new GeneralName(GeneralName.iPAddress, literal));
        }
        return this;
    }

    /** Adds e-mail addresses as subject alternative names. */
    public CsrBuilder emails(String... addresses) {
        for (String address : addresses) {
            sans.add(new GeneralName(GeneralName.rfc822Name, address));
        }
        return this;
    }

    /** How long to wait for the token's signature. */
    public CsrBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Signs the request on the token (SHA256withRSA or SHA256withECDSA, by the key's type). */
    public PKCS10CertificationRequest build() {
        if (subject == null) {
            throw new TokenException(Code.CONFIGURATION, token.name() + ": CSR for key '" + label + "' has no subject");
        }
        KeyInfo key = token.listKeys().stream().filter(k -> k.label().equals(label)).findFirst()
                .orElseThrow(() -> new TokenException(Code.KEY_NOT_FOUND, token.name() + ": no key '" + label + "'"));
        SignatureAlgorithm algorithm = key.spec().algorithm().equals("RSA")
                ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, key.publicKey());
            if (!sans.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new KeySigner(token, label, algorithm, timeout));
        } catch (IOException e) {
            throw new TokenException(Code.OPERATION_FAILED, token.name() + ": cannot encode the CSR for key '" + label + "'", e);
        }
    }

    /** The request as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}). */
    public static String pem(PKCS10CertificationRequest request) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
