package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Sargs's documents against the official ISO 20022 XSDs (test scope, from the ledgers-jaxb-api
 * jar on Maven Central; never copied into Sargs): the pain.001 Sargs writes from JSON is valid, and
 * the pain.002 documents the reading tests use are ones the official schema accepts, so accepting
 * them is not leniency.
 */
class OfficialSchemaTest {

    private static Schema official(String name) throws Exception {
        URL url = OfficialSchemaTest.class.getClassLoader().getResource(name);
        assertNotNull(url, name + " on the test class path");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream in = url.openStream()) {
            return factory.newSchema(new StreamSource(in, url.toExternalForm()));
        }
    }

    private static void validate(Schema schema, byte[] xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void thePain001WrittenFromJsonIsValidAgainstTheOfficialSchema() throws Exception {
        byte[] xml = Pain001Writer.write(new ObjectMapper().readTree(Pain001WriterTest.REQUEST),
                PaymentIds.derive("client-a", "key-1"), Instant.parse("2026-11-21T07:00:00Z"), LocalDate.parse("2026-11-21"));
        validate(official("pain.001.001.03.xsd"), xml);
    }

    @Test
    void theReadingTestsPain002DocumentsAreValidAgainstTheOfficialSchema() throws Exception {
        Schema schema = official("pain.002.001.03.xsd");
        for (String name : new String[] {"pain002-transaction-rejections.xml", "pain002-per-payment-information.xml"}) {
            validate(schema, AccountReportReadingTest.document(name).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theOfficialSchemaRefusesWhatSargsRefuses() throws Exception {
        Schema schema = official("pain.002.001.03.xsd");
        String accr = AccountReportReadingTest.document("pain002-transaction-rejections.xml")
                .replace("<TxSts>ACSC</TxSts>", "<TxSts>ACCR</TxSts>");
        assertThrows(SAXException.class, () -> validate(schema, accr.getBytes(StandardCharsets.UTF_8)));
    }
}
