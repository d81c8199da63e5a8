package lv.sargs.sandbox.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import lv.sargs.sandbox.ekase.Replays;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.sandbox.server.CallCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {

    private final Faults faults = new Faults(Set.of("person", "token"));
    private final CallCounter calls = new CallCounter();
    private final Replays replays = new Replays();
    private AdminServer admin;

    @BeforeEach
    void start() {
        admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("fpr", new SimulatorControls(faults, calls),
                        "ekase", new SimulatorControls(new Faults(Set.of("reports")), new CallCounter(), replays)));
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void setsAFaultPlanForOneEndpoint() throws IOException {
        assertEquals(200, call("PUT", "/faults/fpr/person", "latency=200ms/2s,error=0.1").status);

        assertEquals(FaultPlan.NONE.withLatency(Duration.ofMillis(200), Duration.ofSeconds(2)).withErrors(0.1, 503),
                faults.planFor("person"));
        assertEquals(FaultPlan.NONE, faults.planFor("token"));
    }

    @Test
    void switchesTheServerCertificateAndClearsEverything() throws IOException {
        call("PUT", "/faults/fpr/server-certificate", "expired");
        call("PUT", "/faults/fpr/*", "reset=1");
        assertEquals(ServerCertificateMode.EXPIRED, faults.serverCertificate());
        assertEquals(1.0, faults.planFor("token").resetRate());

        call("DELETE", "/faults/fpr", "");

        assertEquals(ServerCertificateMode.VALID, faults.serverCertificate());
        assertEquals(FaultPlan.NONE, faults.planFor("token"));
    }

    @Test
    void replaysACapturedDocumentByPathAndRefusesAWrongOne(@TempDir Path dir) throws IOException {
        Path pain002 = dir.resolve("status.xml");
        Files.writeString(pain002, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"/>");

        assertEquals(200, call("PUT", "/replay/ekase/status/SRG-ABC", pain002.toString()).status);
        Answer wrongKind = call("PUT", "/replay/ekase/statement/LV34TREL2200000000001", pain002.toString());
        Answer missing = call("PUT", "/replay/ekase/notifications", dir.resolve("nowhere.xml").toString());
        Answer noReplay = call("PUT", "/replay/fpr/status/X", pain002.toString());

        assertTrue(replays.get(Replays.Kind.STATUS, "SRG-ABC").isPresent());
        assertEquals(400, wrongKind.status);
        assertTrue(wrongKind.body.contains("(expected: {urn:iso:std:iso:20022:tech:xsd:camt.053.001.02}Document)"),
                wrongKind.body);
        assertEquals(400, missing.status);
        assertTrue(missing.body.contains("nowhere.xml: cannot be read"), missing.body);
        assertEquals(400, noReplay.status);
        assertEquals(200, call("DELETE", "/replay/ekase", "").status);
        assertTrue(replays.get(Replays.Kind.STATUS, "SRG-ABC").isEmpty());
    }

    @Test
    void reportsCallCounts() throws IOException {
        calls.increment("person");
        calls.increment("person");

        Answer answer = call("GET", "/calls/fpr", null);

        assertEquals("{\"person\":2}", answer.body);
    }

    @Test
    void refusesBadPlansAndUnknownNamesWith400() throws IOException {
        Answer badPlan = call("PUT", "/faults/fpr/person", "error=2");
        Answer unknownSimulator = call("PUT", "/faults/viss/person", "error=1");
        Answer unknownEndpoint = call("PUT", "/faults/fpr/persons", "error=1");

        assertEquals(400, badPlan.status);
        assertTrue(badPlan.body.contains("fault.error: 2.0"), badPlan.body);
        assertEquals(400, unknownSimulator.status);
        assertEquals(400, unknownEndpoint.status);
        assertEquals(FaultPlan.NONE, faults.planFor("person"));
    }

    private record Answer(int status, String body) {
    }

    private Answer call(String method, String path, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(admin.baseUri() + path).toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            if (body != null) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }
}
