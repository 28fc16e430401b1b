package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The VAT returns (momsangivelser) of a year, and settling a period that has ended. */
@Controller
public class VatPages {
    /** The VAT period's own bounds on a year; outside them no period exists. */
    static final int YEAR_MIN = 1900;
    static final int YEAR_MAX = 9998;
    private static final java.util.regex.Pattern PERIOD_LABEL = java.util.regex.Pattern.compile("\\d{4}-(?:\\d{2}|Q[1-4]|H[12])");

    private final Vat vat;
    private final dk.ledgerline.ledger.Ledger ledger;
    private final Frames frames;
    private final Clock clock;

    VatPages(Vat vat, dk.ledgerline.ledger.Ledger ledger, Frames frames, Clock clock) {
        this.vat = vat;
        this.ledger = ledger;
        this.frames = frames;
        this.clock = clock;
    }

    /** One line of the return (a rubrik), as the form names it; {@code key} marks its cells for styling and tests. */
    public record Figure(String label, String key, ToLongFunction<VatReturn> wholeKroner) {}

    /** The lines of the momsangivelse, in the form's order. */
    static final List<Figure> FIGURES = List.of(
            new Figure("Salgsmoms", "sales-vat", VatReturn::salesVat),
            new Figure("Moms af varekøb i udlandet", "goods-abroad-vat", VatReturn::vatOnGoodsPurchasesAbroad),
            new Figure("Moms af ydelseskøb i udlandet", "services-abroad-vat", VatReturn::vatOnServicePurchasesAbroad),
            new Figure("Købsmoms", "purchase-vat", VatReturn::purchaseVat),
            new Figure("Rubrik A – varer", "rubrik-a-goods", VatReturn::rubrikAGoods),
            new Figure("Rubrik A – ydelser", "rubrik-a-services", VatReturn::rubrikAServices),
            new Figure("Rubrik B – varer (EU-salgsangivelse)", "rubrik-b-goods", VatReturn::rubrikBGoodsReported),
            new Figure("Rubrik B – varer (uden EU-salgsangivelse)", "rubrik-b-goods-not-reported", VatReturn::rubrikBGoodsNotReported),
            new Figure("Rubrik B – ydelser", "rubrik-b-services", VatReturn::rubrikBServices),
            new Figure("Rubrik C", "rubrik-c", VatReturn::rubrikC));

    /**
     * The periods are columns, the return's lines rows, as on the form, so a year of months still fits
     * a screen. Periods before the company's first are left out; {@code settleable} holds the one
     * period that may be settled next, if it is in this year.
     */
    public record VatPage(Frame frame, int year, List<VatReturn> returns, LocalDate today, Set<String> settleable, String notice, Failure failure) {
        public List<Figure> figures() {
            return FIGURES;
        }

        public boolean settleable(VatReturn r) {
            return settleable.contains(r.period().label());
        }
    }

    /** What settling will post, shown before the user confirms it. */
    public record SettlementPage(Frame frame, Vat.SettlementPlan plan, java.util.Map<Integer, String> accountNames, Failure failure) {
        public List<Figure> figures() {
            return FIGURES;
        }

        public String name(int account) {
            return accountNames.getOrDefault(account, "");
        }
    }

    @GetMapping("/companies/{companyId}/vat")
    ModelAndView returns(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                         @RequestParam(required = false) Integer year, @RequestParam(required = false) String settled) {
        // Only a period's label is echoed: a link cannot put words of its own on the page.
        String notice = settled == null || !PERIOD_LABEL.matcher(settled).matches() ? null : Languages.t("notice.vatSettled", periodName(access, settled));
        return page(principal, access, year(year), notice, null, 200);
    }

    @GetMapping("/companies/{companyId}/vat/{period}/settlement")
    ModelAndView confirm(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable String period) {
        access.requireBookkeeper();
        return settlementPage(principal, access, vat.period(access.companyId(), period), null, 200);
    }

    @PostMapping("/companies/{companyId}/vat/{period}/settlement")
    ModelAndView settle(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable String period) {
        access.requireBookkeeper();
        VatPeriod parsed = vat.period(access.companyId(), period);
        try {
            vat.settle(access.companyId(), principal.userId(), parsed);
            return Pages.seeOther("/companies/" + access.companyId() + "/vat?year=" + parsed.year() + "&settled=" + parsed.label());
        } catch (ProblemException e) {
            return page(principal, access, parsed.year(), null, Failure.of(e), e.status());
        }
    }

    private ModelAndView settlementPage(Principal principal, CompanyAccess access, VatPeriod period, Failure failure, int status) {
        Vat.SettlementPlan plan = vat.settlementPlan(access.companyId(), period);
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        ledger.accounts(access.companyId()).forEach(a -> names.put(a.number(), a.name()));
        Frame frame = frames.company(principal, access, Languages.t("title.vatSettlement", Labels.vatPeriod(period)), Frame.Section.VAT);
        return Pages.render("vatSettlement", new SettlementPage(frame, plan, names, failure), status);
    }

    private ModelAndView page(Principal principal, CompanyAccess access, int year, String notice, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.vat", year), Frame.Section.VAT);
        VatPeriod first = vat.firstPeriod(access.companyId());
        List<VatReturn> returns = vat.returnsOfYear(access.companyId(), year).stream().filter(r -> !r.period().to().isBefore(first.from())).toList();
        LocalDate today = LocalDate.now(clock);
        Set<String> settleable = new HashSet<>();
        for (VatReturn r : returns) {
            if (r.settled() || !r.period().to().isBefore(today)) continue;
            boolean previousSettled = r.period().equals(first)
                    || returns.stream().anyMatch(o -> o.period().equals(r.period().previous()) && o.settled())
                    || r.period().index() == 1 && vat.vatReturn(access.companyId(), r.period().previous()).settled();
            if (previousSettled) settleable.add(r.period().label());
            break;
        }
        return Pages.render("vat", new VatPage(frame, year, returns, today, settleable, notice, failure), status);
    }

    private String periodName(CompanyAccess access, String label) {
        try {
            return Labels.vatPeriod(vat.period(access.companyId(), label));
        } catch (ProblemException notThisCompanysKind) {
            return label;
        }
    }

    private int year(Integer asked) {
        if (asked == null) return LocalDate.now(clock).getYear();
        if (asked < YEAR_MIN || asked > YEAR_MAX) throw ProblemException.badRequest(Languages.t("label.yearRange", YEAR_MIN, YEAR_MAX));
        return asked;
    }
}
