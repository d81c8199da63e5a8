package lv.sargs.gateway.statistics.delivery;

import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.signature.SignatureFactoriesManager;

/**
 * Public-key SSH login that offers exactly one identity — the bank's login key on the token — and
 * nothing from files, agents or {@code ~/.ssh}.
 */
final class TokenUserAuthFactory extends UserAuthPublicKeyFactory {

    private final TokenLoginIdentity identity;

    TokenUserAuthFactory(TokenLoginIdentity identity) {
        this.identity = identity;
    }

    @Override
    public UserAuthPublicKey createUserAuth(ClientSession session) {
        return new UserAuthPublicKey(getSignatureFactories()) {
            @Override
            protected Iterator<PublicKeyIdentity> createPublicKeyIterator(ClientSession s,
                                                                          SignatureFactoriesManager factories) {
                return List.<PublicKeyIdentity>of(identity).iterator();
            }
        };
    }
}
