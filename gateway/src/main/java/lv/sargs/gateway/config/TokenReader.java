package lv.sargs.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;

/** Reads {@code token}: either {@code demo: true} or a {@code pkcs11} block. */
final class TokenReader {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

    private final Map<String, String> environment;

    TokenReader(Map<String, String> environment) {
        this.environment = environment;
    }

    TokenConfig read(Section s) {
        boolean demo = s.has("demo");
        boolean pkcs11 = s.has("pkcs11");
        TokenConfig out = null;
        if (demo == pkcs11) {
            s.problem(demo ? "both demo and pkcs11" : "neither demo nor pkcs11",
                    "either a pkcs11 block (production) or demo: true (NOT FOR PRODUCTION)");
            s.optional("demo");
            s.optional("pkcs11");
        } else if (demo) {
            out = s.required("demo", "true").flatMap(Node::bool).flatMap(b -> {
                if (!b) {
                    s.problem("demo: false without pkcs11", "a pkcs11 block, or demo: true");
                }
                return b ? Optional.of(new TokenConfig.Demo()) : Optional.empty();
            }).orElse(null);
        } else {
            out = s.required("pkcs11", "library, tokenLabel or tokenSerial, pin, queueCapacity, operationDeadline, probeInterval")
                    .flatMap(Node::section).map(this::pkcs11).orElse(null);
        }
        s.end();
        return out;
    }

    private TokenConfig pkcs11(Section s) {
        int before = s.problemsCount();
        Path library = s.required("library", "the vendor's PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                    if (!Files.isRegularFile(p)) {
                        n.problem("an existing PKCS#11 library file");
                    }
                    return p;
                })).orElse(null);
        Optional<String> label = Optional.empty();
        Optional<String> serial = Optional.empty();
        if (s.has("tokenLabel") == s.has("tokenSerial")) {
            s.problem(s.has("tokenLabel") ? "both tokenLabel and tokenSerial" : "neither tokenLabel nor tokenSerial",
                    "exactly one of tokenLabel or tokenSerial (never a slot number, which can change)");
            s.optional("tokenLabel");
            s.optional("tokenSerial");
        } else if (s.has("tokenLabel")) {
            label = s.required("tokenLabel", "the token's label").flatMap(Node::text);
        } else {
            serial = s.required("tokenSerial", "the token's serial number").flatMap(Node::text);
        }
        PinSource pin = s.required("pin", "one of file, env or prompt").flatMap(Node::section).map(this::pin)
                .orElse(null);
        Integer queue = s.required("queueCapacity", "operations that may wait for the token, e.g. 64")
                .flatMap(n -> n.integer(1, 10_000)).orElse(null);
        Duration deadline = s.required("operationDeadline", "a duration, e.g. 2s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(1))))
                .orElse(null);
        Duration probe = s.required("probeInterval", "a duration up to 2s, e.g. 1s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofSeconds(2))))
                .orElse(null);
        s.end();
        return s.problemsCount() > before ? null
                : new TokenConfig.Pkcs11(new Pkcs11Settings(library, label, serial, pin, queue, deadline, probe));
    }

    private PinSource pin(Section s) {
        int given = (s.has("file") ? 1 : 0) + (s.has("env") ? 1 : 0) + (s.has("prompt") ? 1 : 0);
        PinSource out = null;
        if (given != 1) {
            s.problem(given == 0 ? "no PIN source" : "several PIN sources",
                    "exactly one of file: /etc/sargs/token.pin, env: SARGS_TOKEN_PIN or prompt: true");
            s.optional("file");
            s.optional("env");
            s.optional("prompt");
        } else if (s.has("file")) {
            out = s.required("file", "a PIN file").flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                checkPinFile(n, p);
                return new PinSource.File(p);
            })).orElse(null);
        } else if (s.has("env")) {
            out = s.required("env", "an environment variable name").flatMap(n -> n.text().map(v -> {
                if (!ENV_NAME.matcher(v).matches()) {
                    n.problem("an environment variable name such as SARGS_TOKEN_PIN");
                } else if (environment.get(v) == null) {
                    n.problem("an environment variable set for the service (e.g. by systemd), but it is not set");
                }
                return new PinSource.Environment(v);
            })).orElse(null);
        } else {
            out = s.required("prompt", "true").flatMap(Node::bool).map(b -> {
                if (!b) {
                    s.problem("prompt: false", "prompt: true, or a file or env PIN source");
                }
                return (PinSource) new PinSource.ConsolePrompt();
            }).orElse(null);
        }
        s.end();
        return out;
    }

    static void checkPinFile(Node node, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            node.problem("a PIN file readable by the service user (no such file, or not readable)");
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                node.problem("a PIN file readable by its owner only (chmod 600), not by group or others");
            }
        } catch (UnsupportedOperationException | java.io.IOException e) {
            node.problem("a PIN file whose permissions can be checked (chmod 600)");
        }
    }
}
