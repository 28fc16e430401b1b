package dk.ledgerline.ledger;

import dk.ledgerline.ledger.internal.JournalStore;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Draft journals (kassekladder): edit freely, then post every line in one go, all or nothing. */
@Service
public class Journals {
    private static final Pattern DRAFT_FIELD = Pattern.compile("vouchers\\[(\\d+)]\\.(?:lines\\[(\\d+)]\\.?)?(.*)");

    private final JournalStore store;
    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final VatTreatment vat;
    private final Clock clock;

    Journals(JournalStore store, Ledger ledger, TenantTransactions tenants, VatTreatment vat, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.tenants = tenants;
        this.vat = vat;
        this.clock = clock;
    }

    public Journal create(long companyId, long userId, String name) {
        if (name == null || name.isBlank() || name.length() > Journal.NAME_LENGTH_MAX) {
            throw ProblemException.unprocessable(Message.of("journal.notCreated"), List.of(FieldError.of("name", "length.between", 1, Journal.NAME_LENGTH_MAX)));
        }
        return tenants.inCompany(companyId, () -> {
            long id = store.insertJournal(companyId, name.trim(), userId, clock.instant());
            return store.journal(companyId, id).orElseThrow();
        });
    }

    public List<Journal> journals(long companyId) {
        return tenants.readInCompany(companyId, () -> store.journals(companyId));
    }

    /** A journal and how many lines wait in it to be posted. */
    public record Draft(long id, String name, int lines) {}

    public List<Draft> drafts(long companyId) {
        return tenants.readInCompany(companyId, () -> store.drafts(companyId));
    }

    public Journal journal(long companyId, long journalId) {
        return tenants.readInCompany(companyId, () -> store.journal(companyId, journalId))
                .orElseThrow(() -> ProblemException.notFound(Message.of("journal.notFound", journalId)));
    }

    public void delete(long companyId, long journalId) {
        tenants.inCompany(companyId, () -> {
            if (!store.deleteJournal(companyId, journalId)) throw ProblemException.notFound(Message.of("journal.notFound", journalId));
            return null;
        });
    }

    /** Adds a line; a line without a document number starts a new document. */
    public Journal.Line addLine(long companyId, long journalId, Journal.Line line) {
        return tenants.inCompany(companyId, () -> {
            if (!store.lockJournal(companyId, journalId)) throw ProblemException.notFound(Message.of("journal.notFound", journalId));
            if (store.lineCount(companyId, journalId) >= Journal.LINES_MAX) {
                throw ProblemException.unprocessable(Message.of("journal.full"), List.of(FieldError.of("lines", "journal.linesMax", Journal.LINES_MAX)));
            }
            int document = line.document() > 0 ? line.document() : store.nextDocument(companyId, journalId);
            Journal.Line valid = check(companyId, new Journal.Line(0, document, line.date(), line.text(), line.account(), line.amount(), line.vatCode(), line.contraAccount()));
            return store.insertLine(companyId, journalId, valid);
        });
    }

