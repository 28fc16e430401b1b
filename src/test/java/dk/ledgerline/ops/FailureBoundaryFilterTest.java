package dk.ledgerline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

    /**
     * A request that had taken the output stream (a recorded answer) and then failed: a servlet
     * container refuses the writer to it from then on, as this wrapper does, and the problem must
     * still be written (once it was not, and the container's own error page answered 500).
     */
    @Test
    void aFailureAfterTheHandlerTookTheOutputStreamIsStillAnsweredAsAProblem() throws Exception {
        MockHttpServletResponse mock = new MockHttpServletResponse();
        HttpServletResponse strict = new HttpServletResponseWrapper(mock) {
            private boolean streamTaken;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                streamTaken = true;
                return super.getOutputStream();
            }

            @Override
            public PrintWriter getWriter() throws IOException {
                if (streamTaken) throw new IllegalStateException("getOutputStream() has already been called for this response");
                return super.getWriter();
            }
        };
        new FailureBoundaryFilter().doFilter(new MockHttpServletRequest("POST", "/api/v1/companies/1/vouchers"), strict, (request, response) -> {
            response.getOutputStream().write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
            throw new DataAccessResourceFailureException("gone", new SQLException("connection lost", "08006"));
        });
        assertThat(mock.getStatus()).isEqualTo(503);
        assertThat(mock.getContentType()).startsWith("application/problem+json");
        assertThat(mock.getContentAsString()).startsWith("{\"type\":\"about:blank\"").doesNotContain("partial");
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
