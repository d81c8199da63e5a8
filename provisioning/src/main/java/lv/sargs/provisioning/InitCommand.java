package lv.sargs.provisioning;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.ConfigProblem;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.hsm.csr.CsrBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin init}: the scripted first boot. Logs in to the token (checking it and the
 * PIN), makes the keys the answers need (keeping those already there), writes their CSRs, writes
 * the config, runs {@code check} on it and prints what is left to do. Never asks anything and never
 * overwrites: a second run with the same answers changes nothing.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "First boot: keys on the token, CSRs and the config from flags or an answers file.")
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InitOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InitAnswers answers = options.resolve();
        List<String> steps = new ArrayList<>();
        // Refused before the token is touched: a run that cannot finish changes nothing.
        boolean configWritten = sameConfigExists(answers);
        try (Token token = open(answers)) {
            out.println("token: " + token.name() + ", logged in");
            makeKeys(token, answers, out);
            writeCsrs(token, answers, out, steps);
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
        if (configWritten) {
            out.println("config " + answers.config() + ": unchanged");
        } else {
            writeConfig(answers, out);
        }
        return check(answers, out, steps);
    }

    private static Token open(InitAnswers a) {
        Pkcs11Settings settings = new Pkcs11Settings(a.tokenLibrary(), Optional.of(a.tokenLabel()), Optional.empty(),
                new PinSource.File(a.pinFile()), 16, Duration.ofSeconds(30), Duration.ofSeconds(1));
        return Tokens.open(settings);
    }

    private static void makeKeys(Token token, InitAnswers a, PrintWriter out) {
        List<String> present = token.listKeys().stream().map(KeyInfo::label).toList();
        for (InitAnswers.NeededKey k : a.keys()) {
            if (present.contains(k.label())) {
                out.println("key '" + k.label() + "' (" + k.purpose() + "): already on the token, kept");
            } else {
                token.generateKeyPair(k.label(), k.spec());
                out.println("key '" + k.label() + "' (" + k.purpose() + "): generated " + k.spec());
            }
        }
    }

    private void writeCsrs(Token token, InitAnswers a, PrintWriter out, List<String> steps) {
        mkdirs(a.pkiDirectory(), "--pki-directory");
        for (InitAnswers.NeededKey k : a.keys()) {
            if (!k.csr()) {
                continue;
            }
            Path csr = a.csr(k.label());
            boolean chained = !token.certificateChain(k.label()).isEmpty();
            if (Files.exists(csr)) {
                out.println("CSR " + csr + ": exists, kept");
            } else if (chained) {
                out.println("CSR for '" + k.label() + "': not needed, its chain is imported");
            } else {
                CsrBuilder builder = CsrBuilder.forKey(token, k.label())
                        .subject("CN=" + a.hostname() + "," + a.subject()).dnsNames(a.hostname());
                AtomicFiles.write(csr, CsrBuilder.pem(builder.build()).getBytes(StandardCharsets.US_ASCII),
                        "rw-r--r--");
                out.println("CSR " + csr + ": written for '" + k.label() + "'");
            }
            if (!chained) {
                steps.add("send " + csr + " to the CA of " + k.purpose() + "; save the chain it issues (leaf first) as "
                        + a.chain(k.label()) + " and run: sargs-admin keys --config " + a.config() + " import --label "
                        + k.label() + " --chain " + a.chain(k.label()));
            }
        }
    }

    /** Whether the config init would write is there already; refuses when another config is. */
    private static boolean sameConfigExists(InitAnswers a) {
        Path file = a.config();
        if (!Files.exists(file)) {
            return false;
        }
        String existing;
        try {
            existing = Files.readString(file);
        } catch (IOException e) {
            throw new AdminException(1, "--config " + file + ": exists but cannot be read (" + e.getMessage() + ")");
        }
        if (!existing.equals(InitConfig.render(a))) {
            throw new AdminException(SargsAdmin.CONFIG_INVALID, "--config " + file + ": exists and differs from"
                    + " what these answers give (expected: no file, or the one an earlier init wrote); init never"
                    + " overwrites a config: move it away, or change it with an editor and `sargs-admin check`");
        }
        return true;
    }

    private static void writeConfig(InitAnswers a, PrintWriter out) {
        Path file = a.config();
        mkdirs(file.toAbsolutePath().getParent(), "--config");
        mkdirs(file.toAbsolutePath().getParent().resolve(ConfigLoader.DROP_INS), "--config");
        // The config names secret files but holds no secret; the service group reads it.
        AtomicFiles.write(file, InitConfig.render(a).getBytes(StandardCharsets.UTF_8), "rw-r-----");
        out.println("config " + file + ": written");
    }

    /**
     * Runs {@code check}; the files the admin still has to place (the chains the CAs will issue, the
     * CA files) are next steps, anything else is a problem with the answers (exit 2).
     */
    private static int check(InitAnswers a, PrintWriter out, List<String> steps) {
        List<ConfigProblem> problems;
        try {
            ConfigLoader.system().load(a.config());
            problems = List.of();
        } catch (ConfigException e) {
            problems = e.problems();
        }
        List<ConfigProblem> other = new ArrayList<>();
        for (ConfigProblem p : problems) {
            Optional<Path> awaited = awaitedFile(a, p);
            if (awaited.isEmpty()) {
                other.add(p);
            } else if (p.path().endsWith(".file")) {
                steps.add("write " + awaited.get() + " (" + p.path() + "): the secret on one line, chmod 600,"
                        + " readable by the service user only");
            } else if (!p.path().endsWith("certificateChain")) {
                steps.add("place " + awaited.get() + " (" + p.path() + ": the CA certificates, PEM)");
            }
        }
        if (!other.isEmpty()) {
            out.println("check: " + a.config() + " has " + other.size() + " problem(s) besides the files still to come:");
            other.forEach(p -> out.println("  " + p));
            out.flush();
            return SargsAdmin.CONFIG_INVALID;
        }
        out.println(problems.isEmpty() ? "check: " + a.config() + ": valid"
                : "check: " + a.config() + ": valid once the " + problems.size() + " file(s) below are in place");
        steps.add("sargs-admin check --config " + a.config());
        steps.add("declare the core systems: sargs-admin clients --config " + a.config() + " add …");
        steps.add("systemctl start sargs");
        out.println("next steps:");
        for (int i = 0; i < steps.size(); i++) {
            out.println("  " + (i + 1) + ". " + steps.get(i));
        }
        out.flush();
        return 0;
    }

    /** The certificate file a problem is about when it is one still to come from a CA (not there yet). */
    private static Optional<Path> awaitedFile(InitAnswers a, ConfigProblem p) {
        List<Path> awaited = new ArrayList<>();
        if (p.path().endsWith("clientSecret.file") || p.path().endsWith("password.file")) {
            awaited.addAll(a.secretFiles());
        } else if (p.path().endsWith("certificateChain") || p.path().endsWith("clientCa") || p.path().endsWith("trustedCa")) {
            a.keys().stream().filter(InitAnswers.NeededKey::csr).forEach(k -> awaited.add(a.chain(k.label())));
            awaited.addAll(a.caFiles());
        }
        // Long values are shown cut with an ellipsis in problems.
        String shown = p.value().endsWith("\u2026") ? p.value().substring(0, p.value().length() - 1) : p.value();
        return awaited.stream().filter(f -> !Files.exists(f))
                .filter(f -> f.toString().equals(shown) || p.value().endsWith("\u2026") && f.toString().startsWith(shown))
                .findFirst();
    }

    private static void mkdirs(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AdminException(1, option + " " + dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
    }
}
