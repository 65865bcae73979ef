package io.infometis.streams.generator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The records of one run, in send order, generated lazily; {@link #groundTruth()} once the iterator is exhausted.
 *
 * <p>A run has three phases. <b>Main</b>: background activities (a login session, an order with its payments...)
 * start one after the other, spaced so that background events average {@code eventRate} per second of event
 * time; every N background events a scenario or bad record of each enabled kind is injected. <b>Tail</b>:
 * background only, for {@code tail} of event time after the main phase and the last scenario event, so every
 * window and timeout downstream closes. <b>Drain</b>: nothing new starts; what is already planned (payments,
 * PAID, SHIPPED...) is sent, and users still without a customers profile get one.
 *
 * <pre>{@code
 * Generator generator = Generator.create(GeneratorSettings.builder().seed(7).count(5_000).build());
 * generator.forEachRemaining(record -> ...);
 * GroundTruth truth = generator.groundTruth();
 * }</pre>
 */
public final class Generator implements Iterator<GeneratedRecord> {

    private enum Phase { MAIN, TAIL, DRAIN, DONE }

    /** A whole run in memory, for tests. */
    public record Run(List<GeneratedRecord> records, GroundTruth groundTruth) {

        /** The good (not injected-bad) values of one type, in send order, e.g. {@code good(Payment.class)}. */
        public <T extends org.apache.avro.specific.SpecificRecord> List<T> good(Class<T> type) {
            return records.stream().filter(r -> !r.isBad() && type.isInstance(r.value()))
                    .map(r -> type.cast(r.value())).toList();
        }
    }

    private final GeneratorSettings settings;
    private final long startMillis;
    private final double stepMillis;
    private final Timeline timeline = new Timeline();
    private final BackgroundTraffic background;
    private final ScenarioInjector scenarios;
    private final BadRecordFactory badRecords;
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();

    private final List<GroundTruth.InjectedBadRecord> injectedBad = new ArrayList<>();
    private final Map<String, Long> recordsPerTopic = new LinkedHashMap<>();
    private long firstEventTime = Long.MAX_VALUE;
    private long lastEventTime = Long.MIN_VALUE;

    private Phase phase = Phase.MAIN;
    /** Event time of the next activity, fractional so that the rate does not drift. */
    private double clock;
    private long now;
    private long tailEnd;
    private long backgroundSent;
    private boolean missingProfilesPlanned;

    private Generator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.startMillis = settings.clock() == ClockMode.LIVE
                ? System.currentTimeMillis()
                : settings.start().toEpochMilli();
        this.stepMillis = 1000.0 / settings.eventRate();
        this.now = startMillis;
        this.clock = startMillis;
        Seeded random = new Seeded(settings.seed());
        Population population = new Population(settings, random, startMillis);
        Events events = new Events(random);
        this.background = new BackgroundTraffic(random, population, timeline, events, startMillis);
        this.scenarios = new ScenarioInjector(random, population, timeline, events, background,
                settings.atoMinAmount());
        this.badRecords = new BadRecordFactory(random);
    }

    public static Generator create(GeneratorSettings settings) {
        return new Generator(settings);
    }

    /** Generates a whole run into memory. */
    public static Run run(GeneratorSettings settings) {
        Generator generator = create(settings);
        List<GeneratedRecord> records = new ArrayList<>();
        generator.forEachRemaining(records::add);
        return new Run(List.copyOf(records), generator.groundTruth());
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** First event time of the run (for LIVE, the wall clock when the generator was created). */
    public Instant startTime() {
        return Instant.ofEpochMilli(startMillis);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && phase != Phase.DONE) {
            step();
        }
        return !ready.isEmpty();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the run is over");
        }
        return ready.poll();
    }

    /** What this run injected; only once every record has been taken from the iterator. */
    public GroundTruth groundTruth() {
        if (hasNext()) {
            throw new IllegalStateException("the run is not over: take every record from the generator first");
        }
        return new GroundTruth(settings.seed(), firstEventTime == Long.MAX_VALUE ? startMillis : firstEventTime,
                lastEventTime == Long.MIN_VALUE ? startMillis : lastEventTime, scenarios.injected(), injectedBad,
                recordsPerTopic);
    }

    private void step() {
        if (phase == Phase.MAIN && mainPhaseOver()) {
            phase = Phase.TAIL;
            scenarios.abandonPending();
            tailEnd = Math.max(now, timeline.latestScenarioTime()) + settings.tail().toMillis();
        }
        if (phase == Phase.TAIL && now >= tailEnd) {
            phase = Phase.DRAIN;
        }
        long releaseBefore;
        if (phase == Phase.DRAIN) {
            if (timeline.isEmpty()) {
                if (missingProfilesPlanned) {
                    phase = Phase.DONE;
                    return;
                }
                missingProfilesPlanned = true;
                background.planMissingProfiles(Math.max(now, timeline.latestTime()));
            }
            releaseBefore = Long.MAX_VALUE;
        } else {
            // The next activity starts once this one's records have "used up" their share of the event rate.
            int planned = background.startActivity(now);
            clock += Math.max(1, planned) * stepMillis;
            releaseBefore = (long) Math.ceil(clock);
        }
        Timeline.Planned due;
        while ((due = timeline.pollBefore(releaseBefore)) != null) {
            release(due);
        }
        if (phase != Phase.DRAIN) {
            now = releaseBefore;
        }
    }

    private boolean mainPhaseOver() {
        return settings.count().map(c -> backgroundSent >= c).orElse(false)
                || settings.duration().map(d -> now - startMillis >= d.toMillis()).orElse(false);
    }

    private void release(Timeline.Planned planned) {
        Shopper owner = planned.owner();
        if (owner != null) {
            owner.pending--;
            if (planned.login()) {
                owner.loginSent = true;
            }
        }
        GeneratedRecord record = planned.record();
        ready.add(record);
        recordsPerTopic.merge(record.topic(), 1L, Long::sum);
        firstEventTime = Math.min(firstEventTime, record.eventTime());
        lastEventTime = Math.max(lastEventTime, record.eventTime());
        if (record.isBad()) {
            String eventId = record.badKind().decodable() ? BadRecordFactory.eventIdOf(record.value()) : null;
            injectedBad.add(new GroundTruth.InjectedBadRecord(record.topic(), record.badKind(), record.key(), eventId,
                    record.eventTime()));
        }
        if (planned.origin() == Timeline.Origin.BACKGROUND) {
            backgroundSent++;
            if (phase == Phase.MAIN) {
                injectDue(planned.time());
            }
        }
    }

    private void injectDue(long time) {
        for (ScenarioKind kind : ScenarioKind.values()) {
            long every = settings.every(kind);
            if (every > 0 && backgroundSent % every == 0) {
                scenarios.inject(kind, time);
            }
        }
        scenarios.tryTakeover(time);
        for (BadRecordKind kind : BadRecordKind.values()) {
            long every = settings.every(kind);
            if (every > 0 && backgroundSent % every == 0) {
                timeline.plan(time, badRecords.create(kind, time), Timeline.Origin.BAD, null);
            }
        }
    }
}
