package lv.sargs.hsm.cms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Sign-then-encrypt, the {@code .p7m} of Latvijas Banka's statistics exchange: SignedData with the
 * content encapsulated, inside EnvelopedData — streamed from input to output with bounded memory.
 */
public final class SignedEnvelopes {

    private SignedEnvelopes() {
    }

    /** Reads {@code content} to its end and writes the signed-then-encrypted CMS to {@code p7m}, which stays open. */
    public static void signThenEncrypt(InputStream content, OutputStream p7m, CmsSigner signer, CmsEncryptor encryptor)
            throws IOException {
        try (OutputStream encrypted = encryptor.open(p7m); OutputStream signed = signer.open(encrypted, true)) {
            content.transferTo(signed);
        }
    }
}
