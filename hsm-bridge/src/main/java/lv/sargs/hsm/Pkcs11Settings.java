package lv.sargs.hsm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one PKCS#11 token: the vendor library, the token chosen by label or serial (never
 * by slot id, which may change), the PIN source, and the bounds of its executor.
 *
 * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel the token label (CKA_LABEL of the token), when chosen by label
 * @param tokenSerial the token serial number, when chosen by serial
 * @param pin where the user PIN comes from
 * @param queueCapacity operations waiting for the token at most; one more fails at once
 * @param operationDeadline how long one operation may take, queueing included
 * @param probeInterval how often health is probed (must notice a failed token within 2 s)
 */
public record Pkcs11Settings(Path library, Optional<String> tokenLabel, Optional<String> tokenSerial,
                             PinSource pin, int queueCapacity, Duration operationDeadline,
                             Duration probeInterval) {
}
