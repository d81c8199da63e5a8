package lv.sargs.gateway;

/** {@link Main} with {@link SlowHttpService} as the client listener, for subprocess lifecycle tests. */
public final class SlowGatewayMain {

    private SlowGatewayMain() {
    }

    public static void main(String[] args) {
        int code = Main.run(args, SlowHttpService::start, System.err);
        if (code != Main.EXIT_OK) {
            Main.exit(code);
        }
    }
}
