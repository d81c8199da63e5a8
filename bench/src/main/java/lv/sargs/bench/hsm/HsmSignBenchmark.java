package lv.sargs.bench.hsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.SoftHsm2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Signing through hsm-bridge (token executor, bounded queue, deadline, health gate) against
 * SunPKCS11's {@code Signature} called directly, on the same SoftHSM2 token and key, same run:
 * the price of the bridge. Needs {@code SOFTHSM2_CONF} (see {@code scripts/bench-hsm}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class HsmSignBenchmark {

    private static final String PIN = "bench-user-pin";
    private static final String LABEL = "bench";
    static final int BATCH = 16;

    @Param({"EC_P256", "RSA_2048"})
    public String key;

    private final byte[] data = "{\"iss\":\"consumer-key\",\"aud\":\"https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token\"}"
            .getBytes(StandardCharsets.UTF_8);
    private Token token;
    private SignatureAlgorithm algorithm;
    private Provider direct;
    private PrivateKey directKey;

    @Setup(Level.Trial)
    public void openToken() throws IOException, GeneralSecurityException {
        KeySpec spec = KeySpec.valueOf(key);
        algorithm = spec == KeySpec.RSA_2048 ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
        token = SharedToken.token();
        if (token.listKeys().stream().noneMatch(k -> k.label().equals(key))) {
            token.generateKeyPair(key, spec);
        }
        directKey = (PrivateKey) SharedToken.directKeyStore().getKey(key, null);
        direct = SharedToken.directKeyStore().getProvider();
        if (directKey == null) {
            throw new IllegalStateException("slot list index 0 is not the bench token (no key '" + key + "' there)");
        }
    }

    @TearDown(Level.Trial)
    public void closeToken() {
        // The token stays open for the JVM: SoftHSM2 would not show a second one initialised after C_Initialize.
    }

    /** One SoftHSM2 token per JVM, opened through the bridge and, for the direct path, through a plain SunPKCS11. */
    static final class SharedToken {
        private static Token token;
        private static KeyStore direct;

        private SharedToken() {
        }

        static synchronized Token token() throws IOException, GeneralSecurityException {
            if (token == null) {
                SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
                softHsm.reset();
                String tokenLabel = softHsm.initToken(LABEL, PIN);
                Path pinFile = softHsm.conf().resolveSibling("bench.pin");
                Files.deleteIfExists(pinFile);
                Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pinFile, PIN);
                token = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(tokenLabel), Optional.empty(),
                        new PinSource.File(pinFile), 1024, Duration.ofSeconds(10), Duration.ofSeconds(1)));
                // The only initialised token of this SoftHSM2 sits first in the slot list.
                Provider provider = Security.getProvider("SunPKCS11").configure("--name = bench-direct\nlibrary = "
                        + SoftHsm2.library() + "\nslotListIndex = 0\n");
                direct = KeyStore.getInstance("PKCS11", provider);
            }
            return token;
        }

        /** Loaded afresh, so it sees keys generated since. */
        static synchronized KeyStore directKeyStore() throws IOException, GeneralSecurityException {
            direct.load(null, PIN.toCharArray());
            return direct;
        }
    }

    /** Each benchmark thread's own initialised SunPKCS11 signature, as a caller without the bridge would keep. */
    @State(Scope.Thread)
    public static class DirectSignature {
        Signature signature;

        @Setup(Level.Trial)
        public void init(HsmSignBenchmark bench) throws GeneralSecurityException {
            signature = Signature.getInstance(bench.algorithm.jcaName(), bench.direct);
            signature.initSign(bench.directKey);
        }
    }

    @Benchmark
    public byte[] direct(DirectSignature state) throws GeneralSecurityException {
        state.signature.update(data);
        return state.signature.sign();
    }

    @Benchmark
    public byte[] bridge() {
        return token.sign(key, algorithm, data).join();
    }

    /** As the gateway uses the bridge: several signatures in flight, completions not waited for one by one. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object bridgePipelined() {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            inFlight[i] = token.sign(key, algorithm, data);
        }
        return CompletableFuture.allOf(inFlight).join();
    }

    /** The direct counterpart of {@link #bridgePipelined}: the same number of signatures in a row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] directBatch(DirectSignature state) throws GeneralSecurityException {
        byte[] last = null;
        for (int i = 0; i < BATCH; i++) {
            state.signature.update(data);
            last = state.signature.sign();
        }
        return last;
    }
}
