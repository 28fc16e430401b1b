package dk.ledgerline.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.PostingOutcome;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.testing.Hold;
import dk.ledgerline.testing.InProcessCompany;
import dk.ledgerline.testing.TestApp;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group commit: units of one company that arrive together share a transaction and a commit, and
 * each one's writes stay or go alone. The leader is held inside its turn so that the others line up
 * behind it; then they run one after the other in that transaction and commit together.
 */
class GroupCommitTest {
    static UnitOfWork units;
    static GroupCommit groups;
    static TenantTransactions tenants;
    static Ledger ledger;
    static JdbcClient jdbc;
    static long userId;
    static long companyId;
    static final ExecutorService members = Executors.newCachedThreadPool();
    static final List<VoucherDraft.Line> RENT = List.of(new VoucherDraft.Line(2030, 1_500_000, "I25", ""), new VoucherDraft.Line(6480, -1_500_000, null, ""));

    @BeforeAll
    static void aCompanyWithALockedJanuary() {
        TestApp app = TestApp.get();
        units = app.bean(UnitOfWork.class);
        groups = app.bean(GroupCommit.class);
        tenants = app.bean(TenantTransactions.class);
        ledger = app.bean(Ledger.class);
        jdbc = app.bean(JdbcClient.class);
        InProcessCompany company = InProcessCompany.create("Gruppe ApS");
        userId = company.userId();
        companyId = company.companyId();
        ledger.lock(companyId, userId, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "test");
    }

    @AfterAll
    static void stopMembers() {
        members.shutdownNow();
    }

    /** What a member saw: its voucher (if any) and the transaction it ran in. */
    record Seen(Voucher voucher, long transaction) {}

