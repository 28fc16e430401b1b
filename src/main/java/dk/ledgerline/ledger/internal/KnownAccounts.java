package dk.ledgerline.ledger.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dk.ledgerline.shared.UnitOfWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The account numbers each company is known to have, so that a posting need not ask the database
 * which of its accounts exist. Accounts are never deleted, so what is known stays true; a number
 * not known yet is asked for (it may have been created on another node since) and then known.
 * If accounts ever become deletable, deleting one must forget its company here.
 */
@Component
class KnownAccounts {
    /** Numbers kept, over all companies: 4 bytes each, so this bounds the memory to about 20 MB. */
    static final int NUMBERS_KEPT_MAX = 5_000_000;

    private final UnitOfWork units;
    private final Cache<Long, int[]> numbersByCompany = Caffeine.newBuilder()
            .maximumWeight(NUMBERS_KEPT_MAX)
            .weigher((Long company, int[] numbers) -> Math.max(1, numbers.length))
            .build();

    KnownAccounts(UnitOfWork units) {
        this.units = units;
    }

    /**
     * Which of {@code numbers} the company has; {@code load} reads from the database the ones given,
     * or all when given null. What it reads is remembered once the caller's unit has committed, so a
     * number seen only inside a transaction that then rolled back is never taken as known.
     */
    Set<Integer> existing(long companyId, Collection<Integer> numbers, Loader load) {
        int[] remembered = numbersByCompany.getIfPresent(companyId);
        int[] known = remembered != null ? remembered : sorted(load.numbers(null));
        if (remembered == null) units.afterCommit(() -> numbersByCompany.asMap().merge(companyId, known, KnownAccounts::union));
        Set<Integer> found = new HashSet<>();
        List<Integer> unknown = new ArrayList<>();
        for (Integer n : numbers) {
            if (Arrays.binarySearch(known, n) >= 0) found.add(n);
            else unknown.add(n);
        }
        if (!unknown.isEmpty()) {
            List<Integer> created = load.numbers(unknown);
            if (!created.isEmpty()) {
                found.addAll(created);
                int[] learned = sorted(created);
                units.afterCommit(() -> numbersByCompany.asMap().merge(companyId, learned, KnownAccounts::union));
            }
        }
        return found;
    }

    @FunctionalInterface
    interface Loader {
        List<Integer> numbers(Collection<Integer> only);
    }

    private static int[] sorted(List<Integer> numbers) {
        return numbers.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    private static int[] union(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }
}
