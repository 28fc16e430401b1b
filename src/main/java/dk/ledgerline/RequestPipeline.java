package dk.ledgerline;

import dk.ledgerline.admission.AdmissionFilter;
import dk.ledgerline.admission.DeadlineFilter;
import dk.ledgerline.admission.IdempotencyFilter;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.TenantFilter;
import dk.ledgerline.ops.FailureBoundaryFilter;
import dk.ledgerline.ops.RequestIdFilter;
import jakarta.servlet.Filter;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every request passes these steps in this order, before its handler:
 * request id → failure boundary → authentication → tenant → deadline → admission → idempotency.
 * The order is the design; read it here rather than reconstructing it from annotations.
 */
@Configuration(proxyBeanMethods = false)
class RequestPipeline {
    private static final int FIRST = Integer.MIN_VALUE + 100;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestId() {
        return step(new RequestIdFilter(), 0);
    }

    @Bean
    FilterRegistrationBean<FailureBoundaryFilter> failureBoundary() {
        return step(new FailureBoundaryFilter(), 1);
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authentication(Identity identity, Clock clock) {
        return step(new AuthenticationFilter(identity, clock), 2);
    }

    @Bean
    FilterRegistrationBean<TenantFilter> tenant(Identity identity) {
        return step(new TenantFilter(identity), 3);
    }

    @Bean
    FilterRegistrationBean<DeadlineFilter> deadline(Clock clock) {
        return step(new DeadlineFilter(clock), 4);
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admission(Environment env) {
        int pool = env.getProperty("ledgerline.database.pool-size", Integer.class, 20);
        // Twice the pool: enough that the pool never idles while work waits, few enough that the
        // wait for a connection stays short.
        int writes = env.getProperty("ledgerline.admission.writes-max", Integer.class, 2 * pool);
        int reads = env.getProperty("ledgerline.admission.reads-max", Integer.class, 3 * pool);
        return step(new AdmissionFilter(writes, reads), 5);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotency(IdempotencyFilter filter) {
        return step(filter, 6);
    }

    private static <F extends Filter> FilterRegistrationBean<F> step(F filter, int position) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FIRST + position);
        return registration;
    }
}