    @Test
    void aRejectedOrFailedMemberTakesNoOtherMemberWithItAndTheRestCommitTogether() throws Exception {
        String run = UUID.randomUUID().toString();
        int firstNumber = nextNumber();
        long groupsBefore = groups.groupsCommitted();

        try (Hold<Seen> leader = Hold.start(hold -> grouped(() -> {
            Seen seen = post("Leder " + run);
            hold.here();
            return seen;
        }))) {
            Future<Seen> failing = join(() -> {
                post("Fejler " + run);
                throw new ProblemException(422, "Refused", "the member refuses after it wrote");
            });
            Future<Seen> inLockedJanuary = join(() -> {
                PostingOutcome refused = ledger.post(companyId, userId, VoucherDraft.inKroner(LocalDate.of(2026, 1, 15), "Januar " + run, RENT), "TEST");
                assertThat(refused).isInstanceOf(PostingOutcome.Rejected.class);
                return new Seen(null, transaction());
            });
            Future<Seen> discarded = join(() -> {
                Seen seen = post("Kasseret " + run);
                units.discard();
                return seen;
            });
            Future<Seen> valid = join(() -> post("Gyldig " + run));
            awaitJoined(5);

            Seen led = leader.release();
            Seen stayed = valid.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProblemException.class);
            inLockedJanuary.get(10, TimeUnit.SECONDS);
            discarded.get(10, TimeUnit.SECONDS);

            assertThat(stayed.transaction()).as("the valid member ran in the leader's transaction").isEqualTo(led.transaction());
            assertThat(List.of(led.voucher().number(), stayed.voucher().number()))
                    .as("the numbers the undone members took were given back: no gap").containsExactlyInAnyOrder(firstNumber, firstNumber + 1);
        }
        assertThat(groups.groupsCommitted() - groupsBefore).as("one commit for all five").isEqualTo(1);
        assertThat(textsLike(run)).containsExactlyInAnyOrder("Leder " + run, "Gyldig " + run);
        assertThat(nextNumber()).isEqualTo(firstNumber + 2);
    }

    @Test
    void aLeaderWhoseWorkIsUndoneStillCommitsTheMembersBehindIt() throws Exception {
        String run = UUID.randomUUID().toString();
        int firstNumber = nextNumber();
        try (Hold<Seen> leader = Hold.start(hold -> grouped(() -> {
            Seen seen = post("Leder " + run);
            hold.here();
            units.discard();
            return seen;
        }))) {
            Future<Seen> valid = join(() -> post("Gyldig " + run));
            awaitJoined(2);
            leader.release();
            assertThat(valid.get(10, TimeUnit.SECONDS).voucher().number()).as("the number the leader gave back").isEqualTo(firstNumber);
        }
        assertThat(textsLike(run)).containsExactly("Gyldig " + run);
    }

    @Test
    void whenTheGroupsConnectionDiesEveryMemberRunsAgainAndPostsOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        AtomicInteger killerRuns = new AtomicInteger();

        List<Future<Seen>> others = new ArrayList<>();
        try (Hold<Seen> leader = Hold.start(hold -> grouped(() -> {
            Seen seen = post("Leder " + run);
            if (killerRuns.get() == 0) hold.here(); // only the first run holds; its rerun goes straight through
            return seen;
        }))) {
            for (int i = 0; i < 3; i++) {
                int member = i;
                others.add(join(() -> post("Medlem " + member + " " + run)));
            }
            others.add(join(() -> {
                Seen seen = post("Morder " + run);
                if (killerRuns.getAndIncrement() == 0) {
                    // the database loses this session mid-group, as in a failover
                    jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query(Boolean.class).optional();
                }
                return seen;
            }));
            awaitJoined(5);
            leader.release();
            for (Future<Seen> other : others) other.get(20, TimeUnit.SECONDS);
        }
        assertThat(textsLike(run)).as("each posted exactly once").containsExactlyInAnyOrder(
                "Leder " + run, "Medlem 0 " + run, "Medlem 1 " + run, "Medlem 2 " + run, "Morder " + run);
        assertThat(killerRuns).hasValue(2);
    }

    @Test
    void aMemberThatLosesARaceRunsAgainAloneWhileTheOthersCommit() throws Exception {
        String run = UUID.randomUUID().toString();
        AtomicInteger runs = new AtomicInteger();
        try (Hold<Seen> leader = Hold.start(hold -> grouped(() -> {
            Seen seen = post("Leder " + run);
            hold.here();
            return seen;
        }))) {
            Future<Seen> loser = join(() -> {
                Seen seen = post("Taber " + run);
                if (runs.incrementAndGet() == 1) throw new CannotAcquireLockException("deadlock detected", new SQLException("deadlock detected", "40P01"));
                return seen;
            });
            awaitJoined(2);
            Seen led = leader.release();
            Seen second = loser.get(10, TimeUnit.SECONDS);
            assertThat(second.transaction()).as("its rerun was a transaction of its own").isNotEqualTo(led.transaction());
        }
        assertThat(runs).hasValue(2);
        assertThat(textsLike(run)).containsExactlyInAnyOrder("Leder " + run, "Taber " + run);
    }

    private static <T> T grouped(Supplier<T> work) {
        return units.writeIdempotentGrouped(companyId, work);
    }

    private static Future<Seen> join(Supplier<Seen> work) {
        return members.submit(() -> grouped(work));
    }

    private static Seen post(String text) {
        PostingOutcome outcome = ledger.post(companyId, userId, VoucherDraft.inKroner(LocalDate.of(2026, 5, 1), text, RENT), "TEST");
        return new Seen(((PostingOutcome.Posted) outcome).single(), transaction());
    }

    private static long transaction() {
        return jdbc.sql("select txid_current()").query(Long.class).single();
    }

    private static void awaitJoined(int members) throws InterruptedException {
        for (int i = 0; i < 200 && groups.joinedOpenGroup(companyId) < members; i++) Thread.sleep(10);
        assertThat(groups.joinedOpenGroup(companyId)).as("members lined up behind the held leader").isEqualTo(members);
    }

    private static int nextNumber() {
        return tenants.readInCompany(companyId, () -> jdbc.sql("select next_voucher_number from fiscal_years where company_id = ? and start_date = ?")
                .params(companyId, LocalDate.of(2026, 1, 1)).query(Integer.class).single());
    }

    private static List<String> textsLike(String run) {
        return tenants.readInCompany(companyId, () -> jdbc.sql("select text from vouchers where company_id = ? and text like ?")
                .params(companyId, "% " + run).query(String.class).list());
    }
}
