package dk.ledgerline.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Documents as PDF: a jte template under {@code pdf/} renders XHTML with its own print styles, and
 * openhtmltopdf lays it out on A4. The PDF's built-in fonts cover Danish letters, so nothing is
 * read from the machine's fonts and a document looks the same on every node.
 */
@Component
class PdfDocuments {
    static final String PDF = "application/pdf";

    private final TemplateEngine templates;

    PdfDocuments(TemplateEngine templates) {
        this.templates = templates;
    }

    /** The PDF of {@code template} (under pdf/) with its one parameter {@code page}. */
    byte[] render(String template, Object page) {
        StringOutput html = new StringOutput();
        templates.render("pdf/" + template + ".jte", Map.of("page", page), html);
        try (ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            new PdfRendererBuilder().useFastMode().withHtmlContent(html.toString(), null).toStream(pdf).run();
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay out " + template + " as PDF", e);
        }
    }

    ResponseEntity<byte[]> download(String fileName, String template, Object page) {
        return ResponseEntity.ok()
                .header("Content-Type", PDF)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(render(template, page));
    }
}
