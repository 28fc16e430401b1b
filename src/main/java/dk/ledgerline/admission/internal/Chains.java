package dk.ledgerline.admission.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Runs the rest of the filter chain inside a {@link Supplier} (a unit of work, a connection
 * budget), carrying its checked failures through and throwing them again outside, unchanged.
 */
public final class Chains {
    private Chains() {}

    /** Runs {@code around}, inside which {@link #proceed} runs the chain; the chain's own failures come out as they were. */
    public static <T> T within(java.util.function.Function<Supplier<Void>, T> around, FilterChain chain, ServletRequest request,
                               ServletResponse response) throws IOException, ServletException {
        try {
            return around.apply(() -> proceed(chain, request, response));
        } catch (Failure failure) {
            if (failure.getCause() instanceof IOException io) throw io;
            throw (ServletException) failure.getCause();
        }
    }

    private static Void proceed(FilterChain chain, ServletRequest request, ServletResponse response) {
        try {
            chain.doFilter(request, response);
            return null;
        } catch (IOException | ServletException e) {
            throw new Failure(e);
        }
    }

    /** A checked failure of the chain, on its way through code that takes no checked exceptions. */
    private static final class Failure extends RuntimeException {
        Failure(Exception cause) {
            super(cause);
        }
    }
}
