package lv.sargs.sandbox.vid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.TestHttpsClient;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VID simulator answers what its ledger holds, to registered certificates only. */
class VidSimulatorTest {

    private static Sandbox sandbox;
    private static TestHttpsClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withWorldSize(new WorldSize(200, 60, 2)));
        client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Response taxpayer(String code) throws IOException {
        return client.get(sandbox.vid().baseUri(), "/taxpayer/v1/taxpayers/" + code, Map.of());
    }

    @Test
    void aCompanyIsATaxpayerWithTheLedgersVatAndDebt() throws Exception {
        Company c = sandbox.world().companies().get(5);
        TaxRecord expected = sandbox.vid().ledger().taxpayer(c.registrationNumber()).orElseThrow();

        Response r = taxpayer(c.registrationNumber());

        assertEquals(200, r.status(), r.text());
        JsonNode body = r.json();
        assertEquals(c.registrationNumber(), body.get("taxpayerCode").asText());
        assertEquals(c.legalName(), body.get("name").asText());
        assertEquals("LEGAL_PERSON", body.get("kind").asText());
        assertEquals(expected.vatNumber().isPresent(), body.at("/vat/registered").booleanValue());
        assertEquals(expected.debtAmount(), body.at("/taxDebt/amount").asText());
        assertEquals("EUR", body.at("/taxDebt/currency").asText());
    }

    @Test
    void aPersonIsATaxpayerToo() throws Exception {
        Person p = sandbox.world().persons().get(4);

        Response r = taxpayer(p.personalCode());

        assertEquals(200, r.status(), r.text());
        assertEquals("NATURAL_PERSON", r.json().get("kind").asText());
        assertEquals(p.forename() + " " + p.surname(), r.json().get("name").asText());
    }

    @Test
    void theLedgerGivesTheSameRecordEveryTimeAndSomeTaxpayersOweAndSomeAreVatRegistered() {
        List<TaxRecord> all = sandbox.world().companies().stream()
                .map(c -> sandbox.vid().ledger().taxpayer(c.registrationNumber()).orElseThrow()).toList();
        assertEquals(all, sandbox.world().companies().stream()
                .map(c -> sandbox.vid().ledger().taxpayer(c.registrationNumber()).orElseThrow()).toList());
        assertTrue(all.stream().anyMatch(t -> t.debtCents() > 0), "someone owes");
        assertTrue(all.stream().anyMatch(t -> t.debtCents() == 0), "someone does not");
        assertTrue(all.stream().anyMatch(t -> t.vatNumber().isPresent()), "someone is VAT-registered");
        assertTrue(all.stream().anyMatch(t -> t.vatNumber().isEmpty()), "someone is not");
    }

    @Test
    void anUnknownTaxpayerIs404AndABadCodeIs400() throws Exception {
        Response unknown = taxpayer("40000000000");
        Response bad = taxpayer("4000300");

        assertEquals(404, unknown.status());
        assertEquals("TAXPAYER_NOT_FOUND", unknown.json().get("code").asText());
        assertEquals(400, bad.status());
        assertEquals("INVALID_TAXPAYER_CODE", bad.json().get("code").asText());
    }

    @Test
    void anUnregisteredCertificateIsRefusedInTheHandshake() {
        HeldCertificate stranger = sandbox.certificateAuthority().issue("stranger").client()
                .keyType(CertificateAuthority.KeyType.EC_P256).build();
        TestHttpsClient unregistered = new TestHttpsClient(stranger, sandbox.caCertificate());

        assertThrows(IOException.class, () -> unregistered.get(sandbox.vid().baseUri(),
                "/taxpayer/v1/taxpayers/" + sandbox.world().companies().get(5).registrationNumber(), Map.of()));
    }
}
