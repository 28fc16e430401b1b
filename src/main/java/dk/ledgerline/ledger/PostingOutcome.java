package dk.ledgerline.ledger;

import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.util.List;

/** Posting either wrote every voucher or nothing at all; a rejection names each line and reason. */
public sealed interface PostingOutcome {
    record Posted(List<Voucher> vouchers) implements PostingOutcome {
        public Voucher single() {
            if (vouchers.size() != 1) throw new IllegalStateException("expected one voucher, posted " + vouchers.size());
            return vouchers.getFirst();
        }
    }

    record Rejected(List<FieldError> errors) implements PostingOutcome {}

    /** The posted vouchers, or the rejection as a 422 problem with {@code detail} and each line's error. */
    default List<Voucher> postedOrThrow(String detail) {
        return switch (this) {
            case Posted posted -> posted.vouchers();
            case Rejected rejected -> throw ProblemException.unprocessable(detail, rejected.errors());
        };
    }

    /** The same, with a detail the pages say in the user's language. */
    default List<Voucher> postedOrThrow(ProblemException.Message detail) {
        return switch (this) {
            case Posted posted -> posted.vouchers();
            case Rejected rejected -> throw ProblemException.unprocessable(detail, rejected.errors());
        };
    }
}
