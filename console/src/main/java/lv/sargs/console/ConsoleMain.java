package lv.sargs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code sargs-console}: the operator's full-screen view of one gateway, refreshed every few
 * seconds from its management listener, with the actions an operator takes at the box. Exits 0 on
 * {@code q}, 2 on bad arguments.
 */
public final class ConsoleMain {

    static final String USAGE = """
            usage: sargs-console [--url URL] [--operator NAME] [--refresh SECONDS]
                                 [--client-keystore FILE.p12 --trust-ca FILE.pem]
              --url              the management listener (default http://127.0.0.1:9090)
              --operator         your name for the audit trail on loopback (default: the login name)
              --refresh          seconds between refreshes, 1-60 (default 2)
              --client-keystore  PKCS#12 with your operator client certificate, for a TLS listener;
                                 its password in SARGS_CONSOLE_KEYSTORE_PASSWORD
              --trust-ca         PEM with the CA of the management listener's certificate
            """;

    private final ManagementClient client;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private Snapshot snapshot;
    private int view;
    private int selected;
    private String message = "";

    private ConsoleMain(ManagementClient client, Duration refresh) {
        this.client = client;
        this.refresh = refresh;
    }

    public static void main(String[] args) throws IOException {
        String url = "http://127.0.0.1:9090";
        String operator = System.getProperty("user.name", "unnamed");
        int seconds = 2;
        Path keystore = null;
        Path trust = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = args[++i];
                    case "--operator" -> operator = args[++i];
                    case "--refresh" -> seconds = Integer.parseInt(args[++i]);
                    case "--client-keystore" -> keystore = Path.of(args[++i]);
                    case "--trust-ca" -> trust = Path.of(args[++i]);
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException(args[i] + " (expected: one of the options below)");
                }
            }
            if (seconds < 1 || seconds > 60) {
                throw new IllegalArgumentException("--refresh " + seconds + " (expected: 1-60)");
            }
            if ((keystore == null) != (trust == null)) {
                throw new IllegalArgumentException("--client-keystore and --trust-ca (expected: both, or neither)");
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            usage("a value after each option, numbers where asked");
            return;
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        SSLContext tls;
        try {
            tls = keystore == null ? null : tls(keystore, trust);
        } catch (IOException | GeneralSecurityException e) {
            usage("--client-keystore " + keystore + " / --trust-ca " + trust + " (expected: readable files): "
                    + e.getMessage());
            return;
        }
        new ConsoleMain(new ManagementClient(URI.create(url), operator, tls), Duration.ofSeconds(seconds)).run();
    }

    private static void usage(String problem) {
        System.err.println("sargs-console: " + problem);
        System.err.print(USAGE);
        System.exit(2);
    }

    private void run() throws IOException {
        try (Screen screen = new DefaultTerminalFactory().createScreen()) {
            screen.startScreen();
            screen.setCursorPosition(null);
            long next = 0;
            while (true) {
                if (System.nanoTime() - next >= 0) {
                    load();
                    draw(screen);
                    next = System.nanoTime() + refresh.toNanos();
                }
                KeyStroke key = screen.pollInput();
                if (key == null) {
                    sleep();
                    continue;
                }
                if (key.getKeyType() == KeyType.EOF || isChar(key, 'q')) {
                    return;
                }
                handle(screen, key);
                draw(screen);
            }
        }
    }

    private void handle(Screen screen, KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> selected = Math.max(0, selected - 1);
            case ArrowDown -> selected = snapshot == null ? 0
                    : Math.min(Math.max(0, snapshot.alarms().size() - 1), selected + 1);
            case Character -> {
                char c = key.getCharacter();
                if (c >= '1' && c <= '4') {
                    view = c - '1';
                } else if ("adpcr".indexOf(c) >= 0) {
                    message = "working...";
                    draw(screen);
                    message = act(c);
                    load();
                }
            }
            default -> {
            }
        }
    }

    /** Carries out the action of key {@code c}; the line to show. */
    private String act(char c) {
        try {
            return switch (c) {
                case 'a' -> acknowledge();
                case 'd' -> outcome(client.post("/v1/statistics/deliver"));
                case 'p' -> outcome(client.post("/v1/token/probe"));
                case 'c' -> checkpoints(client.checkpoints());
                default -> "refreshed";
            };
        } catch (IOException e) {
            return "ERROR: " + e.getMessage();
        }
    }

    private String acknowledge() throws IOException {
        if (snapshot == null || snapshot.alarms().isEmpty()) {
            return "No open alarm to acknowledge.";
        }
        Snapshot.AlarmRow a = snapshot.alarms().get(Math.min(selected, snapshot.alarms().size() - 1));
        JsonNode r = client.acknowledge(a.id());
        return "Acknowledged as " + r.path("acknowledgedBy").asText() + ": " + r.path("id").asText();
    }

    private static String outcome(JsonNode r) {
        return r.path("action").asText() + ": " + r.path("outcome").asText();
    }

    private static String checkpoints(JsonNode r) {
        StringBuilder b = new StringBuilder("Audit:");
        for (JsonNode c : r.path("checkpoints")) {
            b.append(' ').append(c.path("trail").asText()).append(" #").append(c.path("lines").asLong()).append(' ')
                    .append(c.path("lastHash").asText().substring(0, 8))
                    .append(c.path("intact").asBoolean() ? " intact;" : " BROKEN;");
        }
        return b.toString();
    }

    private void load() {
        try {
            snapshot = Snapshot.of(client.status(), client.metrics(), clock.instant());
            if (message.startsWith("ERROR: no answer")) {
                message = "";
            }
        } catch (IOException | RuntimeException e) {
            message = "ERROR: no answer from " + client.base() + (snapshot == null ? ""
                    : " (shown as of " + ConsoleView.asOf(snapshot.at()) + ")") + ": " + e.getMessage();
        }
    }

    private void draw(Screen screen) {
        screen.doResizeIfNecessary();
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        List<ConsoleView.Line> lines = snapshot == null
                ? List.of(new ConsoleView.Line("SARGS console: waiting for " + client.base(), ConsoleView.Tone.HEADER),
                        new ConsoleView.Line(message, ConsoleView.Tone.BAD))
                : ConsoleView.render(snapshot, view, selected, message);
        for (int row = 0; row < lines.size(); row++) {
            ConsoleView.Line l = lines.get(row);
            g.setForegroundColor(switch (l.tone()) {
                case GOOD -> TextColor.ANSI.GREEN;
                case WARN -> TextColor.ANSI.YELLOW;
                case BAD -> TextColor.ANSI.RED;
                default -> TextColor.ANSI.DEFAULT;
            });
            g.clearModifiers();
            if (l.tone() == ConsoleView.Tone.SELECTED) {
                g.enableModifiers(SGR.REVERSE);
            } else if (l.tone() == ConsoleView.Tone.HEADER) {
                g.enableModifiers(SGR.BOLD);
            }
            g.putString(0, row, l.text());
        }
        try {
            screen.refresh();
        } catch (IOException e) {
            // The terminal went away (SSH dropped): the next read ends the loop.
        }
    }

    private static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.getCharacter() == c;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext tls(Path keystore, Path trust) throws IOException, GeneralSecurityException {
        String password = System.getenv().getOrDefault("SARGS_CONSOLE_KEYSTORE_PASSWORD", "");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password.toCharArray());
        KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
        cas.load(null, null);
        try (InputStream in = Files.newInputStream(trust)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(cas);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
