package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lv.sargs.gateway.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as a real process: SIGTERM lets an in-flight request finish, then the process exits 0. */
class GracefulStopIT {

    private static final Pattern STARTED = Pattern.compile(
            "gateway started on \\w+: client listener /127\\.0\\.0\\.1:(\\d+), management listener /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermLetsTheInFlightRequestFinishAndExitsZero() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        try (GatewayProcess gateway = GatewayProcess.start(SlowGatewayMain.class, "--config", f.write().toString())) {
            Matcher ports = gateway.await(STARTED, 30);
            int clientPort = Integer.parseInt(ports.group(1));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/slow?ms=1500"))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            gateway.await(Pattern.compile(Pattern.quote(SlowHttpService.STARTED)), 10);

            assertTrue(gateway.terminate());

            HttpResponse<String> response = slow.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("done after 1500 ms\n", response.body());
            assertEquals(0, gateway.awaitExit(20), gateway.output());
            assertTrue(gateway.output().contains("gateway stopped"), "the stop was orderly:\n" + gateway.output());
        }
    }
}
