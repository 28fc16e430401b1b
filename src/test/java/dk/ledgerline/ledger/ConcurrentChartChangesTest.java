package dk.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Hold;
import dk.ledgerline.testing.InProcessCompany;
import dk.ledgerline.testing.Tenant;
import dk.ledgerline.testing.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two requests changing the chart at once: the database's own rules decide, and no change is lost silently. */
class ConcurrentChartChangesTest {
    static final int ROUNDS = 15;

    @Test
    void ofTwoCreatesOfOneAccountNumberTheSecondIsAConflictAndTheFirstStays() throws Exception {
        Tenant t = Tenant.create("QUARTER");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int number = 90_000 + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Response>> creates = new ArrayList<>();
                for (String name : List.of("Første", "Anden")) {
                    creates.add(pool.submit(() -> {
                        start.await();
                        return t.api().post(t.path("/accounts"), "{\"number\": " + number + ", \"name\": \"" + name + "\", \"type\": \"EXPENSE\"}");
                    }));
                }
                start.countDown();
                Api.Response first = creates.get(0).get();
                Api.Response second = creates.get(1).get();
                Set<Integer> statuses = new TreeSet<>(List.of(first.status(), second.status()));
                assertThat(statuses).as("round " + round + ": " + first + " / " + second).containsExactly(201, 409);
                Api.Response won = first.status() == 201 ? first : second;
                Api.Response lost = first.status() == 201 ? second : first;
                assertThat(lost.header("Content-Type")).startsWith("application/problem+json");
                assertThat(lost.json().get("detail").asString()).contains("account " + number + " already exists");
                String stored = t.api().get(t.path("/accounts/" + number)).json().get("name").asString();
                assertThat(stored).as("round " + round + ": the account the 201 answered for").isEqualTo(won.json().get("name").asString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The import checks an account's postings before changing its type. A posting under way to that
     * account must either be seen by the check or wait for the import: never both commit, leaving a
     * posted account of another type than it was posted as.
     */
    @Test
    void anImportWaitsForAPostingUnderWayBeforeItChecksTheAccountsPostings() throws Exception {
        TestApp app = TestApp.get();
        Ledger ledger = app.bean(Ledger.class);
        UnitOfWork units = app.bean(UnitOfWork.class);
        InProcessCompany company = InProcessCompany.create("Race ApS");
        long userId = company.userId();
        long companyId = company.companyId();
        ledger.createAccount(companyId, new Account(5999, "Småanskaffelser", AccountType.EXPENSE, null, null));
        LocalDate date = ledger.fiscalYears(companyId).getFirst().start().plusDays(10);
        VoucherDraft purchase = VoucherDraft.inKroner(date, "Skruetrækker", List.of(
                new VoucherDraft.Line(5999, 29_900, null, ""), new VoucherDraft.Line(6480, -29_900, null, "")));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Hold<PostingOutcome> posting = Hold.start(hold -> units.write(() -> {
            PostingOutcome outcome = ledger.post(companyId, userId, purchase, "TEST");
            hold.here();
            return outcome;
        }))) {
            Future<Object> importing = pool.submit(() -> {
                try {
                    return ledger.importChart(companyId, "5999;Småanskaffelser;ASSET;;\n");
                } catch (ProblemException refused) {
                    return refused;
                }
            });
            Thread.sleep(300);
            assertThat(importing.isDone()).as("the import went ahead while a posting to the account was under way").isFalse();

            assertThat(posting.release()).isInstanceOf(PostingOutcome.Posted.class);
            Object imported = importing.get(10, TimeUnit.SECONDS);
            assertThat(imported).isInstanceOfSatisfying(ProblemException.class, refused ->
                    assertThat(refused.errors()).extracting(ProblemException.FieldError::message).containsExactly("has postings, so its type stays EXPENSE"));
            assertThat(ledger.account(companyId, 5999).orElseThrow().type()).isEqualTo(AccountType.EXPENSE);
        } finally {
            pool.shutdownNow();
        }
    }
}
