package io.infometis.streams.generator;

import io.infometis.streams.events.CustomerTier;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/** The users and their cards, and the bookkeeping that keeps background payments from looking like card testing. */
final class Population {

    /**
     * Background cards never fail twice within this span. Card testing needs 3 failures within 10 minutes; the
     * extra minute covers the event-time jitter.
     */
    static final long FAILURE_SPACING_MS = Duration.ofMinutes(11).toMillis();

    private final List<Shopper> shoppers;
    /** Running sum of activity weights: a few users are much busier than most, as in real shops. */
    private final double[] cumulativeActivity;
    private final Set<String> issuedCards = new HashSet<>();
    private final Map<String, NavigableSet<Long>> failures = new HashMap<>();
    private final Seeded random;

    Population(GeneratorSettings settings, Seeded random, long startMillis) {
        this.random = random;
        int width = Math.max(5, String.valueOf(settings.users()).length());
        LocalDate startDay = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(startMillis), ZoneOffset.UTC);
        List<Shopper> list = new ArrayList<>(settings.users());
        for (int i = 1; i <= settings.users(); i++) {
            String userId = String.format("user-%0" + width + "d", i);
            Market.HomeCountry home = random.pick(Market.HOME_COUNTRIES);
            String ip = home.ipPrefix() + "." + random.between(0, 255) + "." + random.between(1, 254);
            List<String> devices = new ArrayList<>();
            int deviceCount = random.between(1, 2);
            for (int d = 0; d < deviceCount; d++) {
                devices.add("dev-" + random.hex(12));
            }
            LocalDate signup = startDay.minusDays(random.between(30, 2000));
            String segment = random.chance(0.15) ? "business" : "consumer";
            String email = userId.replace("-", "") + "@example.com";
            boolean late = random.fraction() < settings.lateProfileFraction();
            list.add(new Shopper(userId, home, ip, devices, signup, segment, email, late, randomTier()));
        }
        this.shoppers = List.copyOf(list);
        this.cumulativeActivity = new double[shoppers.size()];
        double sum = 0;
        for (int i = 0; i < shoppers.size(); i++) {
            double u = random.fraction();
            sum += 1 + 9 * u * u * u;
            cumulativeActivity[i] = sum;
        }
        // Every user has a card; the rest are handed out at random (some users have several).
        for (int c = 0; c < settings.cards(); c++) {
            Shopper owner = c < shoppers.size() ? shoppers.get(c) : random.pick(shoppers);
            owner.cards.add(freshCard());
        }
    }

    List<Shopper> shoppers() {
        return shoppers;
    }

    /**
     * A user free for background traffic at {@code time}, picked by activity weight (1 to 10), or null if every
     * user is reserved.
     */
    Shopper randomAvailable(long time) {
        double total = cumulativeActivity[cumulativeActivity.length - 1];
        for (int attempt = 0; attempt < 32; attempt++) {
            int i = java.util.Arrays.binarySearch(cumulativeActivity, random.fraction() * total);
            Shopper s = shoppers.get(Math.min(shoppers.size() - 1, i >= 0 ? i : -i - 1));
            if (s.availableAt(time)) {
                return s;
            }
        }
        int offset = random.index(shoppers.size());
        for (int i = 0; i < shoppers.size(); i++) {
            Shopper s = shoppers.get((offset + i) % shoppers.size());
            if (s.availableAt(time)) {
                return s;
            }
        }
        return null;
    }

    /** A card fingerprint never handed out before in this run. */
    String freshCard() {
        String card;
        do {
            card = "fp_" + random.hex(16);
        } while (!issuedCards.add(card));
        return card;
    }

    /** True when a background payment on {@code card} may fail at {@code time}: no other failure close by. */
    boolean mayFail(String card, long time) {
        NavigableSet<Long> times = failures.get(card);
        if (times == null) {
            return true;
        }
        Long before = times.floor(time);
        Long after = times.ceiling(time);
        return (before == null || time - before >= FAILURE_SPACING_MS)
                && (after == null || after - time >= FAILURE_SPACING_MS);
    }

    void recordFailure(String card, long time) {
        failures.computeIfAbsent(card, c -> new TreeSet<>()).add(time);
    }

    private CustomerTier randomTier() {
        double r = random.fraction();
        if (r < 0.5) {
            return CustomerTier.BRONZE;
        } else if (r < 0.8) {
            return CustomerTier.SILVER;
        } else if (r < 0.95) {
            return CustomerTier.GOLD;
        }
        return CustomerTier.PLATINUM;
    }
}
