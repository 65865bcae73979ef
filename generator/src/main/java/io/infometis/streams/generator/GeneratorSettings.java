package io.infometis.streams.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that shapes a run. Same settings (and seed) = same records, same ids, same ground truth.
 * Build with {@link #builder()}; every setter checks its argument and {@link Builder#build()} checks the whole,
 * with messages of the form {@code <setting>: expected <form>, got <value>}.
 */
public final class GeneratorSettings {

    /** Default start of simulated event time: a fixed instant, so default runs are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration DEFAULT_TAIL = Duration.ofMinutes(20);
    public static final long DEFAULT_ATO_MIN_AMOUNT = 50_000L;

    private final long seed;
    private final int users;
    private final int cards;
    private final Long count;
    private final Duration duration;
    private final ClockMode clock;
    private final Instant start;
    private final double eventRate;
    private final Map<ScenarioKind, Long> scenarioEvery;
    private final Map<BadRecordKind, Long> badRecordEvery;
    private final Duration tail;
    private final long atoMinAmount;
    private final double lateProfileFraction;

    private GeneratorSettings(Builder b) {
        this.seed = b.seed;
        this.users = b.users;
        this.cards = b.cards;
        this.count = b.count;
        this.duration = b.duration;
        this.clock = b.clock;
        this.start = b.start;
        this.eventRate = b.eventRate;
        this.scenarioEvery = Collections.unmodifiableMap(new EnumMap<>(b.scenarioEvery));
        this.badRecordEvery = Collections.unmodifiableMap(new EnumMap<>(b.badRecordEvery));
        this.tail = b.tail;
        this.atoMinAmount = b.atoMinAmount;
        this.lateProfileFraction = b.lateProfileFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    public int users() {
        return users;
    }

    /** Background cards in total; every user has at least one. */
    public int cards() {
        return cards;
    }

    /** The main phase ends after this many background events; empty when {@link #duration()} is set. */
    public Optional<Long> count() {
        return Optional.ofNullable(count);
    }

    /** The main phase lasts this long in event time; empty when {@link #count()} is set. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public ClockMode clock() {
        return clock;
    }

    /** First event time of a {@link ClockMode#SIMULATED} run (a LIVE run starts now). */
    public Instant start() {
        return start;
    }

    /** Background events per second of event time. */
    public double eventRate() {
        return eventRate;
    }

    /** Every how many background events a scenario of this kind is injected; 0 = never. */
    public long every(ScenarioKind kind) {
        return scenarioEvery.get(kind);
    }

    /** Every how many background events a bad record of this kind is injected; 0 = never. */
    public long every(BadRecordKind kind) {
        return badRecordEvery.get(kind);
    }

    /** Event-time span of background traffic after the main phase and the last scenario event. */
    public Duration tail() {
        return tail;
    }

    /** An account-takeover order's amount is above this (minor units). */
    public long atoMinAmount() {
        return atoMinAmount;
    }

    /** Share of users whose customers profile arrives only after their first order. */
    public double lateProfileFraction() {
        return lateProfileFraction;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.users = users;
        b.cards = cards;
        b.count = count;
        b.duration = duration;
        b.clock = clock;
        b.start = start;
        b.eventRate = eventRate;
        b.scenarioEvery.putAll(scenarioEvery);
        b.badRecordEvery.putAll(badRecordEvery);
        b.tail = tail;
        b.atoMinAmount = atoMinAmount;
        b.lateProfileFraction = lateProfileFraction;
        return b;
    }

    @Override
    public String toString() {
        return "GeneratorSettings{seed=" + seed + ", users=" + users + ", cards=" + cards
                + ", count=" + count + ", duration=" + duration + ", clock=" + clock + ", start=" + start
                + ", eventRate=" + eventRate + ", scenarioEvery=" + scenarioEvery
                + ", badRecordEvery=" + badRecordEvery + ", tail=" + tail + ", atoMinAmount=" + atoMinAmount
                + ", lateProfileFraction=" + lateProfileFraction + "}";
    }

    public static final class Builder {
        private long seed = 42L;
        private int users = 1000;
        private int cards = 1500;
        private Long count;
        private Duration duration;
        private ClockMode clock = ClockMode.SIMULATED;
        private Instant start = DEFAULT_START;
        private double eventRate = 10.0;
        private final Map<ScenarioKind, Long> scenarioEvery = new EnumMap<>(ScenarioKind.class);
        private final Map<BadRecordKind, Long> badRecordEvery = new EnumMap<>(BadRecordKind.class);
        private Duration tail = DEFAULT_TAIL;
        private long atoMinAmount = DEFAULT_ATO_MIN_AMOUNT;
        private double lateProfileFraction = 0.1;

        private Builder() {
            scenarioEvery.put(ScenarioKind.CARD_TESTING, 400L);
            scenarioEvery.put(ScenarioKind.ACCOUNT_TAKEOVER, 600L);
            scenarioEvery.put(ScenarioKind.UNPAID_ORDER, 300L);
            for (BadRecordKind kind : BadRecordKind.values()) {
                badRecordEvery.put(kind, 1000L);
            }
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder users(int users) {
            require(users >= 1, "users", "an integer >= 1", users);
            this.users = users;
            return this;
        }

        public Builder cards(int cards) {
            require(cards >= 1, "cards", "an integer >= 1", cards);
            this.cards = cards;
            return this;
        }

        /** Ends the main phase after this many background events (clears any duration). */
        public Builder count(long count) {
            require(count >= 1, "count", "an integer >= 1", count);
            this.count = count;
            this.duration = null;
            return this;
        }

        /** Ends the main phase after this span of event time (clears any count). */
        public Builder duration(Duration duration) {
            require(duration != null && !duration.isNegative() && !duration.isZero(), "duration",
                    "a positive duration such as '10 min'", duration);
            this.duration = duration;
            this.count = null;
            return this;
        }

        public Builder clock(ClockMode clock) {
            require(clock != null, "clock", "SIMULATED or LIVE", clock);
            this.clock = clock;
            return this;
        }

        public Builder start(Instant start) {
            require(start != null, "start", "an instant such as 2026-01-01T00:00:00Z", start);
            this.start = start;
            return this;
        }

        public Builder eventRate(double eventsPerSecond) {
            require(eventsPerSecond > 0 && eventsPerSecond <= 1_000_000 && !Double.isNaN(eventsPerSecond),
                    "eventRate", "background events per second of event time, > 0 and <= 1000000",
                    eventsPerSecond);
            this.eventRate = eventsPerSecond;
            return this;
        }

        /** Injects a scenario of this kind every {@code backgroundEvents} background events; 0 turns it off. */
        public Builder every(ScenarioKind kind, long backgroundEvents) {
            require(kind != null, "scenario kind", "one of " + List.of(ScenarioKind.values()), kind);
            require(backgroundEvents >= 0, everyName(kind), "an integer >= 0 (0 = off)", backgroundEvents);
            scenarioEvery.put(kind, backgroundEvents);
            return this;
        }

        /** Injects a bad record of this kind every {@code backgroundEvents} background events; 0 turns it off. */
        public Builder every(BadRecordKind kind, long backgroundEvents) {
            require(kind != null, "bad record kind", "one of " + List.of(BadRecordKind.values()), kind);
            require(backgroundEvents >= 0, everyName(kind), "an integer >= 0 (0 = off)", backgroundEvents);
            badRecordEvery.put(kind, backgroundEvents);
            return this;
        }

        /** Turns every scenario and bad record off: background traffic only. */
        public Builder backgroundOnly() {
            scenarioEvery.replaceAll((k, v) -> 0L);
            badRecordEvery.replaceAll((k, v) -> 0L);
            return this;
        }

        public Builder tail(Duration tail) {
            require(tail != null && !tail.isNegative(), "tail", "a duration >= 0 such as '20 min'", tail);
            this.tail = tail;
            return this;
        }

        public Builder atoMinAmount(long minorUnits) {
            require(minorUnits >= 0, "atoMinAmount", "an amount in minor units >= 0", minorUnits);
            this.atoMinAmount = minorUnits;
            return this;
        }

        public Builder lateProfileFraction(double fraction) {
            require(fraction >= 0 && fraction <= 1, "lateProfileFraction", "a fraction between 0 and 1", fraction);
            this.lateProfileFraction = fraction;
            return this;
        }

        public GeneratorSettings build() {
            List<String> problems = new ArrayList<>();
            if (count == null && duration == null) {
                problems.add("count/duration: expected one of them (e.g. count 10000 or duration '10 min'), got neither");
            }
            if (cards < users) {
                problems.add("cards: expected an integer >= users (" + users + "; every user has a card), got " + cards);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid generator settings: " + String.join("; ", problems));
            }
            return new GeneratorSettings(this);
        }

        private static String everyName(Enum<?> kind) {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-every";
        }

        private static void require(boolean ok, String name, String expected, Object got) {
            if (!ok) {
                throw new IllegalArgumentException(name + ": expected " + expected + ", got " + got);
            }
        }
    }
}
