package dk.ledgerline.admission;

import dk.ledgerline.admission.internal.Chains;
import dk.ledgerline.admission.internal.ClassLimiter;
import dk.ledgerline.admission.internal.ClassLimiter.Place;
import dk.ledgerline.admission.internal.ClassLimiter.Refusal;
import dk.ledgerline.identity.TenantFilter;
import dk.ledgerline.shared.ConnectionBudget;
import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.RetryAfter;
import dk.ledgerline.shared.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, before a request may touch the database, whether this node has room for it: each class
 * of work has an adaptive concurrency limit that follows the measured latency, and within a class
 * a company keeps to its fair share while others wait. A request without a place is answered 503
 * with Retry-After at once: interactive work never queues here, so the excess is refused in
 * milliseconds instead of waiting in front of the work until the node falls over; a report or an
 * import may wait a short, bounded while in a backlog of a few. It runs on the signed token and the
 * path alone; the company in the path counts for fairness before its membership is checked.
 */
public class AdmissionFilter extends OncePerRequestFilter {
    /** Set on the request: the class of work it was admitted as. */
    public static final String WORK_CLASS = "ledgerline.workClass";

    private final Map<WorkClass, ClassLimiter> limiters = new EnumMap<>(WorkClass.class);
    private final Map<WorkClass, Map<Refusal, Counter>> refusals = new EnumMap<>(WorkClass.class);

    public AdmissionFilter(AdmissionSettings settings, MeterRegistry meters, Clock clock) {
        for (WorkClass c : WorkClass.values()) {
            ClassLimiter limiter = new ClassLimiter(settings.of(c), clock);
            limiters.put(c, limiter);
            String name = c.name().toLowerCase(java.util.Locale.ROOT);
            Gauge.builder("ledgerline.admission.limit", limiter, ClassLimiter::limit).tag("class", name)
                    .description("concurrent requests admitted at most, adapted to latency").register(meters);
            Gauge.builder("ledgerline.admission.in_flight", limiter, ClassLimiter::inFlight).tag("class", name)
                    .description("requests admitted and not yet answered").register(meters);
            Gauge.builder("ledgerline.admission.waiting", limiter, ClassLimiter::waiting).tag("class", name)
                    .description("requests waiting a short while for a place (reports and imports only)").register(meters);
            Gauge.builder("ledgerline.admission.companies", limiter, ClassLimiter::companiesInFlight).tag("class", name)
                    .description("companies with requests in flight").register(meters);
            Map<Refusal, Counter> byReason = new EnumMap<>(Refusal.class);
            for (Refusal reason : Refusal.values()) {
                byReason.put(reason, Counter.builder("ledgerline.admission.refused").tag("class", name)
                        .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).description("requests refused with a fast 503").register(meters));
            }
            refusals.put(c, byReason);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        // operators' actions are few, and must get through an overload most of all
        if (path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/actuator/") || path.startsWith("/ops/")) {
            chain.doFilter(request, response);
            return;
        }
        WorkClass workClass = WorkClass.of(request.getMethod(), path);
        ClassLimiter.Result admitted = limiters.get(workClass).acquire(TenantFilter.companyIdIn(path).orElse(null));
        if (admitted.place() == null) {
            refusals.get(workClass).get(admitted.refusal()).increment();
            refuse(request, response, workClass, admitted.refusal());
            return;
        }
        request.setAttribute(WORK_CLASS, workClass);
        Place place = admitted.place();
        try {
            // reports and exports take their connections from their own small pool
            if (workClass == WorkClass.REPORT) Chains.within(ConnectionBudget.REPORTS::run, chain, request, response);
            else chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (TransientFailures.isUnavailable(failure)) place.dropped();
            else place.ignored();
            throw failure;
        }
        int status = response.getStatus();
        if (status == 503 || status == 504) place.dropped();
        else if (status >= 400) place.ignored();
        else place.succeeded();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, WorkClass workClass, Refusal refusal) throws IOException {
        RetryAfter.OVERLOADED.set(response);
        String why = refusal == Refusal.COMPANY_SHARE
                ? "this company has its fair share of the server's " + label(workClass) + " in flight; retry shortly"
                : "the server is at its limit of " + label(workClass) + "; retry shortly";
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemResponses.write(response, 503, "Busy", why);
            return;
        }
        // A page: the request layer in the browser shows its busy state and retries after Retry-After.
        ProblemResponses.writePage(response, 503, "Travlt", "Travlt",
                "Ledgerline har travlt lige nu. Intet er ændret. Prøv igen om " + RetryAfter.OVERLOADED.seconds() + " sekund.");
    }

    private static String label(WorkClass workClass) {
        return switch (workClass) {
            case INTERACTIVE_WRITE -> "concurrent writes";
            case INTERACTIVE_READ -> "concurrent reads";
            case REPORT -> "concurrent reports and exports";
            case BULK -> "concurrent imports";
        };
    }
}
