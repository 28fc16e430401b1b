package dk.ledgerline;

import dk.ledgerline.admission.AdmissionFilter;
import dk.ledgerline.admission.AdmissionSettings;
import dk.ledgerline.admission.DeadlineFilter;
import dk.ledgerline.admission.IdempotencyFilter;
import dk.ledgerline.admission.ReadOnlyFilter;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.TenantFilter;
import dk.ledgerline.ops.FailureBoundaryFilter;
import dk.ledgerline.ops.OperatorFilter;
import dk.ledgerline.ops.RequestIdFilter;
import dk.ledgerline.ops.SlowRequests;
import dk.ledgerline.shared.ConnectionBudget;
import dk.ledgerline.shared.ReadOnly;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every request passes these steps in this order, before its handler:
 * request id → failure boundary → deadline → operators' token (only under /ops/) → read-only (a
 * write while Ledgerline is read-only is answered here) → authentication → admission → tenant → idempotency.
 * Nothing before admission touches the database (authentication reads a signed token), so work
 * that is refused is refused before it costs a connection; the tenant step's membership check is
 * answered from memory while fresh. The order is the design; read it here rather than
 * reconstructing it from annotations.
 */
@Configuration(proxyBeanMethods = false)
public class RequestPipeline {
    private static final int FIRST = Integer.MIN_VALUE + 100;
    /** Steps are this far apart, so that a test's own step (fault injection) can go between two. */
    private static final int STEP = 10;
    /** Right after the request id (and its timing), before anything else: where the tests inject their faults. */
    public static final int TEST_FAULTS_ORDER = FIRST + STEP / 2;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestId(SlowRequests slowRequests) {
        return step(new RequestIdFilter(slowRequests), 0);
    }

    @Bean
    FilterRegistrationBean<FailureBoundaryFilter> failureBoundary() {
        return step(new FailureBoundaryFilter(), 1);
    }

    @Bean
    FilterRegistrationBean<DeadlineFilter> deadline(Clock clock) {
        return step(new DeadlineFilter(clock), 2);
    }

    @Bean
    FilterRegistrationBean<OperatorFilter> operators(Environment env) {
        String token = env.getProperty("ledgerline.ops.token");
        return step(new OperatorFilter(token == null || token.isBlank() ? null : token.trim()), 3);
    }

    @Bean
    FilterRegistrationBean<ReadOnlyFilter> readOnlyGate(ReadOnly readOnly) {
        return step(new ReadOnlyFilter(readOnly), 4);
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authentication(Identity identity, Clock clock) {
        return step(new AuthenticationFilter(identity, clock), 5);
    }

    @Bean
    AdmissionSettings admissionSettings(Environment env) {
        return AdmissionSettings.from(env, ConnectionBudget.interactivePoolSize(env));
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admission(AdmissionSettings settings, MeterRegistry meters, Clock clock) {
        return step(new AdmissionFilter(settings, meters, clock), 6);
    }

    @Bean
    FilterRegistrationBean<TenantFilter> tenant(Identity identity) {
        return step(new TenantFilter(identity), 7);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotency(IdempotencyFilter filter) {
        return step(filter, 8);
    }

    private static <F extends Filter> FilterRegistrationBean<F> step(F filter, int position) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FIRST + STEP * position);
        return registration;
    }
}
