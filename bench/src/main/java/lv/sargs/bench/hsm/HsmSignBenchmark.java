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
import java.util.concurrent.TimeUnit;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.Tokens;
import lv.sargs.testkit.SoftHsm2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
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
        SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
        softHsm.reset();
        String tokenLabel = softHsm.initToken(LABEL, PIN);
        Path pinFile = softHsm.conf().resolveSibling("bench.pin");
        Files.deleteIfExists(pinFile);
        Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pinFile, PIN);
        token = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(tokenLabel), Optional.empty(),
                new PinSource.File(pinFile), 1024, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        KeySpec spec = KeySpec.valueOf(key);
        algorithm = spec == KeySpec.RSA_2048 ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
        token.generateKeyPair("k", spec);

        // The only initialised token of this SoftHSM2 sits first in the slot list.
        direct = Security.getProvider("SunPKCS11").configure("--name = bench-direct\nlibrary = "
                + SoftHsm2.library() + "\nslotListIndex = 0\n");
        KeyStore keyStore = KeyStore.getInstance("PKCS11", direct);
        keyStore.load(null, PIN.toCharArray());
        directKey = (PrivateKey) keyStore.getKey("k", null);
        if (directKey == null) {
            throw new IllegalStateException("slot list index 0 is not token '" + tokenLabel + "' (no key 'k' there)");
        }
    }

    @TearDown(Level.Trial)
    public void closeToken() {
        token.close();
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
        return token.sign("k", algorithm, data).join();
    }
}
