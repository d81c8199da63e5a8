package lv.sargs.gateway.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.identifiers.Iban;
import lv.sargs.gateway.identifiers.InvalidIdentifierException;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.format.IndicatorSink;
import lv.sargs.gateway.statistics.format.Problems;
import lv.sargs.gateway.statistics.format.ReportValidator;
import lv.sargs.gateway.statistics.delivery.Reply;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.treasury.TreasuryFuzzTargets;
import lv.sargs.gateway.treasury.TreasuryJson;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.w3c.dom.Document;

/**
 * Fuzz targets for every parser a client or an upstream reaches beyond HTTP: identifiers, the
 * ISO 20022 readers (pain.001 from clients; pain.002 and camt.052/053/054 from eKase), statistical
 * reports (lines and JSON), Latvijas Banka's replies and the config loader. The register answers
 * and the token answer have targets in their own packages (their readers are package-private). Each nested class has Jazzer's
 * {@code fuzzerTestOneInput(byte[])}; a finding is any exception but the documented refusal, or a
 * refusal in a library's words ({@link FuzzContract}).
 */
public final class FuzzTargets {

    private static final SafeXml XML = new SafeXml(XmlLimits.TREASURY);

    private FuzzTargets() {
    }

    /** Registration numbers, personal codes and IBANs. */
    public static final class Identifiers {
        public static void fuzzerTestOneInput(byte[] data) {
            String s = new String(data, StandardCharsets.UTF_8);
            RegistrationNumber.isValid(s);
            PersonalCode.isValid(s);
            Iban.isValid(s);
            Iban.problem(s).ifPresent(m -> FuzzContract.ownWords(m, data));
            try {
                PersonalCode.parse(s);
            } catch (InvalidIdentifierException e) {
                FuzzContract.ownWords(e.getMessage(), data);
            }
            try {
                Iban.parse(s);
            } catch (InvalidIdentifierException e) {
                FuzzContract.ownWords(e.getMessage(), data);
            }
        }
    }

    /** pain.001 from a client: parsed, read into an instruction and checked by the Treasury rules. */
    public static final class Pain001 {
        public static void fuzzerTestOneInput(byte[] data) {
            TreasuryFuzzTargets.pain001(data);
        }
    }

    /** pain.002 from eKase, read into a status report. */
    public static final class Pain002 {
        public static void fuzzerTestOneInput(byte[] data) {
            Document doc = xml(data, IsoMessage.PAIN_002);
            if (doc != null) {
                try {
                    StatusReport.of(doc, data);
                } catch (EkaseException e) {
                    FuzzContract.ownWords(e.getMessage(), data);
                }
            }
        }
    }

    /** camt.052 (today's report) from eKase, then rendered as the client's JSON. */
    public static final class Camt052 {
        public static void fuzzerTestOneInput(byte[] data) {
            report(data, IsoMessage.CAMT_052);
        }
    }

    /** camt.053 (a closed day's statement) from eKase, then rendered as the client's JSON. */
    public static final class Camt053 {
        public static void fuzzerTestOneInput(byte[] data) {
            report(data, IsoMessage.CAMT_053);
        }
    }

    /** camt.054 (debit and credit notifications) from eKase, then rendered as the client's JSON. */
    public static final class Camt054 {
        public static void fuzzerTestOneInput(byte[] data) {
            report(data, IsoMessage.CAMT_054);
        }
    }

    private static void report(byte[] data, IsoMessage kind) {
        Document doc = xml(data, kind);
        if (doc != null) {
            TreasuryJson.report(new AccountReport(kind, data, doc));
        }
    }

    /**
     * Latvijas Banka's reply file from its exchange directory: read without an exception, each kept
     * message one line of the reply (they are shown to clients verbatim, as JSON strings), each file
     * hash one word.
     */
    public static final class LbReply {
        public static void fuzzerTestOneInput(byte[] data) {
            Reply.parse(data).ifPresent(r -> {
                for (String m : r.messages()) {
                    if (m.isEmpty() || m.indexOf('\n') >= 0) {
                        throw new AssertionError("a reply message that is not one line: " + ClientValues.forLog(m));
                    }
                }
                for (String h : r.fileHashes()) {
                    if (h.indexOf(' ') >= 0 || h.indexOf('\n') >= 0) {
                        throw new AssertionError("a file hash that is not one word: " + ClientValues.forLog(h));
                    }
                }
            });
        }
    }

    private static Document xml(byte[] data, IsoMessage message) {
        try {
            return XML.parse(data, message);
        } catch (XmlRejectedException e) {
            FuzzContract.ownWords(e.getMessage(), data);
            return null;
        }
    }

    /** Statistical reports as NAME=value lines and as JSON: every fault is a listed problem, never an exception. */
    public static final class StatisticsReport {
        private static final ReportValidator VALIDATOR = new ReportValidator("ABC", LocalDate.of(2026, 11, 20), 4096);

        public static void fuzzerTestOneInput(byte[] data) throws IOException {
            String body = new String(data, StandardCharsets.UTF_8);
            for (ReportSubmission.Form form : ReportSubmission.Form.values()) {
                Problems problems = new Problems(1000);
                VALIDATOR.validate(new ReportSubmission("K01", LocalDate.of(2026, 10, 31), OptionalInt.empty(), form),
                        new StringReader(body), NO_SINK, problems);
                problems.kept().forEach(p -> FuzzContract.ownWords(p.text(), data));
            }
        }

        private static final IndicatorSink NO_SINK = new IndicatorSink() {
            @Override
            public void identifying(String name, String value) {
            }

            @Override
            public void data(String name, String value) {
            }
        };
    }

    /** The config loader: every fault is a ConfigException listing problems. */
    public static final class Config {
        private static final ConfigLoader LOADER = ConfigLoader.with(
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC), Map.of());

        public static void fuzzerTestOneInput(byte[] data) {
            try {
                LOADER.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
            } catch (ConfigException e) {
                e.problems().forEach(p -> {
                    if (p.toString().indexOf('\n') >= 0) {
                        throw new AssertionError("a line break in a config problem: " + p);
                    }
                });
            }
        }
    }
}
