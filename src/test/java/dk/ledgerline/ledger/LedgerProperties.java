package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.testing.TestApp;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatAccounts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stateful properties of the ledger on a real PostgreSQL. Random sequences of bookkeeping run
 * through the real facades, each sequence in a company of its own: valid vouchers in DKK, EUR, USD
 * and SEK with every VAT code, vouchers spoiled by one planted defect, vouchers posted together,
 * reversals (also of a voucher already reversed), period locks, postings into locked periods and
 * on the years' edges, and VAT settlements of quarters that have ended by the application's clock.
 * A model kept by the test says what each command must answer; a refusal must name the planted
 * reason and nothing else.
 *
 * <p>After every command: the trial balance is zero over the years and over partial ranges, the
 * monthly balances are the sums of the entries, voucher numbers run 1..n in each fiscal year,
 * vouchers and reversal links are the model's, a settled quarter leaves nothing on the VAT
 * accounts and its filed return is what the entries say, and a refused command changed nothing.
 *
 * <p>A case is one command checked, not one sequence (see {@link #CASES_DEFAULT}): the default run
 * checks at least 1 000 commands in some 150 sequences of up to {@value #SEQUENCE_LENGTH_MAX}.
 *
 * <p>QuickTheories generates and shrinks the sequences; then commands are dropped while the
 * failure stays. A failure prints its seed, and the same seed replays the same cases:
 * {@code mvn test -Dtest=LedgerProperties -Dledgerline.properties.seed=SEED}. A long run raises
 * the number of cases, some 15 s per thousand:
 * {@code mvn test -Dtest=LedgerProperties -Dledgerline.properties.cases=20000}.
 */
class LedgerProperties {
    static final String CASES_PROPERTY = "ledgerline.properties.cases";
    static final String SEED_PROPERTY = "ledgerline.properties.seed";
    /**
     * Cases of a default run. A case is one command checked, not one sequence: a new company costs
     * some 25 ms of set-up (its chart of accounts), so 1 000 sequences would take minutes; 1 000
     * commands in some 150 sequences take seconds.
     */
    static final int CASES_DEFAULT = 1_000;
    /** Long enough for postings, a lock, a posting into it and a settlement to meet; short enough to read when shrunk. */
    static final int SEQUENCE_LENGTH_MAX = 12;
    /**
     * Each shrinking attempt replays a whole sequence against the database (some 50 ms); 200 give
     * QuickTheories room to cut a sequence to its core and bound a failing run to seconds, not hours.
     */
    static final int SHRINK_ATTEMPTS_MAX = 200;
    /** Each pass tries every command once; a sequence of 12 needs a few at most. */
    static final int DROPPING_PASSES_MAX = 3;

    private static LedgerCase.App app;

    @BeforeAll
    static void oneUserForAllCases() {
        TestApp testApp = TestApp.get();
        Ledger ledger = testApp.bean(Ledger.class);
        Identity identity = testApp.bean(Identity.class);
        LedgerInvariants invariants = new LedgerInvariants(ledger, testApp.bean(TenantTransactions.class), testApp.bean(JdbcClient.class), VatAccounts.STANDARD);
        long userId = identity.register("egenskab-" + UUID.randomUUID() + "@example.dk", "property password", "Egenskab").id();
        app = new LedgerCase.App(ledger, testApp.bean(Vat.class), identity, invariants, testApp.bean(Clock.class), userId);
    }

    @Test
    void theAccountsPlantedAsUnknownAreNotInTheDefaultChart() {
        long companyId = app.identity().createCompany(app.userId(), "Kontoplan ApS", LedgerCase.CVR, VatPeriodType.QUARTER, 1).id();
        List<Integer> chart = app.ledger().accounts(companyId).stream().map(Account::number).toList();
        assertThat(chart).isNotEmpty().doesNotContainAnyElementsOf(PlantedDefect.ACCOUNTS_NOT_IN_CHART);
        assertThat(chart).containsAll(LedgerCommands.ACCOUNTS).containsAll(VatAccounts.STANDARD.vatHolding());
    }

    @Test
    void anySequenceOfBookkeepingKeepsTheLedgerConsistentAndIsRefusedOnlyForThePlantedReason() {
        long seed = seed();
        int cases = Integer.getInteger(CASES_PROPERTY, CASES_DEFAULT);
        List<PlantedDefect> defects = List.of(PlantedDefect.values());
        AtomicLong checked = new AtomicLong();
        AtomicLong sequences = new AtomicLong();
        AtomicReference<List<LedgerCommand>> smallestFailing = new AtomicReference<>();
        long started = System.nanoTime();
        System.out.printf("LedgerProperties: %d cases, seed %d, planting %s%n", cases, seed, defects);
        try {
            // every sequence checks at least one command, so this many examples always reach the cases
            qt().withFixedSeed(seed).withExamples(cases).withShrinkCycles(SHRINK_ATTEMPTS_MAX)
                    .forAll(LedgerCommands.sequences(defects, SEQUENCE_LENGTH_MAX))
                    .checkAssert(sequence -> {
                        // once enough commands passed, the remaining examples are let through unrun; never while shrinking
                        if (checked.get() >= cases && smallestFailing.get() == null) return;
                        try {
                            checked.addAndGet(LedgerCase.open(app).run(sequence));
                            sequences.incrementAndGet();
                        } catch (AssertionError | RuntimeException failure) {
                            // QuickTheories tries smaller values only, so the last sequence to fail is the smallest
                            smallestFailing.set(sequence);
                            throw failure;
                        }
                    });
        } catch (AssertionError falsified) {
            String replay = "-D" + SEED_PROPERTY + "=" + seed;
            throw new AssertionError("LedgerProperties failed with seed " + seed + "; replay it with " + replay + "\n"
                    + shortest(smallestFailing.get()) + "\n\nAs QuickTheories reports it:\n" + falsified.getMessage(), falsified);
        }
        System.out.printf("LedgerProperties: %d commands checked in %d sequences, %d s%n", checked.get(), sequences.get(), (System.nanoTime() - started) / 1_000_000_000);
        assertThat(checked.get()).as("commands checked").isGreaterThanOrEqualTo(cases);
    }

    /**
     * QuickTheories shrinks the values drawn; it seldom draws the one that shortens a long list.
     * Dropping each command in turn while the failure stays leaves the few that matter: the model
     * resolves every command when it runs, so any shorter sequence still means something.
     */
    private static String shortest(List<LedgerCommand> failing) {
        if (failing == null) return "";
        List<LedgerCommand> shortest = failing;
        String failure = failure(shortest);
        boolean dropped = true;
        for (int pass = 0; dropped && pass < DROPPING_PASSES_MAX; pass++) {
            dropped = false;
            for (int i = shortest.size() - 1; i >= 0 && shortest.size() > 1; i--) {
                List<LedgerCommand> without = new ArrayList<>(shortest);
                without.remove(i);
                String stillFailing = failure(without);
                if (stillFailing != null) {
                    shortest = List.copyOf(without);
                    failure = stillFailing;
                    dropped = true;
                }
            }
        }
        StringBuilder story = new StringBuilder("Shortest failing sequence found, " + shortest.size() + " of " + failing.size() + " commands:");
        for (LedgerCommand command : shortest) story.append("\n  ").append(command);
        return story.append("\nwhich fails with:\n").append(failure).toString();
    }

    /** The failure of one run of {@code commands} in a new company, or null when it passes. */
    private static String failure(List<LedgerCommand> commands) {
        try {
            LedgerCase.open(app).run(commands);
            return null;
        } catch (AssertionError | RuntimeException failure) {
            return failure.getMessage();
        }
    }

    /** The seed to replay, or a new one; never 0, which QuickTheories' generator cannot use. */
    private static long seed() {
        Long replay = Long.getLong(SEED_PROPERTY);
        if (replay != null) return replay;
        long seed;
        do seed = new SecureRandom().nextLong(); while (seed == 0);
        return seed;
    }
}
