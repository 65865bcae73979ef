package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.fraud.patterns.UserActivity;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Seeded event mixes for the CEP benchmarks: mostly background traffic over many keys, with complete fraud
 * sequences woven in so the patterns really match (not only start and discard partial matches).
 */
final class CepEventMixes {

    static final int EVENTS = 1 << 16;
    static final int KEYS = 10_000;
    /** One complete sequence starts every this many events. */
    static final int SEQUENCE_EVERY = 500;
    /** Events between two steps of one sequence (other keys' events in between). */
    static final int STEP_GAP = 10;

    private CepEventMixes() {}

    /**
     * The harness's synthetic payments over {@link #KEYS} cards (1 in 20 FAILED, the rest AUTHORIZED) with a
     * card-testing run every {@link #SEQUENCE_EVERY} events: 3 to 5 failures in a row on a card of its own, then an
     * authorization. The run's steps are {@link #STEP_GAP} events apart.
     */
    static Payment[] payments(long seed) {
        SyntheticEvents synthetic = new SyntheticEvents(seed, KEYS, KEYS, Instant.parse("2026-01-01T00:00:00Z"));
        SplittableRandom random = new SplittableRandom(seed);
        Payment[] payments = new Payment[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            payments[i] = synthetic.nextPayment();
        }
        int runs = 0;
        for (int start = 0; start + 6 * STEP_GAP < EVENTS; start += SEQUENCE_EVERY, runs++) {
            String card = "card-tested-" + runs;
            int failures = 3 + random.nextInt(3);
            for (int step = 0; step <= failures; step++) {
                int at = start + step * STEP_GAP;
                payments[at] = Payment.newBuilder(payments[at]).setCardFingerprint(card)
                        .setStatus(step < failures ? PaymentStatus.FAILED : PaymentStatus.AUTHORIZED)
                        .setFailureReason(step < failures ? "CARD_DECLINED" : null).build();
            }
        }
        return payments;
    }

    /**
     * What reaches the account-takeover pattern after the job's known-countries and large-order steps, over
     * {@link #KEYS} users: mostly large orders (98%), some credential changes (1.5%), a few new-country logins (0.5%), and a complete
     * takeover (login, change, order on a user of its own) every {@link #SEQUENCE_EVERY} events.
     */
    static UserActivity[] userActivity(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        UserActivity[] activity = new UserActivity[EVENTS];
        long t = CepOperatorRun.START_MILLIS;
        for (int i = 0; i < EVENTS; i++) {
            int roll = random.nextInt(1000);
            UserActivity.Kind kind = roll < 5 ? UserActivity.Kind.NEW_COUNTRY_LOGIN
                    : roll < 20 ? UserActivity.Kind.CREDENTIAL_CHANGE : UserActivity.Kind.LARGE_ORDER;
            activity[i] = activity("u-" + random.nextInt(KEYS), "ua-" + i, t + i, kind);
        }
        int takeovers = 0;
        for (int start = 0; start + 3 * STEP_GAP < EVENTS; start += SEQUENCE_EVERY, takeovers++) {
            String user = "u-taken-over-" + takeovers;
            UserActivity.Kind[] steps = UserActivity.Kind.values(); // login, change, order: the pattern's order
            for (int step = 0; step < steps.length; step++) {
                int at = start + step * STEP_GAP;
                activity[at] = activity(user, "ua-" + at, t + at, steps[step]);
            }
        }
        return activity;
    }

    private static UserActivity activity(String user, String eventId, long time, UserActivity.Kind kind) {
        String detail = switch (kind) {
            case NEW_COUNTRY_LOGIN -> "BR";
            case CREDENTIAL_CHANGE -> "PASSWORD_CHANGED";
            case LARGE_ORDER -> "o-" + eventId;
        };
        UserActivity a = UserActivity.of(user, eventId, time, kind, detail);
        if (kind == UserActivity.Kind.LARGE_ORDER) {
            a.amount = 75_000;
            a.currency = "EUR";
        }
        return a;
    }
}
