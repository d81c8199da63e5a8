package lv.sargs.sandbox.fpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.TestHttpsClient;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FprSimulatorTest {

    private static final FakeClock CLOCK = new FakeClock(Instant.now());
    private static Sandbox sandbox;
    private static TestHttpsClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withClock(CLOCK).withWorldSize(new WorldSize(200, 20, 2))
                .withFpr(FprOptions.defaults().withPermission("P-77").withTokenLifetime(Duration.ofSeconds(30))));
        client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void servesPersonByCodeWithTokenAndPermission() throws Exception {
        Person person = sandbox.world().persons().get(10);

        Response response = get("/fpr_person/v1/persons/" + person.personalCode(), token(), "P-77");

        assertEquals(200, response.status(), response.text());
        JsonNode body = response.json();
        assertEquals(person.personalCode(), body.path("personalCode").asText());
        assertEquals(person.forename(), body.path("forename").asText());
        assertEquals(person.surname(), body.path("surname").asText());
        assertEquals(person.birthDate().toString(), body.path("birthDate").asText());
        assertEquals(person.status().name(), body.path("status").asText());
        assertEquals(person.address().text(), body.path("declaredAddress").path("text").asText());
        assertEquals(person.documents().size(), body.path("documents").size());
    }

    @Test
    void refusesCallWithoutOrWithWrongPermission() throws Exception {
        String path = "/fpr_person/v1/persons/" + sandbox.world().persons().get(10).personalCode();
        String token = token();

        Response missing = get(path, token, null);
        Response wrong = get(path, token, "P-78");

        assertEquals(403, missing.status());
        assertEquals("PERMISSION_REQUIRED", missing.json().path("code").asText());
        assertEquals(403, wrong.status());
        assertEquals("PERMISSION_DENIED", wrong.json().path("code").asText());
    }

    @Test
    void refusesCallWithoutValidToken() throws Exception {
        String path = "/fpr_person/v1/persons/" + sandbox.world().persons().get(10).personalCode();
        assertEquals(401, get(path, null, "P-77").status());

        String token = token();
        CLOCK.advance(Duration.ofSeconds(31));
        assertEquals(401, get(path, token, "P-77").status());
    }

    @Test
    void refusesTokenRequestWithWrongSecret() throws Exception {
        Map<String, String> form = tokenForm();
        form.put("client_secret", "wrong");
        Response response = client.postForm(sandbox.fpr().baseUri(), "/token", form);

        assertEquals(401, response.status());
        assertEquals("invalid_client", response.json().path("error").asText());
    }

    @Test
    void answersLookupByOldCodeWithTheNewCodeAndHistory() throws Exception {
        Person changed = sandbox.world().personWithChangedCode();
        String oldCode = changed.codeChange().orElseThrow().previousCode();

        Response response = get("/fpr_person/v1/persons/" + PersonalCode.parse(oldCode).formatted(), token(), "P-77");

        assertEquals(200, response.status(), response.text());
        JsonNode body = response.json();
        assertEquals(changed.personalCode(), body.path("personalCode").asText());
        assertTrue(PersonalCode.parse(body.path("personalCode").asText()).isNewFormat());
        assertEquals(oldCode, body.path("requestedPersonalCode").asText());
        assertEquals(oldCode, body.path("personalCodeHistory").path(0).path("personalCode").asText());
        assertEquals(changed.personalCode(), body.path("personalCodeHistory").path(1).path("personalCode").asText());
    }

    @Test
    void listsChangedRecordsIncludingTheCodeChange() throws Exception {
        Person changed = sandbox.world().personWithChangedCode();

        JsonNode body = get("/fpr_person/v1/persons-changes?from=0", token(), "P-77").json();

        boolean found = false;
        for (JsonNode c : body.path("changes")) {
            found |= c.path("personalCode").asText().equals(changed.personalCode())
                    && c.path("changeType").asText().equals("PERSONAL_CODE");
        }
        assertTrue(found, body.toString());
        sandbox.world().recordChange(sandbox.world().persons().get(20).withSurname("Jaunā"));
        JsonNode next = get("/fpr_person/v1/persons-changes?from=" + body.path("nextCursor").asText(), token(), "P-77")
                .json();
        assertEquals(1, next.path("changes").size(), next.toString());
        assertEquals("NAME", next.path("changes").path(0).path("changeType").asText());
    }

    @Test
    void answersUnknownPersonWith404() throws Exception {
        Response response = get("/fpr_person/v1/persons/161175-19997", token(), "P-77");
        assertEquals(404, response.status());
        assertEquals("PERSON_NOT_FOUND", response.json().path("code").asText());
    }

    private static Response get(String path, String token, String permission) throws Exception {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (permission != null) {
            headers.put("X-DAGR-Permission", permission);
        }
        return client.get(sandbox.fpr().baseUri(), path, headers);
    }

    private static Map<String, String> tokenForm() {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", sandbox.defaultClient().clientId());
        form.put("client_secret", new String(sandbox.defaultClient().clientSecret()));
        return form;
    }

    private static String token() throws Exception {
        Response response = client.postForm(sandbox.fpr().baseUri(), "/token", tokenForm());
        assertEquals(200, response.status(), response.text());
        return response.json().path("access_token").asText();
    }
}
