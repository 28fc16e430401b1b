package dk.ledgerline.api;

import dk.ledgerline.documents.Document;
import dk.ledgerline.documents.Documents;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.Message;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A voucher's documents: sent as the request's body with its own Content-Type (application/pdf,
 * image/png or image/jpeg) and its file name in {@code fileName}; read back by their SHA-256.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}", produces = "application/json")
class DocumentsApi {
    private final Documents documents;
    private final Ledger ledger;

    DocumentsApi(Documents documents, Ledger ledger) {
        this.documents = documents;
        this.ledger = ledger;
    }

    /** 201 when the document was attached now; 200 when the same file was attached to this voucher already. */
    @PostMapping(path = "/vouchers/{number}/documents", consumes = "*/*")
    ResponseEntity<Document> attach(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                    @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable int number,
                                    @RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String fileName,
                                    @RequestHeader(name = "Content-Type", required = false) String contentType,
                                    @RequestBody(required = false) byte[] body) {
        access.requireBookkeeper();
        Documents.Attached attached = documents.attach(access.companyId(), principal.userId(), fiscalYear, number,
                body == null ? new byte[0] : body, contentType, fileName);
        URI location = URI.create("/api/v1/companies/" + access.companyId() + "/documents/" + attached.document().sha256());
        return (attached.attachedNow() ? ResponseEntity.created(location) : ResponseEntity.ok().location(location)).body(attached.document());
    }

    @GetMapping("/vouchers/{number}/documents")
    Items<Document> ofVoucher(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int number,
                              @RequestParam(required = false) Integer fiscalYear) {
        Voucher voucher = ledger.voucher(access.companyId(), fiscalYear, number)
                .orElseThrow(() -> ProblemException.notFound(Message.of("voucher.notFound", number)));
        return new Items<>(documents.ofVoucher(access.companyId(), voucher));
    }

    /** The document as it was kept, under its own type; never changes, so a client may keep it. */
    @GetMapping(path = "/documents/{sha256}", produces = "*/*")
    ResponseEntity<byte[]> content(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable String sha256) {
        Documents.Content content = documents.content(access.companyId(), sha256)
                .orElseThrow(() -> ProblemException.notFound(Message.of("document.notFound", sha256)));
        return ResponseEntity.ok()
                .header("Content-Type", content.document().mediaType())
                .header("Content-Disposition", ContentDisposition.inline().filename(content.document().fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .body(content.bytes());
    }
}
