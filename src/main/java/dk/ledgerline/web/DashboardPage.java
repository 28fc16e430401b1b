package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ledger.Journals;
import dk.ledgerline.reporting.KeyFigures;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * A company's front page: revenue, expenses and result per month against last year, the cash over
 * the last year, the VAT to file next with its deadline and days left, and the journals waiting to
 * be posted. Everything comes from the kept balances; no entry is read.
 */
@Controller
public class DashboardPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Frames frames;
    private final Vat vat;
    private final KeyFigures figures;
    private final Journals journals;
    private final Clock clock;

    DashboardPage(Frames frames, Vat vat, KeyFigures figures, Journals journals, Clock clock) {
        this.frames = frames;
        this.vat = vat;
        this.figures = figures;
        this.journals = journals;
        this.clock = clock;
    }

    /**
     * {@code next}: the oldest period not yet settled (the one whose deadline comes first), or the one
     * running; {@code current} the one running now. {@code charts} is what the chart script draws.
     */
    public record Dashboard(Frame frame, LocalDate today, KeyFigures.Overview overview, VatReturn next, long daysLeft, VatReturn current,
                            int openPeriods, List<Journals.Draft> drafts, String resultChart, String cashChart) {
        public int draftLines() {
            return drafts.stream().mapToInt(Journals.Draft::lines).sum();
        }
    }

    @GetMapping("/companies/{companyId}")
    ModelAndView dashboard(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        Frame frame = frames.company(principal, access, Languages.t("title.dashboard"), Frame.Section.DASHBOARD);
        LocalDate today = LocalDate.now(clock);
        KeyFigures.Overview overview = figures.overview(access.companyId(), today);
        List<VatPeriod> open = vat.openPeriods(access.companyId(), today);
        VatPeriod running = VatPeriod.containing(today, frame.company().vatPeriod());
        // the running period is never settled; the list is empty only before the company's first period
        VatPeriod nextPeriod = open.isEmpty() ? running : open.getFirst();
        VatReturn next = vat.vatReturn(access.companyId(), nextPeriod);
        VatReturn current = nextPeriod.equals(running) ? next : vat.vatReturn(access.companyId(), running);
        List<Journals.Draft> drafts = journals.drafts(access.companyId()).stream().filter(d -> d.lines() > 0).toList();
        return Pages.render("dashboard", new Dashboard(frame, today, overview, next, ChronoUnit.DAYS.between(today, next.deadline()), current,
                open.size(), drafts, resultChart(overview), cashChart(overview)));
    }

    private static String resultChart(KeyFigures.Overview overview) {
        return JSON.writeValueAsString(Map.of(
                "labels", overview.months().stream().map(m -> Labels.month(m.month().getMonthValue()).substring(0, 3)).toList(),
                "revenue", overview.months().stream().map(m -> kroner(m.revenue())).toList(),
                "expenses", overview.months().stream().map(m -> kroner(m.expenses())).toList(),
                "result", overview.months().stream().map(m -> kroner(m.result())).toList(),
                "lastYearResult", overview.months().stream().map(m -> kroner(m.lastYearResult())).toList()));
    }

    private static String cashChart(KeyFigures.Overview overview) {
        return JSON.writeValueAsString(Map.of(
                "labels", overview.cash().stream().map(c -> Labels.month(c.month().getMonthValue()).substring(0, 3) + " " + c.month().getYear()).toList(),
                "cash", overview.cash().stream().map(c -> kroner(c.balance())).toList()));
    }

    /** Whole kroner for a chart's axis: øre would only make the numbers longer. */
    private static long kroner(long minor) {
        return Math.round(minor / 100.0);
    }
}