    public Journal.Line updateLine(long companyId, long journalId, Journal.Line line) {
        return tenants.inCompany(companyId, () -> {
            Journal.Line valid = check(companyId, line);
            return store.updateLine(companyId, journalId, valid)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("journal.lineNotFound", line.id(), journalId)));
        });
    }

    public void deleteLine(long companyId, long journalId, long lineId) {
        tenants.inCompany(companyId, () -> {
            if (!store.deleteLine(companyId, journalId, lineId)) throw ProblemException.notFound(Message.of("journal.lineNotFound", lineId, journalId));
            return null;
        });
    }

    /**
     * Posts every document of the journal as a voucher, in document order, and empties the journal.
     * If any line is wrong nothing is posted, and each error names the journal line and the reason.
     */
    public PostingOutcome post(long companyId, long userId, long journalId) {
        return tenants.inCompany(companyId, () -> {
            if (!store.lockJournal(companyId, journalId)) throw ProblemException.notFound(Message.of("journal.notFound", journalId));
            List<Journal.Line> lines = store.lines(companyId, journalId);
            if (lines.isEmpty()) {
                return new PostingOutcome.Rejected(List.of(FieldError.of("lines", "journal.empty")));
            }
            Map<Integer, List<Journal.Line>> documents = new LinkedHashMap<>();
            for (Journal.Line line : lines) documents.computeIfAbsent(line.document(), d -> new ArrayList<>()).add(line);
            List<VoucherDraft> drafts = new ArrayList<>();
            List<List<Journal.Line>> origins = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (var document : documents.entrySet()) {
                List<Journal.Line> docLines = document.getValue();
                Journal.Line first = docLines.getFirst();
                List<VoucherDraft.Line> draftLines = new ArrayList<>();
                List<Journal.Line> origin = new ArrayList<>();
                for (Journal.Line line : docLines) {
                    if (!line.date().equals(first.date())) {
                        errors.add(FieldError.of("line " + line.id(), "journal.documentDates", document.getKey(), Message.date(first.date()), Message.date(line.date())));
                    }
                    draftLines.add(new VoucherDraft.Line(line.account(), line.amount(), line.vatCode(), line.text()));
                    origin.add(line);
                    if (line.contraAccount() != null) {
                        draftLines.add(new VoucherDraft.Line(line.contraAccount(), -line.amount(), null, line.text()));
                        origin.add(line);
                    }
                }
                drafts.add(VoucherDraft.inKroner(first.date(), first.text(), draftLines));
                origins.add(origin);
            }
            if (!errors.isEmpty()) return new PostingOutcome.Rejected(errors);
            // A rejected posting undid its own writes; the journal is as it was, only still locked until commit.
            PostingOutcome posted = ledger.postAll(companyId, userId, drafts, "JOURNAL", true);
            if (posted instanceof PostingOutcome.Rejected rejected) {
                return new PostingOutcome.Rejected(rejected.errors().stream().map(e -> relabel(e, origins)).toList());
            }
            store.deleteLines(companyId, journalId);
            return posted;
        });
    }

    /** "vouchers[1].lines[2].account" → "line 17.account": the journal line the user can find and fix. */
    private static FieldError relabel(FieldError error, List<List<Journal.Line>> origins) {
        Matcher m = DRAFT_FIELD.matcher(error.field());
        if (!m.matches()) return error;
        List<Journal.Line> origin = origins.get(Integer.parseInt(m.group(1)));
        Journal.Line line = m.group(2) == null ? origin.getFirst() : origin.get(Integer.parseInt(m.group(2)));
        String rest = m.group(3).isEmpty() ? "" : "." + m.group(3);
        String where = m.group(2) == null ? "document " + line.document() : "line " + line.id();
        return error.at(where + rest);
    }

    /** A line is refused as soon as something about it is known to be wrong, an unknown account too, not first when it is posted. */
    private Journal.Line check(long companyId, Journal.Line line) {
        List<FieldError> errors = new ArrayList<>();
        if (line.date() == null) errors.add(FieldError.of("date", "date.required"));
        if (line.text() == null || line.text().length() > VoucherDraft.TEXT_LENGTH_MAX) errors.add(FieldError.of("text", "text.tooLong", VoucherDraft.TEXT_LENGTH_MAX));
        if (line.account() < 1 || line.account() > Account.NUMBER_MAX) errors.add(FieldError.of("account", "account.invalid"));
        if (line.amount() == 0) errors.add(FieldError.of("amount", "amount.zero"));
        if (line.vatCode() != null && !vat.knows(line.vatCode())) errors.add(FieldError.of("vatCode", "vatCode.unknown", line.vatCode()));
        if (line.contraAccount() != null && (line.contraAccount() < 1 || line.contraAccount() > Account.NUMBER_MAX)) errors.add(FieldError.of("contraAccount", "account.invalid"));
        if (errors.stream().noneMatch(e -> e.field().equals("account")) && ledger.account(companyId, line.account()).isEmpty()) {
            errors.add(FieldError.of("account", "account.missing", line.account()));
        }
        if (line.contraAccount() != null && errors.stream().noneMatch(e -> e.field().equals("contraAccount"))
                && ledger.account(companyId, line.contraAccount()).isEmpty()) {
            errors.add(FieldError.of("contraAccount", "account.missing", line.contraAccount()));
        }
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("journal.lineInvalid"), errors);
        return new Journal.Line(line.id(), line.document(), line.date(), line.text() == null ? "" : line.text().trim(), line.account(), line.amount(),
                line.vatCode() == null || line.vatCode().isBlank() ? null : line.vatCode(), line.contraAccount());
    }
}
