package lv.sargs.hsm.pkcs11;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import lv.sargs.hsm.TokenHealth;
import lv.sargs.hsm.core.Certificates;
import lv.sargs.hsm.core.TokenExecutor;
import lv.sargs.hsm.tls.FixedKeyManager;
import org.tinylog.Logger;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * A PKCS#11 token through SunPKCS11: chosen by label or serial, logged in with the configured
 * PIN, every key operation on the token's single worker, watched by a health probe that fails
 * calls fast while the token is away and re-opens it when it is back.
 */
public final class Pkcs11Token implements Token {

    private static final Duration LONGEST_PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final String SIGN = "sign with key";

    private final Pkcs11Settings settings;
    private final String name;
    private final Cryptoki cryptoki;
    private final char[] pin;
    private final TokenExecutor executor;
    private final HealthProbe probe;
    private volatile Cryptoki.Slot slot;
    private volatile LoggedInProvider current;
    private long probeSession;
    private String pinRefused;
    private volatile boolean closed;

    private Pkcs11Token(Pkcs11Settings settings, String name, Cryptoki cryptoki, char[] pin, Cryptoki.Slot slot,
                        LoggedInProvider provider) {
        this.settings = settings;
        this.name = name;
        this.cryptoki = cryptoki;
        this.pin = pin;
        this.slot = slot;
        this.current = provider;
        this.executor = new TokenExecutor(name, settings.queueCapacity(), settings.operationDeadline());
        this.probe = new HealthProbe(name, new Probe(), settings.probeInterval());
    }

