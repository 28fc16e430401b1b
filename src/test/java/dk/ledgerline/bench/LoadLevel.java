package dk.ledgerline.bench;

import dk.ledgerline.bench.BenchmarkSettings.Scenario;
import dk.ledgerline.bench.ClientTally.Ack;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * One concurrency level of one scenario: {@code clients} closed-loop clients post vouchers as fast
 * as the API answers, through a warm-up and then a measured window.
 *
 * <p>A client behaves as a correct client must: it retries a voucher with the same Idempotency-Key
 * after a 503 (waiting the Retry-After), a 409 (the first attempt still running), a 5xx or a lost
 * connection, so it always learns whether its voucher was stored. A voucher counts in the window
 * when its 201 arrives inside it; latency runs from its first attempt to that 201.
 */
final class LoadLevel {
    /** A voucher still failing after this many attempts is given up, and the audit checks it was not stored. */
    static final int ATTEMPTS_MAX = 10;
    /** A client that waits longer than this for one voucher would have given up; so does ours. */
    static final Duration VOUCHER_BUDGET = Duration.ofSeconds(60);
    /** Pause before retrying a request that is still in flight (409) or lost its connection. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** The app asks for 1 or 2 s; more than this would be a misconfiguration, not advice to follow. */
    static final Duration RETRY_AFTER_MAX = Duration.ofSeconds(10);

    /** What a run is for: every run is audited, but only a MEASURED one is reported as a level. */
    enum Role {
        /** Warms the JIT and the caches of a fresh app. */
        PRIMER,
        MEASURED,
        /** Measured while other processes took the CPUs, then run again. */
        DISTURBED
    }

    record Result(Scenario scenario, int clients, Role role, Duration window, ClientTally tally, CpuUse cpu, ServerMetrics server,
                  List<BenchTenant> tenants) {
        boolean measured() {
            return role == Role.MEASURED;
        }

        String label() {
            return switch (role) {
                case PRIMER -> "primer";
                case MEASURED -> scenario.letter;
                case DISTURBED -> scenario.letter + " (disturbed, run again)";
            };
        }

        Result as(Role newRole) {
            return new Result(scenario, clients, newRole, window, tally, cpu, server, tenants);
        }

        double vouchersPerSecond() {
            return tally.vouchersMeasured / (window.toNanos() / 1e9);
        }

        /** Answers in the window other than 201, plus transport errors. */
        long nonCreatedMeasured() {
            long n = tally.statusesMeasured.entrySet().stream().filter(e -> e.getKey() != 201).mapToLong(e -> e.getValue()).sum();
            return n + tally.transportErrorsMeasured.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LedgerlineClient api;
    private final long appPid;
    private final long postgresPid;

    LoadLevel(LedgerlineClient api, long appPid, long postgresPid) {
        this.api = api;
        this.appPid = appPid;
        this.postgresPid = postgresPid;
    }

    /** {@code tenantOfClient.get(i)} is the company client i posts to; in scenario B they are all one. */
    Result run(Scenario scenario, List<BenchTenant> tenantOfClient, List<BenchTenant> tenants, Duration warmup, Duration measure,
               Role role) throws InterruptedException {
        int clients = tenantOfClient.size();
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        List<ClientTally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ClientTally tally = new ClientTally();
            tallies.add(tally);
            BenchTenant tenant = tenantOfClient.get(i);
            VoucherShapes shapes = new VoucherShapes(ThreadLocalRandom.current().nextLong(), tenant.postFrom(), tenant.postTo());
            threads.add(Thread.ofVirtual().name("client-" + scenario.letter + clients + "-" + i)
                    .start(() -> postUntil(tenant, shapes, tally, measureStart, measureEnd)));
        }

        sleepUntil(measureStart);
        CpuUse.Snapshot cpuBefore = CpuUse.snapshot(appPid, postgresPid);
        ServerMetrics serverBefore = metrics();
        sleepUntil(measureEnd);
        CpuUse.Snapshot cpuAfter = CpuUse.snapshot(appPid, postgresPid);
        ServerMetrics serverAfter = metrics();
        for (Thread t : threads) t.join();

        ClientTally total = new ClientTally();
        for (ClientTally tally : tallies) tally.mergeInto(total);
        return new Result(scenario, clients, role, measure, total, CpuUse.between(cpuBefore, cpuAfter, Runtime.getRuntime().availableProcessors()),
                serverAfter.since(serverBefore), tenants);
    }

    private ServerMetrics metrics() {
        try {
            return ServerMetrics.parse(api.metrics());
        } catch (IOException e) {
            return ServerMetrics.parse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerMetrics.parse("");
        }
    }

    private void postUntil(BenchTenant tenant, VoucherShapes shapes, ClientTally tally, long measureStart, long measureEnd) {
        try {
            while (System.nanoTime() < measureEnd) {
                postOne(tenant, shapes.next(), tally, measureStart, measureEnd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void postOne(BenchTenant tenant, VoucherShapes.Request voucher, ClientTally tally, long measureStart, long measureEnd)
            throws InterruptedException {
        long first = System.nanoTime();
        long giveUpAt = first + VOUCHER_BUDGET.toNanos();
        String path = tenant.path("/vouchers");
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) tally.retries++;
            LedgerlineClient.Reply reply;
            try {
                reply = api.post(path, tenant.token(), voucher.idempotencyKey(), voucher.json());
            } catch (IOException e) {
                long now = System.nanoTime();
                tally.transportError(e, now >= measureStart && now < measureEnd);
                if (attempt >= ATTEMPTS_MAX || now >= giveUpAt) {
                    tally.abandonedKeys.add(tenant.companyId() + "/" + voucher.idempotencyKey());
                    return;
                }
                Thread.sleep(RETRY_PAUSE);
                continue;
            }
            long done = System.nanoTime();
            boolean measured = done >= measureStart && done < measureEnd;
            tally.answer(reply.status(), measured);
            switch (reply.status()) {
                case 201 -> {
                    JsonNode body = reply.json();
                    tally.acks.add(new Ack(tenant.companyId(), voucher.idempotencyKey(), body.get("fiscalYear").asInt(), body.get("number").asInt(),
                            LedgerAudit.entries(body), voucher.json(), reply.replayed()));
                    if (measured) {
                        tally.vouchersMeasured++;
                        tally.voucherLatencyUs.recordValue(Math.min(ClientTally.LATENCY_US_MAX, (done - first) / 1_000));
                    }
                    return;
                }
                case 503 -> Thread.sleep(retryAfter(reply));
                case 409 -> Thread.sleep(RETRY_PAUSE);
                default -> {
                    tally.sample(reply + " for " + voucher.shape() + " " + voucher.json());
                    if (reply.status() < 500) {
                        tally.rejectedKeys.add(tenant.companyId() + "/" + voucher.idempotencyKey());
                        return;
                    }
                    // A 5xx left nothing behind (the idempotency record rolls back with it): the same key is safe to retry.
                    Thread.sleep(RETRY_PAUSE);
                }
            }
            if (attempt >= ATTEMPTS_MAX || System.nanoTime() >= giveUpAt) {
                tally.abandonedKeys.add(tenant.companyId() + "/" + voucher.idempotencyKey());
                return;
            }
        }
    }

    private static Duration retryAfter(LedgerlineClient.Reply reply) {
        try {
            long seconds = Long.parseLong(reply.retryAfter() == null ? "1" : reply.retryAfter().trim());
            return Duration.ofSeconds(Math.clamp(seconds, 0, RETRY_AFTER_MAX.toSeconds()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(Math.min(left, 1_000_000_000L)));
        }
    }
}
