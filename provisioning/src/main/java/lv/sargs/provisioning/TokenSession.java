package lv.sargs.provisioning;

import java.nio.file.Path;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.TokenConfig;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;

/** Opens the token the config file names (its {@code token} section only), for one admin command. */
final class TokenSession {

    private TokenSession() {
    }

    static Token open(Path config) {
        TokenConfig tokenConfig;
        try {
            tokenConfig = ConfigLoader.system().loadToken(config);
        } catch (ConfigException e) {
            throw new AdminException(SargsAdmin.CONFIG_INVALID, e.getMessage());
        }
        if (tokenConfig instanceof TokenConfig.Demo) {
            throw new AdminException(SargsAdmin.CONFIG_INVALID, config + ": token.demo is an in-memory token that"
                    + " forgets its keys when the gateway stops (expected: a token.pkcs11 block to provision)");
        }
        try {
            return Tokens.open(((TokenConfig.Pkcs11) tokenConfig).settings());
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }
}
