package lv.sargs.provisioning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lv.sargs.hsm.KeySpec;

/**
 * The answers of one {@code sargs-admin init}, complete and checked: where the token is, where
 * files go, how the listener is reached and which upstreams this gateway talks to.
 *
 * @param upstreams a subset of {@link #UPSTREAMS}, in the order given
 */
record InitAnswers(Path config, Path tokenLibrary, String tokenLabel, Path pinFile, Path dataDirectory,
                   Path pkiDirectory, String hostname, String subject, String clientBind, List<String> allow,
                   String managementBind, List<String> upstreams, Viss viss, Fpr fpr, Ekase ekase) {

    /** The upstreams init knows the keys and config of. */
    static final Set<String> UPSTREAMS = Set.of("viss", "fpr", "ekase");

    InitAnswers {
        allow = List.copyOf(allow);
        upstreams = List.copyOf(upstreams);
    }

    /** VISS API Pārvaldnieks: the consumer key, where its secret is, the base and the assertion audience. */
    record Viss(String clientId, Path secretFile, String baseUri, String audience) {
    }

    /** The population register (DAGR style): client id, secret file, base and the bank's permission number. */
    record Fpr(String clientId, Path secretFile, String baseUri, String permission) {
    }

    /** The Treasury's eKase: the registered user, its password file, its mode and the base. */
    record Ekase(String user, Path passwordFile, String mode, String baseUri) {
    }

    boolean has(String upstream) {
        return upstreams.contains(upstream);
    }

    boolean lookups() {
        return has("viss") || has("fpr");
    }

    /** A key the answers need on the token, and whether a CA must certify it (a CSR is written). */
    record NeededKey(String label, KeySpec spec, boolean csr, String purpose) {
    }

    /** Every key this gateway needs, in the order init makes them. */
    List<NeededKey> keys() {
        List<NeededKey> out = new ArrayList<>();
        // EC keeps the listener's handshakes cheap on the token; every core system's TLS stack speaks it.
        out.add(new NeededKey(InitConfig.LISTENER_KEY, KeySpec.EC_P256, true, "the client listener"));
        if (lookups()) {
            // Store keys are derived by RSA decryption on the token, so the storage key must be RSA.
            out.add(new NeededKey(InitConfig.STORAGE_KEY, KeySpec.RSA_2048, false, "the lookup stores"));
        }
        if (has("viss")) {
            // VISS signs the client assertion RS256: RSA.
            out.add(new NeededKey(InitConfig.VISS_KEY, KeySpec.RSA_2048, true, "VISS"));
        }
        if (has("fpr")) {
            out.add(new NeededKey(InitConfig.FPR_KEY, KeySpec.RSA_2048, true, "the population register"));
        }
        if (has("ekase")) {
            out.add(new NeededKey(InitConfig.EKASE_KEY, KeySpec.RSA_2048, true, "eKase"));
            out.add(new NeededKey(InitConfig.TREASURY_STORAGE_KEY, KeySpec.RSA_2048, false,
                    "the payment store"));
        }
        return out;
    }

    /** Where the CSR of {@code label} is written. */
    Path csr(String label) {
        return pkiDirectory.resolve(label + ".csr");
    }

    /** Where the chain the CA issues for {@code label} is expected. */
    Path chain(String label) {
        return pkiDirectory.resolve(label + "-chain.pem");
    }

    /** The CA files the config names, which the admin places in the PKI directory. */
    List<Path> caFiles() {
        List<Path> out = new ArrayList<>();
        out.add(pkiDirectory.resolve(InitConfig.CLIENTS_CA));
        for (String u : upstreams) {
            out.add(pkiDirectory.resolve(u + "-ca.pem"));
        }
        return out;
    }

    /** The secret files the config names (consumer secrets, passwords), which the admin writes. */
    List<Path> secretFiles() {
        List<Path> out = new ArrayList<>();
        if (viss != null) {
            out.add(viss.secretFile());
        }
        if (fpr != null) {
            out.add(fpr.secretFile());
        }
        if (ekase != null) {
            out.add(ekase.passwordFile());
        }
        return out;
    }
}
