package dk.ledgerline.invoicing.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small writer over StAX for documents of namespaced elements: open, leaf, close, in document order. */
final class XmlOut {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter out;
    private int depth;

    XmlOut(String rootPrefix, String root, String rootNamespace, String... prefixesAndNamespaces) {
        try {
            out = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            out.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            newline();
            out.setDefaultNamespace(rootNamespace);
            out.writeStartElement(rootNamespace, root);
            out.writeDefaultNamespace(rootNamespace);
            for (int i = 0; i < prefixesAndNamespaces.length; i += 2) {
                out.setPrefix(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
                out.writeNamespace(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
            }
            depth = 1;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code prefix:name}; {@code attributes} as name, value pairs. */
    XmlOut open(String qualified, String... attributes) {
        try {
            newline();
            start(qualified);
            attributes(attributes);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <prefix:name attributes>text</prefix:name>}; nothing at all when {@code text} is null. */
    XmlOut leaf(String qualified, String text, String... attributes) {
        if (text == null) return this;
        try {
            newline();
            start(qualified);
            attributes(attributes);
            out.writeCharacters(text);
            out.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut close() {
        try {
            depth--;
            newline();
            out.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] finish() {
        try {
            out.writeEndElement();
            out.writeEndDocument();
            out.writeCharacters("\n");
            out.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(String qualified) throws XMLStreamException {
        int colon = qualified.indexOf(':');
        if (colon < 0) {
            out.writeStartElement(out.getNamespaceContext().getNamespaceURI(""), qualified);
        } else {
            String prefix = qualified.substring(0, colon);
            out.writeStartElement(prefix, qualified.substring(colon + 1), out.getNamespaceContext().getNamespaceURI(prefix));
        }
    }

    private void attributes(String... attributes) throws XMLStreamException {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) out.writeAttribute(attributes[i], attributes[i + 1]);
        }
    }

    private void newline() throws XMLStreamException {
        out.writeCharacters("\n" + "  ".repeat(depth));
    }
}
