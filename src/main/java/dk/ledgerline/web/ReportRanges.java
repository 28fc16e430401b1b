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
        fields.throwIfAny("form.rangeUnreadable");
        Reports.Range range = reports.range(companyId, fromDate, toDate);
        if (range.from().isAfter(range.to())) {
            throw ProblemException.unprocessable(ProblemException.Message.of("form.rangeUnreadable"), List.of(ProblemException.FieldError.of("from",
                    "form.fromAfterTo", ProblemException.Message.date(range.from()), ProblemException.Message.date(range.to()))));
        }
        if (range.from().plusYears(Reports.RANGE_YEARS_MAX).isBefore(range.to())) {
            throw ProblemException.unprocessable(ProblemException.Message.of("form.rangeTooLong"), List.of(ProblemException.FieldError.of("to",
                    "form.rangeYearsMax", Reports.RANGE_YEARS_MAX)));
        }
        return range;
    }

    /** The balance sheet's date: the one asked for, or the end of the current fiscal year. */
    LocalDate at(long companyId, String at) {
        FormFields fields = new FormFields();
        LocalDate date = fields.optionalDate("at", at);
        fields.throwIfAny("form.dateUnreadable");
        return date != null ? date : reports.range(companyId, null, null).to();
    }
}
