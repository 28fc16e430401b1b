package dk.ledgerline.bench;

import dk.ledgerline.bench.ClientTally.Ack;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * After the load, checks through the public API that the ledgers hold exactly what the clients were
 * told: every 201 is a stored voucher with the same number and entries, nothing is stored twice or
 * without a 201, voucher numbers run 1, 2, 3… without a gap, a retried request returns its first
 * answer, and each trial balance sums to zero and matches the stored entries account by account.
 */
final class LedgerAudit {
    /** The API's largest page of vouchers. */
    static final int PAGE_SIZE = 200;
    /** Pages per company; at 200 a page this is a million vouchers, far past any run here. */
    static final int PAGES_MAX = 5_000;
    /** Acknowledged vouchers per company sent again to see that a retry returns the first answer. */
    static final int REPLAYS_PER_COMPANY = 3;
    /** Findings quoted per check; beyond this they are only counted. */
    static final int FINDINGS_QUOTED_MAX = 5;

    record Check(String name, boolean passed, String detail, List<String> findings) {}

    record Outcome(int companies, long stored, long acknowledged, long replayedAcks, List<Check> checks) {
        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    private record Stored(int fiscalYear, int number, String key, String entries) {}

    private final LedgerlineClient api;

    LedgerAudit(LedgerlineClient api) {
        this.api = api;
    }

