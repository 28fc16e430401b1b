package dk.ledgerline.web;

import dk.ledgerline.documents.Documents;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A voucher's documents from its page: dropped or chosen files are sent one by one as the body
 * (documents.js), and each kept document opens in the browser under its own type.
 */
@Controller
class DocumentPages {
    private final Documents documents;

    DocumentPages(Documents documents) {
        this.documents = documents;
    }

    /** Answers the script in JSON: what was kept, or why not in the user's language. */
    @PostMapping(path = "/companies/{companyId}/vouchers/{fiscalYear}/{number}/documents", consumes = "*/*")
    ResponseEntity<Map<String, Object>> upload(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                               @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                               @PathVariable int fiscalYear, @PathVariable int number, @RequestParam(required = false) String fileName,
                                               @RequestHeader(name = "Content-Type", required = false) String contentType,
                                               @RequestBody(required = false) byte[] body) {
        access.requireBookkeeper();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            Documents.Attached attached = documents.attach(access.companyId(), principal.userId(), fiscalYear, number,
                    body == null ? new byte[0] : body, contentType, fileName);
            answer.put("sha256", attached.document().sha256());
            answer.put("fileName", attached.document().fileName());
            answer.put("message", Languages.t(attached.attachedNow() ? "documents.attached" : "documents.alreadyAttached", attached.document().fileName()));
            return ResponseEntity.status(attached.attachedNow() ? 201 : 200).contentType(MediaType.APPLICATION_JSON).body(answer);
        } catch (ProblemException e) {
            answer.put("message", Failure.of(e).sentence());
            return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(answer);
        }
    }

    @GetMapping("/companies/{companyId}/documents/{sha256}")
    ResponseEntity<byte[]> document(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable String sha256) {
        Documents.Content content = documents.content(access.companyId(), sha256)
                .orElseThrow(() -> ProblemException.notFound(ProblemException.Message.of("document.notFound", sha256)));
        return ResponseEntity.ok()
                .header("Content-Type", content.document().mediaType())
                .header("Content-Disposition", ContentDisposition.inline().filename(content.document().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .body(content.bytes());
    }
}