    /**
     * Opens, logs in to and starts watching the token {@code settings} names.
     *
     * @throws TokenException {@code CONFIGURATION} or {@code LOGIN_FAILED}, naming the token only
     */
    public static Pkcs11Token open(Pkcs11Settings settings) {
        String name = nameOf(settings);
        validate(settings, name);
        Cryptoki.requireWrapperAccess(name);
        char[] pin = PinReader.read(settings.pin(), name);
        try {
            Cryptoki cryptoki = Cryptoki.load(settings.library(), name);
            Cryptoki.Slot slot = cryptoki.find(settings.tokenLabel(), settings.tokenSerial(), name);
            LoggedInProvider provider = LoggedInProvider.open(name, slot.label(), cryptoki, slot.listIndex(), pin);
            Logger.info("{}: logged in (slot list index {})", name, slot.listIndex());
            return new Pkcs11Token(settings, name, cryptoki, pin, slot, provider);
        } catch (RuntimeException e) {
            Arrays.fill(pin, '\0');
            throw Pkcs11Errors.map(name, "opening", e);
        } catch (PKCS11Exception e) {
            Arrays.fill(pin, '\0');
            throw new TokenException(Code.CONFIGURATION, name + ": cannot list the library's slots ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String nameOf(Pkcs11Settings s) {
        String which = s.tokenLabel().map(l -> "token '" + l + "'")
                .orElseGet(() -> "token serial '" + s.tokenSerial().orElse("?") + "'");
        return which + " (" + (s.library() == null ? "no library" : s.library().getFileName()) + ")";
    }

    private static void validate(Pkcs11Settings s, String name) {
        if (s.library() == null) {
            throw new TokenException(Code.CONFIGURATION, name + ": library is not set (expected: the PKCS#11 module path)");
        }
        if (s.pin() == null) {
            throw new TokenException(Code.CONFIGURATION, name + ": pin is not set (expected: a PIN file, environment variable or console prompt)");
        }
        if (s.queueCapacity() < 1) {
            throw new TokenException(Code.CONFIGURATION, name + ": queueCapacity " + s.queueCapacity() + " (expected: at least 1)");
        }
        if (s.operationDeadline() == null || s.operationDeadline().isNegative() || s.operationDeadline().isZero()) {
            throw new TokenException(Code.CONFIGURATION, name + ": operationDeadline " + s.operationDeadline()
                    + " (expected: more than 0)");
        }
        if (s.tokenLabel().isEmpty() && s.tokenSerial().isEmpty()) {
            throw new TokenException(Code.CONFIGURATION, name
                    + ": neither tokenLabel nor tokenSerial is set (expected: at least one; slot ids are never used)");
        }
        if (s.probeInterval() == null || s.probeInterval().isNegative() || s.probeInterval().isZero()
                || s.probeInterval().compareTo(LONGEST_PROBE_INTERVAL) > 0) {
            throw new TokenException(Code.CONFIGURATION, name + ": probeInterval " + s.probeInterval()
                    + " (expected: more than 0, at most PT2S, to notice a failed token within 2 s)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean forProduction() {
        return true;
    }

    @Override
    public TokenHealth health() {
        return probe.health();
    }

    @Override
    public void onHealthChange(Consumer<TokenHealth> listener) {
        probe.onChange(listener);
    }

    @Override
    public List<KeyInfo> listKeys() {
        return executor.call("list keys", guarded("list keys", () -> current.list()));
    }

    @Override
    public KeyInfo generateKeyPair(String label, KeySpec spec) {
        String what = "generate key '" + label + "' (" + spec + ")";
        return executor.call(what, guarded(what, () -> current.generate(label, spec)));
    }

    @Override
    public void importCertificateChain(String label, List<X509Certificate> chain) {
        String what = "import certificate chain for key '" + label + "'";
        executor.call(what, guarded(what, () -> {
            current.importChain(label, List.copyOf(chain));
            return null;
        }));
    }

    @Override
    public void deleteKey(String label) {
        String what = "delete key '" + label + "'";
        executor.call(what, guarded(what, () -> {
            current.delete(label);
            return null;
        }));
    }

    @Override
    public List<X509Certificate> certificateChain(String label) {
        String what = "read certificate chain of key '" + label + "'";
        return executor.call(what, guarded(what, () -> current.chain(label)));
    }

    @Override
    public CompletableFuture<byte[]> sign(String label, SignatureAlgorithm algorithm, byte[] data) {
        TokenHealth now = probe.health();
        if (!now.usable()) {
            return CompletableFuture.failedFuture(unavailable(now, SIGN, label));
        }
        return executor.submit(SIGN, label, () -> {
            TokenHealth then = probe.health();
            if (!then.usable()) {
                throw unavailable(then, SIGN, label);
            }
            try {
                return current.sign(label, algorithm, data);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw mapped(SIGN + " '" + label + "'", e);
            }
        });
    }

    @Override
    public CompletableFuture<byte[]> decrypt(String label, byte[] ciphertext) {
        TokenHealth now = probe.health();
        if (!now.usable()) {
            return CompletableFuture.failedFuture(new TokenException(Code.UNAVAILABLE, now.reason()
                    + "; cannot decrypt with key '" + label + "'"));
        }
        String what = "decrypt with key '" + label + "'";
        return executor.submit(what, guarded(what, () -> current.decrypt(label, ciphertext)));
    }

    @Override
    public X509ExtendedKeyManager keyManager(String label, List<X509Certificate> chain) {
        String what = "key manager for key '" + label + "'";
        executor.call(what, guarded(what, () -> {
            Certificates.requireMatch(name, label, current.info(label).publicKey(), chain);
            return current.privateKey(label);
        }));
        return new FixedKeyManager(label, () -> handshakeKey(label), chain);
    }

    /** The key's handle in the provider in use now, so handshakes keep working after the token is re-opened. */
    private PrivateKey handshakeKey(String label) {
        if (!probe.health().usable()) {
            Logger.warn("{}: TLS handshake refused, key '{}' unavailable: {}", name, label, probe.health().reason());
            return null;
        }
        try {
            return current.privateKey(label);
        } catch (GeneralSecurityException | RuntimeException e) {
            Logger.warn("{}: TLS handshake refused, key '{}' unavailable: {}", name, label,
                    Pkcs11Errors.map(name, "read key", e).getMessage());
            return null;
        }
    }

    /**
     * Fails fast while the probe says the token is away, and turns provider errors into typed
     * ones — telling the probe when the token itself seems to be the problem.
     */
    private <T> Callable<T> guarded(String what, Callable<T> task) {
        return () -> {
            TokenHealth now = probe.health();
            if (!now.usable()) {
                throw new TokenException(Code.UNAVAILABLE, now.reason() + "; cannot " + what);
            }
            try {
                return task.call();
            } catch (GeneralSecurityException | RuntimeException e) {
                throw mapped(what, e);
            }
        };
    }

    private TokenException mapped(String what, Exception e) {
        TokenException mapped = Pkcs11Errors.map(name, what, e);
        if (mapped.code() == Code.UNAVAILABLE) {
            probe.suspect();
        }
        return mapped;
    }

    private static TokenException unavailable(TokenHealth health, String action, String label) {
        return new TokenException(Code.UNAVAILABLE, health.reason() + "; cannot " + action + " '" + label + "'");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        probe.close();
        executor.close();
        synchronized (this) {
            // Under the probe's lock: a recovery running now finishes first, and its provider is the one released.
            current.release();
            if (probeSession != 0) {
                cryptoki.closeSession(probeSession);
                probeSession = 0;
            }
        }
        Arrays.fill(pin, '\0');
        Logger.info("{}: closed", name);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The probe's view: token present, still the configured one, this process logged in. */
    private final class Probe implements HealthProbe.Check {

        @Override
        public String problem() {
            synchronized (Pkcs11Token.this) {
                if (closed) {
                    return null;
                }
                try {
                    String[] labelAndSerial = cryptoki.labelAndSerial(slot.id());
                    if (!labelAndSerial[0].equals(slot.label()) || !labelAndSerial[1].equals(slot.serial())) {
                        return "another token is in its slot ('" + labelAndSerial[0] + "', serial " + labelAndSerial[1] + ")";
                    }
                    if (probeSession == 0) {
                        probeSession = cryptoki.openSession(slot.id());
                    }
                    return cryptoki.loggedIn(probeSession) ? null : "logged out";
                } catch (PKCS11Exception e) {
                    dropProbeSession();
                    return "not reachable (" + e.getMessage() + ")";
                }
            }
        }

        @Override
        public String recover() {
            synchronized (Pkcs11Token.this) {
                if (closed) {
                    return null;
                }
                if (pinRefused != null) {
                    return pinRefused;
                }
                try {
                    dropProbeSession();
                    Cryptoki.Slot found = cryptoki.find(settings.tokenLabel(), settings.tokenSerial(), name);
                    LoggedInProvider reopened = LoggedInProvider.open(name, found.label(), cryptoki, found.listIndex(), pin);
                    LoggedInProvider old = current;
                    slot = found;
                    current = reopened;
                    old.release();
                    return problem();
                } catch (TokenException e) {
                    if (e.code() == Code.LOGIN_FAILED) {
                        // Never try a refused PIN again: a few wrong PINs lock the token for good.
                        pinRefused = e.getMessage() + "; not trying it again (expected: restart with the right PIN)";
                        return pinRefused;
                    }
                    return e.getMessage();
                } catch (PKCS11Exception e) {
                    return e.getMessage();
                }
            }
        }

        private void dropProbeSession() {
            if (probeSession != 0) {
                cryptoki.closeSession(probeSession);
                probeSession = 0;
            }
        }
    }
}
