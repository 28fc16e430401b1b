package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.shared.CompanyCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Gives a new company the default Danish chart of accounts and the fiscal year that holds today. */
@Component
class CompanySetup {
    private final LedgerStore store;
    private final Clock clock;
    private final List<Account> defaultChart;

    CompanySetup(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.defaultChart = loadDefaultChart();
    }

    @EventListener
    void on(CompanyCreated created) {
        for (Account account : defaultChart) {
            if (!store.insertAccount(created.companyId(), account, clock.instant())) {
                throw new IllegalStateException("the new company " + created.companyId() + " already has account " + account.number());
            }
        }
        LocalDate start = fiscalYearStart(created.today(), created.fiscalYearStartMonth());
        store.insertFiscalYear(created.companyId(), start, start.plusYears(1).minusDays(1));
    }

    static LocalDate fiscalYearStart(LocalDate today, int startMonth) {
        LocalDate start = LocalDate.of(today.getYear(), startMonth, 1);
        return start.isAfter(today) ? start.minusYears(1) : start;
    }

    private static List<Account> loadDefaultChart() {
        try (InputStream in = CompanySetup.class.getResourceAsStream("/ledger/default-chart.csv")) {
            if (in == null) throw new IllegalStateException("the default chart /ledger/default-chart.csv is missing from the build");
            ChartCsv.Parsed parsed = ChartCsv.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), code -> true);
            if (!parsed.errors().isEmpty()) throw new IllegalStateException("the default chart is invalid: " + parsed.errors());
            return parsed.accounts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
