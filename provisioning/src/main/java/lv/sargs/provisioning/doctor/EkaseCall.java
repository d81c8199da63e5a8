package lv.sargs.provisioning.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * eKase's first protocol step as the gateway takes it: an authenticated read over the same mutual
 * TLS with the gateway's user and password (HTTP Basic), {@code GET /notifications?after=} a cursor
 * beyond any notification, so that it proves the login and changes nothing. Neither the password
 * nor the answer is shown.
 */
final class EkaseCall {

    /** Past every real cursor: eKase answers an empty camt.054. */
    private static final long BEYOND = Long.MAX_VALUE;

    private final Duration timeout;

    EkaseCall(Duration timeout) {
        this.timeout = timeout;
    }

    Check call(String name, UpstreamTarget u, SSLContext tls, ClockSkew skew) {
        UpstreamTarget.Login login = u.login().orElseThrow();
        Stopwatch watch = Stopwatch.start();
        String authorization;
        try {
            authorization = lv.sargs.gateway.config.BasicCredentials.header(login.user(), login.password().read());
        } catch (IllegalStateException e) {
            return Check.fail(name, e.getMessage(), "write eKase's password to the file " + u.configPath()
                    + ".password names (one line, chmod 600)", watch.millis());
        }
        URI uri = URI.create(u.baseUri().toString().replaceAll("/+$", "") + "/notifications?after=" + BEYOND);
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout).build().send(HttpRequest.newBuilder(uri).timeout(timeout)
                            .header("Accept", "application/xml").header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Check.fail(name, "GET " + uri + ": no answer within " + timeout.toMillis() + " ms",
                    "eKase's exchange endpoint stalls: tell the Treasury (eKase support); accepted payments wait in"
                            + " the gateway's store and are sent when it answers", watch.millis());
        } catch (IOException e) {
            return Check.fail(name, "GET " + uri + ": " + UpstreamProbe.rootMessage(e),
                    "retry; if it persists tell the Treasury (eKase support)", watch.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted", "", watch.millis());
        }
        answer.headers().firstValue("Date").ifPresent(d -> skew.observe(u.name(), d));
        int status = answer.statusCode();
        String what = "GET " + uri + " as '" + login.user() + "': " + status;
        if (status == 200 && answer.body().contains("<Document")) {
            return Check.ok(name, what + ", logged in, notifications answered", watch.millis());
        }
        if (status == 401) {
            return Check.fail(name, what + " (user or password refused)", "check " + u.configPath() + ".user and the"
                    + " password in the file " + u.configPath() + ".password names against the Treasury's"
                    + " registration of the gateway's user", watch.millis());
        }
        if (status == 403) {
            return Check.fail(name, what + " (logged in, not allowed)", "ask the Treasury to grant user '"
                    + login.user() + "' the online data exchange (and manage mode to pay)", watch.millis());
        }
        return Check.fail(name, what + (status == 200 ? " without a camt document" : ""),
                "retry; if it persists tell the Treasury (eKase support) with the time of this check", watch.millis());
    }
}
