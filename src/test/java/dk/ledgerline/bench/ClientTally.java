package dk.ledgerline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one client saw. Each client owns its tally, so recording needs no lock; tallies are merged
 * after the clients have stopped.
 */
final class ClientTally {
    /** A minute in microseconds: far past the request timeout, so every latency fits. */
    static final long LATENCY_US_MAX = 60_000_000;
    /** Three significant digits: 0.1 % resolution, enough to tell p99 from p99.9. */
    static final int HISTOGRAM_DIGITS = 3;
    /** Odd answers kept verbatim for the report; the rest are only counted. */
    static final int SAMPLES_MAX = 5;

    /** A voucher the API acknowledged with 201: what the client was told was stored. */
    record Ack(long companyId, String key, int fiscalYear, int number, String entries, String requestJson, boolean replayed) {}

    /** Latency of each voucher measured, from its first attempt to its 201 (retries included). */
    final Histogram voucherLatencyUs = new Histogram(LATENCY_US_MAX, HISTOGRAM_DIGITS);
    /** Answers whose request ended inside the measured window, by HTTP status (201 included). */
    final Map<Integer, Long> statusesMeasured = new TreeMap<>();
    /** The same over the whole level, warm-up and tail included. */
    final Map<Integer, Long> statusesTotal = new TreeMap<>();
    /** Requests that got no HTTP answer, by exception type. */
    final Map<String, Long> transportErrorsMeasured = new TreeMap<>();
    final Map<String, Long> transportErrorsTotal = new TreeMap<>();
    long vouchersMeasured;
    long retries;
    final List<Ack> acks = new ArrayList<>();
    /** Keys the API refused for good (4xx other than 409): nothing may be stored under them. */
    final List<String> rejectedKeys = new ArrayList<>();
    /** Keys given up on after too many failed attempts: their outcome is unknown to the client. */
    final List<String> abandonedKeys = new ArrayList<>();
    final List<String> samples = new ArrayList<>();

    void answer(int status, boolean measured) {
        statusesTotal.merge(status, 1L, Long::sum);
        if (measured) statusesMeasured.merge(status, 1L, Long::sum);
    }

    void transportError(Exception e, boolean measured) {
        String type = e.getClass().getSimpleName();
        transportErrorsTotal.merge(type, 1L, Long::sum);
        if (measured) transportErrorsMeasured.merge(type, 1L, Long::sum);
        sample(type + ": " + e.getMessage());
    }

    void sample(String what) {
        if (samples.size() < SAMPLES_MAX) samples.add(what);
    }

    void mergeInto(ClientTally total) {
        total.voucherLatencyUs.add(voucherLatencyUs);
        statusesMeasured.forEach((k, v) -> total.statusesMeasured.merge(k, v, Long::sum));
        statusesTotal.forEach((k, v) -> total.statusesTotal.merge(k, v, Long::sum));
        transportErrorsMeasured.forEach((k, v) -> total.transportErrorsMeasured.merge(k, v, Long::sum));
        transportErrorsTotal.forEach((k, v) -> total.transportErrorsTotal.merge(k, v, Long::sum));
        total.vouchersMeasured += vouchersMeasured;
        total.retries += retries;
        total.acks.addAll(acks);
        total.rejectedKeys.addAll(rejectedKeys);
        total.abandonedKeys.addAll(abandonedKeys);
        for (String s : samples) total.sample(s);
    }
}