    /** account:amount:vatCode per entry, in line order: what the client was told, to compare with what is stored. */
    static String entries(JsonNode voucher) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : voucher.get("entries")) {
            if (!out.isEmpty()) out.append(' ');
            JsonNode vat = e.get("vatCode");
            out.append(e.get("account").asInt()).append(':').append(e.get("amount").asString()).append(':')
                    .append(vat == null || vat.isNull() ? "-" : vat.asString());
        }
        return out.toString();
    }

    /** Sends some acknowledged requests again, same key and body, and one with the same key and a changed body. */
    Check replay(LoadLevel.Result level) throws IOException, InterruptedException {
        Map<Long, List<Ack>> byCompany = byCompany(level.tally().acks);
        List<String> findings = new ArrayList<>();
        int sent = 0;
        Ack changed = null;
        for (BenchTenant tenant : level.tenants()) {
            List<Ack> acks = new ArrayList<>(byCompany.getOrDefault(tenant.companyId(), List.of()));
            Collections.shuffle(acks);
            for (Ack ack : acks.subList(0, Math.min(REPLAYS_PER_COMPANY, acks.size()))) {
                sent++;
                var reply = api.post(tenant.path("/vouchers"), tenant.token(), ack.key(), ack.requestJson());
                if (reply.status() != 201 || !reply.replayed() || reply.json().get("number").asInt() != ack.number()) {
                    findings.add("retry of voucher " + ack.fiscalYear() + "/" + ack.number() + " (key " + ack.key() + ") answered " + reply);
                }
                changed = ack;
            }
        }
        String detail = sent + " acknowledged requests sent again with their key";
        if (changed != null) {
            long companyId = changed.companyId();
            BenchTenant tenant = level.tenants().stream().filter(t -> t.companyId() == companyId).findFirst().orElseThrow();
            String differentBody = changed.requestJson().replaceFirst("\"text\": \"", "\"text\": \"Changed ");
            var reply = api.post(tenant.path("/vouchers"), tenant.token(), changed.key(), differentBody);
            if (reply.status() != 422) findings.add("the same key with a changed text answered " + reply + "; expected 422");
            detail += "; 1 sent with its key and a changed text (expect 422)";
        }
        return new Check("a retried request returns its first answer", findings.isEmpty(), detail, quoted(findings));
    }

    Outcome audit(LoadLevel.Result level, Check replay) throws IOException, InterruptedException {
        Map<Long, List<Ack>> acksByCompany = byCompany(level.tally().acks);
        Set<String> rejected = new HashSet<>(level.tally().rejectedKeys);
        Set<String> abandoned = new HashSet<>(level.tally().abandonedKeys);
        List<String> unstored = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        List<String> unacknowledged = new ArrayList<>();
        List<String> unbalanced = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        long storedTotal = 0;
        long ackTotal = 0;
        long replayedAcks = 0;
        for (BenchTenant tenant : level.tenants()) {
            List<Stored> stored = listAll(tenant);
            storedTotal += stored.size();
            List<Ack> acks = acksByCompany.getOrDefault(tenant.companyId(), List.of());
            ackTotal += acks.size();
            replayedAcks += acks.stream().filter(Ack::replayed).count();

            Map<String, Stored> byKey = new HashMap<>();
            for (Stored s : stored) {
                if (s.key() == null) {
                    unacknowledged.add("company " + tenant.companyId() + ": voucher " + s.fiscalYear() + "/" + s.number() + " was not posted by this benchmark");
                } else if (byKey.putIfAbsent(s.key(), s) != null) {
                    twice.add("company " + tenant.companyId() + ": key " + s.key() + " is stored as " + byKey.get(s.key()).number() + " and " + s.number());
                }
            }
            for (Ack ack : acks) {
                Stored s = byKey.get(ack.key());
                if (s == null) {
                    unstored.add("company " + tenant.companyId() + ": 201 for voucher " + ack.fiscalYear() + "/" + ack.number() + " (key " + ack.key() + ") but nothing is stored");
                } else if (s.fiscalYear() != ack.fiscalYear() || s.number() != ack.number() || !s.entries().equals(ack.entries())) {
                    unstored.add("company " + tenant.companyId() + ": 201 said " + ack.fiscalYear() + "/" + ack.number() + " [" + ack.entries()
                            + "], stored is " + s.fiscalYear() + "/" + s.number() + " [" + s.entries() + "]");
                }
            }
            Set<String> acked = new HashSet<>();
            for (Ack ack : acks) acked.add(ack.key());
            for (Stored s : byKey.values()) {
                if (acked.contains(s.key())) continue;
                String id = tenant.companyId() + "/" + s.key();
                String why = rejected.contains(id) ? "its request was refused with a 4xx"
                        : abandoned.contains(id) ? "its client gave up after " + LoadLevel.ATTEMPTS_MAX + " failed attempts"
                        : "no 201 was received for it";
                unacknowledged.add("company " + tenant.companyId() + ": voucher " + s.fiscalYear() + "/" + s.number() + " (key " + s.key() + ") is stored but " + why);
            }
            gaps.addAll(gapsIn(tenant, stored));
            trialBalance(tenant, stored, unbalanced, mismatched);
        }
        List<Check> checks = List.of(
                new Check("every 201 is a stored voucher, with the number and entries it was told", unstored.isEmpty(),
                        ackTotal + " acknowledged, " + (ackTotal - unstored.size()) + " found as acknowledged", quoted(unstored)),
                new Check("nothing is posted twice", twice.isEmpty(),
                        storedTotal + " vouchers stored under " + (storedTotal - twice.size()) + " distinct idempotency keys", quoted(twice)),
                new Check("nothing is stored without a 201", unacknowledged.isEmpty(),
                        unacknowledged.size() + " stored vouchers without an acknowledgement", quoted(unacknowledged)),
                new Check("voucher numbers are gapless (1..n per company and fiscal year)", gaps.isEmpty(),
                        level.tenants().size() + " companies checked", quoted(gaps)),
                new Check("trial balance totals zero", unbalanced.isEmpty(),
                        level.tenants().size() + " trial balances read", quoted(unbalanced)),
                new Check("trial balance equals the stored entries, account by account", mismatched.isEmpty(),
                        "balances maintained on posting compared with the sum of the listed entries", quoted(mismatched)),
                replay);
        return new Outcome(level.tenants().size(), storedTotal, ackTotal, replayedAcks, checks);
    }

    private List<Stored> listAll(BenchTenant tenant) throws IOException, InterruptedException {
        List<Stored> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            String path = tenant.path("/vouchers?limit=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            JsonNode body = api.expect(200, api.get(path, tenant.token()), "listing vouchers of company " + tenant.companyId());
            for (JsonNode v : body.get("items")) {
                out.add(new Stored(v.get("fiscalYear").asInt(), v.get("number").asInt(), VoucherShapes.keyOf(v.get("text").asString()), entries(v)));
            }
            JsonNode next = body.get("next");
            if (next == null || next.isNull()) return out;
            cursor = next.asString();
        }
        throw new IllegalStateException("company " + tenant.companyId() + " has more than " + PAGES_MAX + " pages of vouchers");
    }

    private static List<String> gapsIn(BenchTenant tenant, List<Stored> stored) {
        Map<Integer, List<Integer>> numbersByYear = new TreeMap<>();
        for (Stored s : stored) numbersByYear.computeIfAbsent(s.fiscalYear(), y -> new ArrayList<>()).add(s.number());
        List<String> out = new ArrayList<>();
        numbersByYear.forEach((year, numbers) -> {
            Collections.sort(numbers);
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i + 1) {
                    out.add("company " + tenant.companyId() + " year " + year + ": expected voucher " + (i + 1) + ", found " + numbers.get(i)
                            + " (" + numbers.size() + " vouchers, highest " + numbers.getLast() + ")");
                    return;
                }
            }
        });
        return out;
    }

    private void trialBalance(BenchTenant tenant, List<Stored> stored, List<String> unbalanced, List<String> mismatched)
            throws IOException, InterruptedException {
        JsonNode report = api.expect(200, api.get(tenant.path("/reports/trial-balance"), tenant.token()), "trial balance of company " + tenant.companyId());
        JsonNode totals = report.get("totals");
        long debit = ore(totals.get("debit").asString());
        long credit = ore(totals.get("credit").asString());
        long balance = ore(totals.get("balance").asString());
        if (balance != 0 || debit + credit != 0 || !"0.00".equals(totals.get("balance").asString())) {
            unbalanced.add("company " + tenant.companyId() + ": totals " + totals);
        }
        Map<Integer, Long> fromEntries = new TreeMap<>();
        long debitFromEntries = 0;
        for (Stored s : stored) {
            for (String entry : s.entries().split(" ")) {
                String[] parts = entry.split(":");
                long amount = ore(parts[1]);
                fromEntries.merge(Integer.parseInt(parts[0]), amount, Long::sum);
                if (amount > 0) debitFromEntries += amount;
            }
        }
        Map<Integer, Long> fromReport = new TreeMap<>();
        for (JsonNode account : report.get("accounts")) {
            fromReport.put(account.get("number").asInt(), ore(account.get("balance").asString()));
        }
        Set<Integer> accounts = new TreeSet<>(fromEntries.keySet());
        accounts.addAll(fromReport.keySet());
        for (int account : accounts) {
            long expected = fromEntries.getOrDefault(account, 0L);
            long reported = fromReport.getOrDefault(account, 0L);
            if (expected != reported) {
                mismatched.add("company " + tenant.companyId() + " account " + account + ": trial balance " + VoucherShapes.amount(reported)
                        + ", entries sum to " + VoucherShapes.amount(expected));
            }
        }
        // Debit per account is summed per month and VAT code before it reaches the report, so compare totals, not lines.
        if (debit != debitFromEntries) {
            mismatched.add("company " + tenant.companyId() + ": trial balance debit " + VoucherShapes.amount(debit) + ", entries debit " + VoucherShapes.amount(debitFromEntries));
        }
    }

    private static long ore(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static Map<Long, List<Ack>> byCompany(List<Ack> acks) {
        Map<Long, List<Ack>> out = new HashMap<>();
        for (Ack ack : acks) out.computeIfAbsent(ack.companyId(), c -> new ArrayList<>()).add(ack);
        return out;
    }

    private static List<String> quoted(List<String> findings) {
        if (findings.size() <= FINDINGS_QUOTED_MAX) return List.copyOf(findings);
        List<String> out = new ArrayList<>(findings.subList(0, FINDINGS_QUOTED_MAX));
        out.add("… and " + (findings.size() - FINDINGS_QUOTED_MAX) + " more");
        return out;
    }
}
