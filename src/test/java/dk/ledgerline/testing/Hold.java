package dk.ledgerline.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Work on a thread of its own that stops at a point inside itself (holding a row lock, a
 * connection, an open transaction) until the test lets it go; for racing something against it.
 */
public final class Hold<T> implements AutoCloseable {
    /** Long enough for any test step, short enough that a test that forgets to let go still ends. */
    static final long WAIT_SECONDS = 20;

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<T> result;

    private Hold(Function<Hold<T>, T> work) {
        this.result = thread.submit(() -> work.apply(this));
    }

    /** Starts {@code work}, which calls {@link #here()} where it holds, and waits until it got there. */
    public static <T> Hold<T> start(Function<Hold<T>, T> work) throws InterruptedException {
        Hold<T> hold = new Hold<>(work);
        if (!hold.reached.await(WAIT_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("the held work never reached its holding point");
        return hold;
    }

    /** Called by the work: it holds here until released. */
    public void here() {
        reached.countDown();
        try {
            if (!released.await(WAIT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("the test never let the held work go");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lets the work go on and returns what it returned. */
    public T release() throws Exception {
        released.countDown();
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        released.countDown();
        thread.shutdownNow();
    }
}
