package dk.ledgerline.api;

import dk.ledgerline.api.VoucherViews.VoucherView;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Journal;
import dk.ledgerline.ledger.Journals;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Draft journals (kassekladder) over the API. */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/journals", produces = "application/json")
class JournalsApi {
    private final Journals journals;

    JournalsApi(Journals journals) {
        this.journals = journals;
    }

    record LineView(long id, int document, LocalDate date, String text, int account, String amount, String vatCode, Integer contraAccount) {
        static LineView of(Journal.Line l) {
            return new LineView(l.id(), l.document(), l.date(), l.text(), l.account(), Amounts.format(l.amount()), l.vatCode(), l.contraAccount());
        }
    }

    record JournalView(long id, String name, Instant createdAt, List<LineView> lines) {
        static JournalView of(Journal j) {
            return new JournalView(j.id(), j.name(), j.createdAt(), j.lines().stream().map(LineView::of).toList());
        }
    }

    record NewJournal(String name) {}

    record NewLine(Integer document, String date, String text, Integer account, String amount, String vatCode, Integer contraAccount) {}

    @PostMapping
    ResponseEntity<JournalView> create(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                       @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @RequestBody NewJournal body) {
        access.requireBookkeeper();
        Journal journal = journals.create(access.companyId(), principal.userId(), body.name());
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/journals/" + journal.id())).body(JournalView.of(journal));
    }

    @GetMapping
    Items<JournalView> list(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return new Items<>(journals.journals(access.companyId()).stream().map(JournalView::of).toList());
    }

    @GetMapping("/{journalId}")
    JournalView get(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId) {
        return JournalView.of(journals.journal(access.companyId(), journalId));
    }

    @DeleteMapping("/{journalId}")
    ResponseEntity<Void> delete(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId) {
        access.requireBookkeeper();
        journals.delete(access.companyId(), journalId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{journalId}/lines")
    ResponseEntity<LineView> addLine(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId,
                                     @RequestBody NewLine body) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(LineView.of(journals.addLine(access.companyId(), journalId, line(0, body))));
    }

    @PutMapping("/{journalId}/lines/{lineId}")
    LineView updateLine(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId,
                        @PathVariable long lineId, @RequestBody NewLine body) {
        access.requireBookkeeper();
        if (body.document() == null) throw ProblemException.unprocessable("the journal line is not valid", List.of(new FieldError("document", "is required")));
        return LineView.of(journals.updateLine(access.companyId(), journalId, line(lineId, body)));
    }

    @DeleteMapping("/{journalId}/lines/{lineId}")
    ResponseEntity<Void> deleteLine(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long journalId,
                                    @PathVariable long lineId) {
        access.requireBookkeeper();
        journals.deleteLine(access.companyId(), journalId, lineId);
        return ResponseEntity.noContent().build();
    }

    record Posted(List<VoucherView> vouchers) {}

    @PostMapping("/{journalId}/posting")
    ResponseEntity<Posted> post(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long journalId) {
        access.requireBookkeeper();
        var vouchers = VoucherViews.postedOrThrow(journals.post(access.companyId(), principal.userId(), journalId), "the journal");
        return ResponseEntity.status(201).body(new Posted(vouchers.stream().map(VoucherView::of).toList()));
    }

    private static Journal.Line line(long id, NewLine body) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = Params.date("date", body.date(), errors);
        Long amount = Params.amount("amount", body.amount(), errors);
        if (body.account() == null) errors.add(new FieldError("account", "is required"));
        if (body.document() != null && body.document() < 1) errors.add(new FieldError("document", "must be a positive number"));
        if (!errors.isEmpty()) throw ProblemException.unprocessable("the journal line is not valid", errors);
        return new Journal.Line(id, body.document() == null ? 0 : body.document(), date, body.text(), body.account(), amount, body.vatCode(), body.contraAccount());
    }
}
