package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.admission.AdmissionFilter;
import jakarta.servlet.FilterChain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** No queue grows without bound: past the limit, a request is told to come back, at once. */
class AdmissionFilterTest {

    @Test
    void aWriteBeyondTheLimitIsRefusedWith503AndRetryAfterWhileReadsStillPass() throws Exception {
        AdmissionFilter filter = new AdmissionFilter(1, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain slow = (req, res) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<?> first = pool.submit(() -> {
                filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), new MockHttpServletResponse(), slow);
                return null;
            });
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            MockHttpServletResponse refused = new MockHttpServletResponse();
            long started = System.nanoTime();
            filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), refused, (req, res) -> {
                throw new AssertionError("a request past the limit must not run");
            });
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(waitedMs).as("bounded wait").isLessThan(AdmissionFilter.ADMISSION_WAIT_MAX.toMillis() + 2_000);

            MockHttpServletResponse read = new MockHttpServletResponse();
            boolean[] ran = {false};
            filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/companies/1/vouchers"), read, (req, res) -> ran[0] = true);
            assertThat(ran[0]).isTrue();

            release.countDown();
            first.get(5, TimeUnit.SECONDS);
        }
        boolean[] ranAfter = {false};
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), new MockHttpServletResponse(), (req, res) -> ranAfter[0] = true);
        assertThat(ranAfter[0]).as("the place is given back").isTrue();
    }
}
