package lv.sargs.gateway;

import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;

/**
 * {@link Main} with {@link SlowHttpService} as the client listener and a demo token holding the
 * configured listener key, for subprocess lifecycle tests.
 */
public final class SlowGatewayMain {

    private SlowGatewayMain() {
    }

    public static void main(String[] args) {
        Main.keepLoggingUntilStopped();
        int code = Main.run(args, config -> {
            Token token = Gateway.openToken(config);
            token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
            return token;
        }, SlowHttpService::start, System.err);
        if (code != Main.EXIT_OK) {
            Main.exit(code);
        }
    }
}
