package lv.sargs.hsm.pkcs11;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;

/**
 * A fresh JVM that opens a token as the gateway does at start, for tests that must not share the
 * test JVM's login: {@code <label> <pin file> [<key label>]} prints the keys it lists and a
 * signature of {@link #DATA}; a refused start prints {@code CODE message} to stderr and exits 2.
 */
public final class TokenProcess {

    static final byte[] DATA = "signed in another JVM".getBytes(StandardCharsets.UTF_8);

    private TokenProcess() {
    }

    public static void main(String[] args) {
        Token token;
        try {
            token = Tokens.open(SoftHsmTokens.settings(Optional.of(args[0]), Optional.empty(), Path.of(args[1])));
        } catch (TokenException e) {
            System.err.println(e.code() + " " + e.getMessage());
            System.exit(2);
            return;
        }
        try (token) {
            for (KeyInfo key : token.listKeys()) {
                System.out.println("key " + key.label() + " " + key.spec() + " chain=" + key.chain().size());
            }
            if (args.length > 2) {
                byte[] signature = token.sign(args[2], SignatureAlgorithm.SHA256_WITH_RSA, DATA).join();
                System.out.println("signature " + Base64.getEncoder().encodeToString(signature));
            }
        }
    }
}
