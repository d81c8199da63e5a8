package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin reload}: asks the running gateway (its management listener on loopback) to
 * reload the config and its drop-ins, and prints what it did; exit 2 when it refused.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Have the running gateway reload its config and drop-ins (POST /v1/config/reload).")
final class ReloadCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Override
    public Integer call() {
        GatewayConfig current = new DropInFiles(config).load(spec.commandLine().getErr());
        Endpoint bind = current.managementListener().bind();
        if (current.managementListener().tls().isPresent()) {
            throw new AdminException(1, "listeners.management: TLS on " + bind + " (expected: plain HTTP on loopback"
                    + " for this command); reload with: systemctl reload sargs");
        }
        String host = bind.host().contains(":") ? "[" + bind.host() + "]" : bind.host();
        if (bind.host().equals("0.0.0.0") || bind.host().equals("::")) {
            host = "127.0.0.1";
        }
        URI uri = URI.create("http://" + host + ":" + bind.port() + "/v1/config/reload");
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException(1, uri + ": no answer (" + e.getClass().getSimpleName() + "); is the gateway"
                    + " running? (systemctl status sargs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(1, uri + ": interrupted");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AdminException(1, uri + ": answered " + answer.statusCode() + " without JSON");
        }
        if (answer.statusCode() == 200) {
            out.println(body.path("message").asText());
            out.flush();
            return 0;
        }
        err.println("reload refused: " + body.path("detail").asText(answer.body()));
        body.path("problems").forEach(p -> err.println("  " + p.asText()));
        err.flush();
        return SargsAdmin.CONFIG_INVALID;
    }
}
