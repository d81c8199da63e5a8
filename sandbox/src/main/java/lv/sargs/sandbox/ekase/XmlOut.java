package lv.sargs.sandbox.ekase;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small StAX writer for the simulator's ISO 20022 answers; errors are programming errors. */
final class XmlOut {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    private final XMLStreamWriter w;

    XmlOut(SimMessage message, String root) {
        try {
            w = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(message.namespace());
            w.writeStartElement(root);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot start " + message, e);
        }
    }

    XmlOut open(String name) {
        try {
            w.writeStartElement(name);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut close() {
        try {
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut leaf(String name, String value) {
        if (value == null) {
            return this;
        }
        try {
            w.writeStartElement(name);
            w.writeCharacters(value);
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut amount(String name, java.math.BigDecimal value) {
        try {
            w.writeStartElement(name);
            w.writeAttribute("Ccy", "EUR");
            w.writeCharacters(value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut path(String value, String... names) {
        for (int i = 0; i < names.length - 1; i++) {
            open(names[i]);
        }
        leaf(names[names.length - 1], value);
        for (int i = 0; i < names.length - 1; i++) {
            close();
        }
        return this;
    }

    static String dateTime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    byte[] finish() {
        try {
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
