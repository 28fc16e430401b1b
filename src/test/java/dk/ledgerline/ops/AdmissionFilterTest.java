package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.admission.AdmissionFilter;
import dk.ledgerline.admission.AdmissionSettings;
import dk.ledgerline.admission.AdmissionSettings.ClassLimits;
import dk.ledgerline.admission.WorkClass;
import dk.ledgerline.shared.RequestDeadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** No queue grows without bound: past its class's limit or its company's share, a request is told to come back, at once. */
class AdmissionFilterTest {
    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService pool = Executors.newCachedThreadPool();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void noDeadlineLeftOnThisThread() {
        RequestDeadline.clear(); // a request's wait for a place is bounded by its deadline; these have none
    }

    @AfterEach
    void letGo() {
        release.countDown();
        pool.shutdownNow();
    }

    static AdmissionSettings limits(int writes) {
        Map<WorkClass, ClassLimits> limits = new EnumMap<>(WorkClass.class);
        for (WorkClass c : WorkClass.values()) limits.put(c, new ClassLimits(4, 4, 4, 1));
        limits.put(WorkClass.INTERACTIVE_WRITE, new ClassLimits(writes, writes, writes, 1));
        return new AdmissionSettings(limits);
    }

    @Test
    void aWriteBeyondTheLimitIsRefusedAtOnceWith503AndRetryAfterWhileReadsStillPass() throws Exception {
        AdmissionFilter filter = new AdmissionFilter(limits(1), meters, Clock.systemUTC());
        hold(filter, "POST", "/api/v1/companies/1/vouchers");

        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), refused, mustNotRun());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("at its limit of concurrent writes");
        assertThat(meters.get("ledgerline.admission.refused").tag("class", "interactive_write").tag("reason", "class_full").counter().count()).isEqualTo(1);

        assertThat(runs(filter, "GET", "/api/v1/companies/1/vouchers")).as("reads have places of their own").isTrue();
        MockHttpServletResponse page = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/companies/1/journals"), page, mustNotRun());
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString()).contains("Travlt").contains("Intet er ændret");

        release.countDown();
        waitUntil(() -> meters.get("ledgerline.admission.in_flight").tag("class", "interactive_write").gauge().value() == 0);
        assertThat(runs(filter, "POST", "/api/v1/companies/1/vouchers")).as("the place is given back").isTrue();
    }

    @Test
    void aCompanyPastItsFairShareWaitsItsTurnWhileAnotherCompanyIsAdmitted() throws Exception {
        AdmissionFilter filter = new AdmissionFilter(limits(4), meters, Clock.systemUTC());
        hold(filter, "POST", "/api/v1/companies/7/vouchers");
        hold(filter, "POST", "/api/v1/companies/7/vouchers");
        hold(filter, "POST", "/api/v1/companies/8/vouchers");

        MockHttpServletResponse noisy = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/7/vouchers"), noisy, mustNotRun());
        assertThat(noisy.getStatus()).isEqualTo(503);
        assertThat(noisy.getContentAsString()).contains("fair share");
        assertThat(meters.get("ledgerline.admission.refused").tag("class", "interactive_write").tag("reason", "company_share").counter().count()).isEqualTo(1);

        assertThat(runs(filter, "POST", "/api/v1/companies/8/vouchers")).as("the quiet company still gets its share").isTrue();
    }

    @Test
    void aReportOverTheLimitWaitsBrieflyForThePlaceWhileOneMoreIsRefusedAtOnce() throws Exception {
        AdmissionFilter filter = new AdmissionFilter(reportsWaiting(Duration.ofSeconds(2)), meters, Clock.systemUTC());
        hold(filter, "GET", "/api/v1/companies/1/reports/trial-balance");
        var waiter = pool.submit(() -> runs(filter, "GET", "/api/v1/companies/2/reports/trial-balance"));
        waitUntil(() -> meters.get("ledgerline.admission.waiting").tag("class", "report").gauge().value() == 1);
        Thread.sleep(50); // the gauge counts a waiter just before it enters the limiter's backlog

        MockHttpServletResponse refused = new MockHttpServletResponse();
        long start = System.nanoTime();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/companies/3/reports/vat"), refused, mustNotRun());
        assertThat(refused.getStatus()).as("the backlog is full: no further wait").isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        release.countDown();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).as("the waiting report got the place given back").isTrue();
    }

    @Test
    void aReportWaitsNoLongerThanItsBacklogAllowsThenGets503() throws Exception {
        AdmissionFilter filter = new AdmissionFilter(reportsWaiting(Duration.ofMillis(200)), meters, Clock.systemUTC());
        hold(filter, "GET", "/api/v1/companies/1/reports/trial-balance");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        long start = System.nanoTime();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/companies/2/reports/trial-balance"), refused, mustNotRun());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited its while").isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(meters.get("ledgerline.admission.waiting").tag("class", "report").gauge().value()).isZero();
    }

    @Test
    void aWaitOfInteractiveWorkOrOneLongerThanABumpIsRefusedAtStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClassLimits(1, 1, 4, 1, 2, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 ms to 2000 ms");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClassLimits(1, 1, 4, 1, 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with a backlog of 2");
        assertThat(AdmissionSettings.from(new org.springframework.mock.env.MockEnvironment(), 8).of(WorkClass.INTERACTIVE_WRITE).backlog())
                .as("interactive work never waits for a place").isZero();
        assertThat(AdmissionSettings.from(new org.springframework.mock.env.MockEnvironment(), 8).of(WorkClass.REPORT).backlog()).isPositive();
    }

    @Test
    void fairShareOffLetsOneCompanyTakeItsWholeClassForMeasuringWhatFairShareIsWorth() {
        var env = new org.springframework.mock.env.MockEnvironment();
        assertThat(AdmissionSettings.from(env, 8).of(WorkClass.INTERACTIVE_WRITE).companyShareMin()).isEqualTo(4);
        env.setProperty("ledgerline.admission.fair-share", "false");
        for (WorkClass c : WorkClass.values()) {
            ClassLimits limits = AdmissionSettings.from(env, 8).of(c);
            assertThat(limits.companyShareMin()).as(c.name()).isEqualTo(limits.max());
        }
    }

    static AdmissionSettings reportsWaiting(Duration wait) {
        Map<WorkClass, ClassLimits> limits = new EnumMap<>(WorkClass.class);
        for (WorkClass c : WorkClass.values()) limits.put(c, new ClassLimits(4, 4, 4, 1));
        limits.put(WorkClass.REPORT, new ClassLimits(1, 1, 1, 1, 1, wait));
        return new AdmissionSettings(limits);
    }

    @Test
    void contradictoryLimitsAreRefusedAtStartUpWithTheReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClassLimits(10, 20, 30, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min=20 initial=10 max=30");
    }

    /** A request of this kind that holds its place until the test lets go. */
    private void hold(AdmissionFilter filter, String method, String path) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        FilterChain slow = (req, res) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        pool.submit(() -> {
            filter.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(), slow);
            return null;
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean runs(AdmissionFilter filter, String method, String path) throws Exception {
        boolean[] ran = {false};
        filter.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(), (req, res) -> ran[0] = true);
        return ran[0];
    }

    private static FilterChain mustNotRun() {
        return (req, res) -> {
            throw new AssertionError("a request without a place must not run");
        };
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 250 && !done.getAsBoolean(); i++) Thread.sleep(20);
        assertThat(done.getAsBoolean()).isTrue();
    }
}
