package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway runs the risk monitor from its {@code risk} section and serves its exports on the management listener. */
class RiskInGatewayTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.managementAddress().getPort() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutageOfACriticalServicePastTheThresholdIsAnIncidentInTheManagementExports() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml() + """
                risk:
                  sampleInterval: 1s
                  quietGap: 5m
                  incidentAfter: 1s
                  majorDowntime: 2h
                  kri:
                    failedRegisterCallsPerHour: 50
                    paymentRejectionsPerDay: 20
                    refusalsPerHour: 100
                """;
        GatewayConfig config = ConfigLoader.with(java.time.Clock.systemUTC(), Map.of()).load(f.write(yaml));
        assertEquals(Duration.ofSeconds(1), config.risk().orElseThrow().incidentAfter());
        Token token = Tokens.demo();
        token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        gateway = Gateway.start(config, "sargs.yaml", token, SlowHttpService::start);
        assertEquals("id,service,components,reason,started,classified,ended,durationSeconds,downtimeSeconds,"
                + "clientsAffected,clients,transactionsAffected,dataLost,geography,major,initialReportDue,"
                + "intermediateReportDue,finalReportDue", get("/v1/incidents.csv").body().strip());

        StatusReporter viss = gateway.status().register("upstream.viss", false, State.OK, "up");
        viss.failed("connect refused by 127.0.0.1:1");
        String incidents = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!incidents.contains("INC-") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            incidents = get("/v1/incidents").body();
        }

        assertTrue(incidents.contains("\"service\" : \"lookups\"") && incidents.contains("connect refused"), incidents);
        assertTrue(incidents.contains("\"initialDue\""), incidents);
        HttpResponse<String> csv = get("/v1/incidents.csv");
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElse(""));
        assertTrue(csv.body().contains(",lookups,upstream.viss,"), csv.body());
        assertEquals(200, get("/v1/risk/events").statusCode());
    }
}
