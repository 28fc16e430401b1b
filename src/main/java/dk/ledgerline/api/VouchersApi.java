package dk.ledgerline.api;

import dk.ledgerline.api.VoucherViews.VoucherView;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Page;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/vouchers", produces = "application/json")
class VouchersApi {
    static final int PAGE_SIZE_DEFAULT = 50;

    private final Ledger ledger;

    VouchersApi(Ledger ledger) {
        this.ledger = ledger;
    }

    record NewLine(Integer account, String amount, String vatCode, String text) {}

    record NewVoucher(String date, String text, String currency, String exchangeRate, List<NewLine> lines) {}

    @PostMapping
    ResponseEntity<VoucherView> post(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                     @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                     @RequestBody NewVoucher body) {
        access.requireBookkeeper();
        VoucherDraft draft = draft(body);
        Voucher voucher = VoucherViews.postedOrThrow(ledger.post(access.companyId(), principal.userId(), draft, "API"), "the voucher").getFirst();
        return ResponseEntity.created(location(access, voucher)).body(VoucherView.of(voucher));
    }

    static VoucherDraft draft(NewVoucher body) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = Params.date("date", body.date(), errors);
        BigDecimal rate = null;
        if (body.exchangeRate() != null) {
            try {
                rate = new BigDecimal(body.exchangeRate());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("exchangeRate", "must be a decimal string such as \"7.4604\""));
            }
        }
        List<VoucherDraft.Line> lines = new ArrayList<>();
        if (body.lines() == null) {
            errors.add(new FieldError("lines", "is required"));
        } else if (body.lines().size() > VoucherDraft.LINES_MAX) {
            errors.add(new FieldError("lines", "a voucher has at most " + VoucherDraft.LINES_MAX + " lines"));
        } else {
            for (int i = 0; i < body.lines().size(); i++) {
                NewLine line = body.lines().get(i);
                if (line == null) {
                    errors.add(new FieldError("lines[" + i + "]", "is empty"));
                    continue;
                }
                if (line.account() == null) errors.add(new FieldError("lines[" + i + "].account", "is required"));
                Long amount = Params.amount("lines[" + i + "].amount", line.amount(), errors);
                if (line.account() != null && amount != null) {
                    lines.add(new VoucherDraft.Line(line.account(), amount, line.vatCode() == null || line.vatCode().isBlank() ? null : line.vatCode(), line.text()));
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.unprocessable("the voucher was not posted; nothing was stored", errors);
        return new VoucherDraft(date, body.text(), body.currency(), rate, lines);
    }

    record VoucherPage(List<VoucherView> items, String next) {}

    @GetMapping
    VoucherPage list(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        LocalDate fromDate = Params.optionalDate("from", from);
        LocalDate toDate = Params.optionalDate("to", to);
        Page<Voucher> page = ledger.vouchers(access.companyId(), fromDate == null ? LocalDate.of(1900, 1, 1) : fromDate,
                toDate == null ? LocalDate.of(9999, 12, 31) : toDate, cursor, limit == null ? PAGE_SIZE_DEFAULT : limit);
        return new VoucherPage(page.items().stream().map(VoucherView::of).toList(), page.next());
    }

    @GetMapping("/{number}")
    VoucherView get(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable int number,
                    @RequestParam(required = false) Integer fiscalYear) {
        return ledger.voucher(access.companyId(), fiscalYear, number).map(VoucherView::of)
                .orElseThrow(() -> ProblemException.notFound("voucher " + (fiscalYear == null ? "" : fiscalYear + "/") + number));
    }

    record Reversal(String date) {}

    @PostMapping("/{number}/reversal")
    ResponseEntity<VoucherView> reverse(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                        @PathVariable int number, @RequestParam(required = false) Integer fiscalYear,
                                        @RequestBody(required = false) Reversal body) {
        access.requireBookkeeper();
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = body == null || body.date() == null ? null : Params.date("date", body.date(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable("the voucher was not reversed", errors);
        if (fiscalYear == null) {
            // Voucher numbers start at 1 in every fiscal year: guessing the year could reverse the wrong voucher.
            throw ProblemException.badRequest("fiscalYear is required: voucher numbers start again in every fiscal year; "
                    + "POST …/vouchers/" + number + "/reversal?fiscalYear=2026 names the voucher");
        }
        Voucher reversal = VoucherViews.postedOrThrow(ledger.reverse(access.companyId(), principal.userId(), fiscalYear, number, date), "the reversal").getFirst();
        return ResponseEntity.created(location(access, reversal)).body(VoucherView.of(reversal));
    }

    private static URI location(CompanyAccess access, Voucher v) {
        return URI.create("/api/v1/companies/" + access.companyId() + "/vouchers/" + v.number() + "?fiscalYear=" + v.fiscalYear());
    }
}
