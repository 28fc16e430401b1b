package dk.ledgerline.documents;

import dk.ledgerline.documents.internal.DocumentStore;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.Uploads;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A voucher's documents: a PDF or an image, checked to be what it says it is, kept once per
 * content (its SHA-256 names it) and attached to as many vouchers as it belongs to. Nothing here
 * changes or removes a kept document; the database refuses it as well.
 */
@Service
public class Documents {
    /** What a voucher's document may be: the formats receipts and invoices come in, and nothing that runs. */
    public static final Set<String> VOUCHER_TYPES = Set.of(MediaTypes.PDF, MediaTypes.PNG, MediaTypes.JPEG);
    static final int FILE_NAME_LENGTH_MAX = 255;

    private final DocumentStore store;
    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final Clock clock;

    Documents(DocumentStore store, Ledger ledger, TenantTransactions tenants, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A document and whether this request attached it, or found it attached already (the same file sent again). */
    public record Attached(Document document, boolean attachedNow, int fiscalYear, int voucher) {}

    /**
     * Keeps {@code bytes} as a document of voucher {@code number} of {@code fiscalYear} (the latest
     * year with that number when null), after checking the content is the {@code claimedType} it is
     * sent as. Sending the same file again attaches nothing new.
     */
    public Attached attach(long companyId, long userId, Integer fiscalYear, int number, byte[] bytes, String claimedType, String fileName) {
        String type = checked(bytes, claimedType);
        String name = fileName(fileName, type);
        Voucher voucher = ledger.voucher(companyId, fiscalYear, number)
                .orElseThrow(() -> ProblemException.notFound(Message.of("voucher.notFound", (fiscalYear == null ? "" : fiscalYear + "/") + number)));
        byte[] sha = sha256(bytes);
        return tenants.inCompany(companyId, () -> {
            var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            store.insert(companyId, sha, type, bytes, name, userId, now);
            boolean attached = store.attach(companyId, voucher.fiscalYearStart(), voucher.number(), sha, userId, now);
            DocumentStore.Row row = store.document(companyId, sha).orElseThrow();
            return new Attached(document(row), attached, voucher.fiscalYear(), voucher.number());
        });
    }

    /** Keeps an e-invoice as it came, for the supplier invoice drafted from it; its SHA-256 names it. */
    public Document keepXml(long companyId, long userId, byte[] xml, String fileName) {
        if (xml.length == 0 || xml.length > Uploads.BYTES_MAX) throw tooLargeOrEmpty(xml.length);
        byte[] sha = sha256(xml);
        String name = fileName(fileName, MediaTypes.XML);
        return tenants.inCompany(companyId, () -> {
            store.insert(companyId, sha, MediaTypes.XML, xml, name, userId, clock.instant().truncatedTo(ChronoUnit.MICROS));
            return document(store.document(companyId, sha).orElseThrow());
        });
    }

    /** Attaches an already kept document (an e-invoice's XML, say) to a voucher. */
    public void attachKept(long companyId, long userId, int fiscalYear, int number, String sha256) {
        Voucher voucher = ledger.voucher(companyId, fiscalYear, number).orElseThrow();
        byte[] sha = HexFormat.of().parseHex(sha256);
        tenants.inCompany(companyId, () -> store.attach(companyId, voucher.fiscalYearStart(), voucher.number(), sha, userId,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    public List<Document> ofVoucher(long companyId, Voucher voucher) {
        return tenants.readInCompany(companyId, () -> store.ofVoucher(companyId, voucher.fiscalYearStart(), voucher.number()))
                .stream().map(Documents::document).toList();
    }

    public record Content(Document document, byte[] bytes) {}

    /** A document by the hex of its SHA-256; empty when the company has none such. */
    public Optional<Content> content(long companyId, String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) return Optional.empty();
        byte[] sha = HexFormat.of().parseHex(sha256);
        return tenants.readInCompany(companyId, () -> store.document(companyId, sha)
                .map(row -> new Content(document(row), store.content(companyId, sha).orElseThrow())));
    }

    /** The type the bytes are, when that is the type they are sent as and one a voucher may have. */
    static String checked(byte[] bytes, String claimedType) {
        if (bytes.length == 0 || bytes.length > Uploads.BYTES_MAX) throw tooLargeOrEmpty(bytes.length);
        String claimed = MediaTypes.plain(claimedType);
        if (claimed == null || !VOUCHER_TYPES.contains(claimed)) {
            throw new ProblemException(415, "Unsupported media type", Message.of("document.notStored"),
                    List.of(FieldError.of("Content-Type", "document.type", claimed == null ? "" : claimed)));
        }
        String actual = MediaTypes.sniff(bytes);
        if (!claimed.equals(actual)) {
            throw ProblemException.unprocessable(Message.of("document.notStored"),
                    List.of(FieldError.of("file", actual == null ? "document.notWhatItClaims" : "document.otherType", claimed, actual == null ? "" : actual)));
        }
        return claimed;
    }

    private static ProblemException tooLargeOrEmpty(int size) {
        return size == 0
                ? ProblemException.unprocessable(Message.of("document.notStored"), List.of(FieldError.of("file", "document.empty")))
                : new ProblemException(413, "Payload too large", Message.of("document.notStored"),
                        List.of(FieldError.of("file", "document.tooLarge", Uploads.BYTES_MAX / (1024 * 1024))));
    }

    /** The name as the user's machine had it, without any folder, control characters or more than 255 characters. */
    static String fileName(String given, String type) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "bilag" + switch (type) {
                case MediaTypes.PDF -> ".pdf";
                case MediaTypes.PNG -> ".png";
                case MediaTypes.JPEG -> ".jpg";
                default -> ".xml";
            };
        }
        return name.length() > FILE_NAME_LENGTH_MAX ? name.substring(name.length() - FILE_NAME_LENGTH_MAX) : name;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Document document(DocumentStore.Row row) {
        return new Document(Document.hex(row.sha256()), row.mediaType(), row.size(), row.fileName(), row.uploadedAt());
    }
}
