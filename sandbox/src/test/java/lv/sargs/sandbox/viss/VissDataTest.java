package lv.sargs.sandbox.viss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.TestHttpsClient;
import lv.sargs.sandbox.TestKeys;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.EntityStatus;
import lv.sargs.sandbox.data.Officer;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.testkit.FakeClock;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VissDataTest {

    private static final FakeClock CLOCK = new FakeClock(Instant.now());
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withClock(CLOCK)
            .withWorldSize(new WorldSize(300, 40, 3))
            .withViss(VissOptions.defaults().withTokenLifetime(Duration.ofSeconds(60)));
    private static Sandbox sandbox;
    private static TestHttpsClient client;

    private final FakeClock clock = CLOCK;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(OPTIONS);
        client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetCounters() {
        sandbox.viss().calls().reset();
    }

    @Test
    void servesLegalEntityWithOfficersAsTheRegisterHasIt() throws Exception {
        Company company = sandbox.world().companies().get(0);

        Response response = get("/legalentity/v1.0/legal-entity/" + company.registrationNumber(), token());

        assertEquals(200, response.status(), response.text());
        JsonNode body = response.json();
        assertEquals(company.legalName(), body.path("legalName").asText());
        assertEquals(company.registrationNumber(), body.path("registrationNumber").asText());
        assertEquals("REGISTERED", body.path("status").asText());
        assertEquals(company.registeredOn().toString(), body.path("registeredOn").asText());
        assertEquals(company.address().text(), body.path("address").path("text").asText());
        assertEquals(company.officers().size(), body.path("officers").size());
        Officer first = company.officers().get(0);
        JsonNode officer = body.path("officers").path(0);
        assertEquals(first.person().surname(), officer.path("naturalPerson").path("surname").asText());
        assertEquals(first.person().birthDate().toString(), officer.path("naturalPerson").path("birthDate").asText());
        assertEquals("EXECUTIVE_BOARD", officer.path("governingBody").asText());
        assertEquals(first.position(), officer.path("position").asText());
        assertEquals(first.appointedOn().toString(), officer.path("appointedOn").asText());
        assertTrue(officer.path("naturalPerson").has("latvianIdentityNumber")
                || officer.path("naturalPerson").has("foreignerSystemAssignedNumber"));
        assertTrue(response.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void answersMissingEntityWith400EntityNotFound() throws Exception {
        Response response = get("/legalentity/v1.0/legal-entity/40003521600", token());

        assertEquals(400, response.status());
        assertEquals("ENTITY_NOT_FOUND", response.json().path("code").asText());
    }

    @Test
    void answersMissingPersonWith400EntityNotFound() throws Exception {
        Response response = get("/naturalperson/v1.0/natural-person/161175-19997", token());

        assertEquals(400, response.status());
        assertEquals("ENTITY_NOT_FOUND", response.json().path("code").asText());
    }

    @Test
    void answersPersonWithoutRolesWith400EntityNotFound() throws Exception {
        Person nobody = sandbox.world().persons().stream()
                .filter(p -> sandbox.world().entitiesOf(p.personalCode()).isEmpty()).findFirst().orElseThrow();

        Response response = get("/naturalperson/v1.0/natural-person/" + nobody.personalCode(), token());

        assertEquals(400, response.status());
        assertEquals("ENTITY_NOT_FOUND", response.json().path("code").asText());
    }

    @Test
    void answers401OnceTheTokenExpired() throws Exception {
        String token = token();
        String path = "/legalentity/v1.0/legal-entity/" + sandbox.world().companies().get(0).registrationNumber();
        assertEquals(200, get(path, token).status());

        clock.advance(Duration.ofSeconds(61));
        Response response = get(path, token);

        assertEquals(401, response.status());
        assertEquals(900901, response.json().path("fault").path("code").asInt());
        assertTrue(response.header("WWW-Authenticate").contains("expired"), response.header("WWW-Authenticate"));
    }

    @Test
    void answers401WithoutTokenOrWithUnknownToken() throws Exception {
        String path = "/legalentity/v1.0/legal-entity/" + sandbox.world().companies().get(0).registrationNumber();
        assertEquals(401, client.get(sandbox.viss().baseUri(), path, Map.of()).status());
        assertEquals(401, get(path, "00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void refusesTokenPresentedOverAnotherClientCertificate() throws Exception {
        HeldCertificate other = TestKeys.otherClient(sandbox.certificateAuthority(), "other");
        sandbox.viss().register(new RegisteredClient("other", "s".toCharArray(), other.certificate()));
        TestHttpsClient otherClient = new TestHttpsClient(other, sandbox.caCertificate());
        String path = "/legalentity/v1.0/legal-entity/" + sandbox.world().companies().get(0).registrationNumber();

        Response response = otherClient.get(sandbox.viss().baseUri(), path, Map.of("Authorization", "Bearer " + token()));

        assertEquals(401, response.status());
    }

    @Test
    void answers429WithRetryAfterPastTheClientsRate() throws Exception {
        try (Sandbox limited = Sandbox.start(OPTIONS.withViss(OPTIONS.viss().withRateLimit(5, Duration.ofMinutes(1))))) {
            TestHttpsClient limitedClient = new TestHttpsClient(limited.defaultClientCertificate(), limited.caCertificate());
            String token = VissTokenTest.tokenRequest(limited, limitedClient, clock.instant(), a -> { }, f -> { })
                    .json().path("access_token").asText();
            String path = "/legalentity/v1.0/legal-entity/" + limited.world().companies().get(0).registrationNumber();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(limitedClient.get(limited.viss().baseUri(), path, auth).status());
            }
            Response throttled = limitedClient.get(limited.viss().baseUri(), path, auth);

            assertEquals(List.of(200, 200, 200, 200, 200, 429), statuses);
            assertEquals(429, throttled.status());
            long retryAfter = Long.parseLong(throttled.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals(900802, throttled.json().path("fault").path("code").asInt());

            clock.advance(Duration.ofSeconds(retryAfter));
            assertEquals(200, limitedClient.get(limited.viss().baseUri(), path, auth).status());
        }
    }

    @Test
    void servesPersonsRolesInEntities() throws Exception {
        Company company = sandbox.world().companies().get(0);
        String code = company.officers().stream().map(o -> o.person().latvianIdentityNumber())
                .filter(c -> c != null).findFirst().orElseThrow();

        Response response = get("/naturalperson/v1.0/natural-person/" + code, token());

        assertEquals(200, response.status(), response.text());
        JsonNode roles = response.json().path("roles");
        boolean found = false;
        for (JsonNode role : roles) {
            found |= role.path("legalEntity").path("registrationNumber").asText().equals(company.registrationNumber())
                    && role.path("roleType").asText().equals("OFFICER");
        }
        assertTrue(found, response.text());
    }

    @Test
    void servesBeneficialOwnersAndInsolvencyProceedings() throws Exception {
        String token = token();
        Company owned = sandbox.world().companies().stream().filter(c -> !c.beneficialOwners().isEmpty())
                .findFirst().orElseThrow();
        Response owners = get("/legalentity/v1.0/legal-entity/" + owned.registrationNumber() + "/beneficial-owners", token);
        assertEquals(200, owners.status());
        assertEquals(owned.beneficialOwners().size(), owners.json().path("beneficialOwners").size());

        Company insolvent = sandbox.world().companies().get(2);
        assertEquals(EntityStatus.INSOLVENCY, insolvent.status());
        Response proceedings = get("/legalentity/v1.0/legal-entity/" + insolvent.registrationNumber()
                + "/insolvency-proceedings", token);
        assertEquals(200, proceedings.status());
        JsonNode first = proceedings.json().path("insolvencyProceedings").path(0);
        assertEquals("INSOLVENCY", first.path("kind").asText());
        assertEquals("ONGOING", first.path("status").asText());
    }

    @Test
    void changesFeedPagesByCursorAndShowsARecordedChange() throws Exception {
        String token = token();
        String cursor = "0";
        int seen = 0;
        for (int page = 0; page < 100; page++) {
            JsonNode body = get("/legalentity/v1.0/legal-entity-changes?from=" + cursor + "&limit=2", token).json();
            seen += body.path("changes").size();
            if (body.path("changes").isEmpty()) {
                break;
            }
            cursor = body.path("nextCursor").asText();
        }
        assertTrue(seen > 0, "the generated world has a history");

        Company company = sandbox.world().companies().get(0);
        sandbox.world().recordChange(company.withLegalName("SIA \"Pārdēvētā\""));
        JsonNode body = get("/legalentity/v1.0/legal-entity-changes?from=" + cursor, token).json();

        assertEquals(1, body.path("changes").size(), body.toString());
        assertEquals(company.registrationNumber(), body.path("changes").path(0).path("registrationNumber").asText());
        assertEquals("LEGAL_NAME", body.path("changes").path(0).path("changeType").asText());
        assertEquals("SIA \"Pārdēvētā\"", get("/legalentity/v1.0/legal-entity/" + company.registrationNumber(), token)
                .json().path("legalName").asText());
    }

    @Test
    void countsCallsPerEndpoint() throws Exception {
        String token = token();
        String regNo = sandbox.world().companies().get(0).registrationNumber();
        get("/legalentity/v1.0/legal-entity/" + regNo, token);
        get("/legalentity/v1.0/legal-entity/40003521600", token);
        Person person = sandbox.world().persons().get(5);
        get("/naturalperson/v1.0/natural-person/" + person.personalCode(), token);

        assertEquals(1, sandbox.viss().calls().count(VissSimulator.TOKEN));
        assertEquals(2, sandbox.viss().calls().count(VissSimulator.LEGAL_ENTITY));
        assertEquals(1, sandbox.viss().calls().count(VissSimulator.NATURAL_PERSON));
        assertFalse(sandbox.viss().calls().snapshot().containsKey(VissSimulator.BENEFICIAL_OWNERS));
    }

    private Response get(String path, String token) throws Exception {
        return client.get(sandbox.viss().baseUri(), path, Map.of("Authorization", "Bearer " + token));
    }

    private String token() throws Exception {
        Response response = VissTokenTest.tokenRequest(sandbox, client, clock.instant(), a -> { }, f -> { });
        assertEquals(200, response.status(), response.text());
        return response.json().path("access_token").asText();
    }
}
