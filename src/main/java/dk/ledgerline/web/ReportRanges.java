package dk.ledgerline.web;

import dk.ledgerline.reporting.Reports;
import dk.ledgerline.shared.ProblemException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The date range a report page was asked for, with the company's current fiscal year filling gaps. */
@Component
class ReportRanges {
    private final Reports reports;

    ReportRanges(Reports reports) {
        this.reports = reports;
    }

    Reports.Range range(long companyId, String from, String to) {
        FormFields fields = new FormFields();
        LocalDate fromDate = fields.optionalDate("from", from);
        LocalDate toDate = fields.optionalDate("to", to);
        fields.throwIfAny("Perioden kunne ikke læses.");
        Reports.Range range = reports.range(companyId, fromDate, toDate);
        if (range.from().isAfter(range.to())) {
            throw ProblemException.unprocessable("Perioden kunne ikke læses.", List.of(new ProblemException.FieldError("from",
                    "fra-datoen " + Labels.date(range.from()) + " ligger efter til-datoen " + Labels.date(range.to()))));
        }
        if (range.from().plusYears(Reports.RANGE_YEARS_MAX).isBefore(range.to())) {
            throw ProblemException.unprocessable("Perioden er for lang.", List.of(new ProblemException.FieldError("to",
                    "en rapport dækker højst " + Reports.RANGE_YEARS_MAX + " år")));
        }
        return range;
    }

    /** The balance sheet's date: the one asked for, or the end of the current fiscal year. */
    LocalDate at(long companyId, String at) {
        FormFields fields = new FormFields();
        LocalDate date = fields.optionalDate("at", at);
        fields.throwIfAny("Datoen kunne ikke læses.");
        return date != null ? date : reports.range(companyId, null, null).to();
    }
}
