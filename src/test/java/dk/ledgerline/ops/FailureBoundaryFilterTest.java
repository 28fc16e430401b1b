package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Whatever a request's handling throws is answered as a problem, never left to the servlet container's error page. */
class FailureBoundaryFilterTest {
    @Test
    void aLostDatabaseIs503AndALibrarysFailedAssertionIsAProblemNotTheContainersPage() throws Exception {
        MockHttpServletResponse lost = answer(new DataAccessResourceFailureException("gone", new SQLException("connection lost", "08006")));
        assertThat(lost.getStatus()).isEqualTo(503);
        assertThat(lost.getHeader("Retry-After")).isEqualTo("2");
        assertThat(lost.getContentType()).startsWith("application/problem+json");

        MockHttpServletResponse asserted = answer(new AssertionError("a library's own check"));
        assertThat(asserted.getStatus()).isEqualTo(500);
        assertThat(asserted.getContentType()).startsWith("application/problem+json");
        assertThat(asserted.getContentAsString()).contains("X-Request-Id");
    }

    private static MockHttpServletResponse answer(Throwable failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new FailureBoundaryFilter().doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), response, (request, r) -> {
            if (failure instanceof RuntimeException runtime) throw runtime;
            throw (Error) failure;
        });
        return response;
    }
}
