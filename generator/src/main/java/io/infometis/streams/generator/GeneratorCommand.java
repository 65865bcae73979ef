package io.infometis.streams.generator;

import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/generate}: writes a seeded run to Kafka (or only computes it with {@code --dry-run}) and prints or
 * writes its ground truth. See docs/generator.md.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = GeneratorCommand.JarVersion.class,
        description = "Writes reproducible traffic with injected fraud scenarios and bad records to user-events, "
                + "orders, payments and customers, and prints what it injected (the ground truth, JSON).")
public final class GeneratorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    private String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema registry, Confluent-compatible base URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7.")
    private String registryUrl;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka producer property (repeatable), e.g. security.protocol=SASL_SSL.")
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--registry-property", paramLabel = "KEY=VALUE",
            description = "Extra registry client property (repeatable), e.g. basic.auth.credentials.source=USER_INFO.")
    private Map<String, String> registryProperties = new LinkedHashMap<>();

    @Option(names = "--topic", paramLabel = "NAME=ACTUAL",
            description = "Write a catalogue topic under another name (repeatable), e.g. orders=test-orders.")
    private Map<String, String> topics = new LinkedHashMap<>();

    @Option(names = "--seed", description = "Seed: same seed and options = same events. Default: ${DEFAULT-VALUE}.")
    private long seed = 42L;

    @Option(names = "--users", description = "Number of users. Default: ${DEFAULT-VALUE}.")
    private int users = 1000;

    @Option(names = "--cards", description = "Number of background cards (>= users). Default: ${DEFAULT-VALUE}.")
    private int cards = 1500;

    @Option(names = "--count", paramLabel = "N", description = "Main phase: this many background events.")
    private Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Main phase: this span of event time, e.g. '10 min', '2 h'.")
    private Duration duration;

    @Option(names = "--clock", description = "SIMULATED (deterministic event time from --start) or LIVE (wall "
            + "clock at send). Default: ${DEFAULT-VALUE}.")
    private ClockMode clock = ClockMode.SIMULATED;

    @Option(names = "--start", paramLabel = "INSTANT", description = "First event time of a SIMULATED run. "
            + "Default: 2026-01-01T00:00:00Z.")
    private Instant start = GeneratorSettings.DEFAULT_START;

    @Option(names = "--event-rate", paramLabel = "EVENTS_PER_S",
            description = "SIMULATED: background events per second of event time. Default: 10.")
    private Double eventRate;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "SIMULATED: records sent per second "
            + "(0 = as fast as possible, the default). LIVE: background events per second (default 10).")
    private Double rate;

    @Option(names = "--tail", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Background event time after the last scenario, so windows and timeouts close. Default: 20 min.")
    private Duration tail = GeneratorSettings.DEFAULT_TAIL;

    @Option(names = "--ato-min-amount", paramLabel = "MINOR_UNITS",
            description = "Account-takeover orders are above this amount. Default: ${DEFAULT-VALUE}.")
    private long atoMinAmount = GeneratorSettings.DEFAULT_ATO_MIN_AMOUNT;

    @Option(names = "--late-profile-fraction", paramLabel = "FRACTION",
            description = "Share of users whose profile comes after their first order. Default: ${DEFAULT-VALUE}.")
    private double lateProfileFraction = 0.1;

    @Option(names = "--card-testing-every", paramLabel = "N", description = "Card testing every N background events (0 = off). Default: 400.")
    private Long cardTestingEvery;
    @Option(names = "--account-takeover-every", paramLabel = "N", description = "Account takeover every N (0 = off). Default: 600.")
    private Long accountTakeoverEvery;
    @Option(names = "--unpaid-order-every", paramLabel = "N", description = "Unpaid order every N (0 = off). Default: 300.")
    private Long unpaidOrderEvery;
    @Option(names = "--garbage-every", paramLabel = "N", description = "Random-bytes record every N (0 = off). Default: 1000.")
    private Long garbageEvery;
    @Option(names = "--unknown-schema-id-every", paramLabel = "N", description = "Unknown schema id every N (0 = off). Default: 1000.")
    private Long unknownSchemaIdEvery;
    @Option(names = "--truncated-avro-every", paramLabel = "N", description = "Truncated Avro every N (0 = off). Default: 1000.")
    private Long truncatedAvroEvery;
    @Option(names = "--missing-id-every", paramLabel = "N", description = "Empty id every N (0 = off). Default: 1000.")
    private Long missingIdEvery;
    @Option(names = "--negative-amount-every", paramLabel = "N", description = "Negative amount every N (0 = off). Default: 1000.")
    private Long negativeAmountEvery;
    @Option(names = "--unknown-currency-every", paramLabel = "N", description = "Non-ISO currency every N (0 = off). Default: 1000.")
    private Long unknownCurrencyEvery;
    @Option(names = "--future-timestamp-every", paramLabel = "N", description = "Event time > 1 day ahead every N (0 = off). Default: 1000.")
    private Long futureTimestampEvery;
    @Option(names = "--background-only", description = "No scenarios, no bad records (overrides the --*-every options).")
    private boolean backgroundOnly;

    @Option(names = "--ground-truth", paramLabel = "FILE",
            description = "Write the ground truth (JSON) here instead of printing it on stdout.")
    private Path groundTruthFile;

    @Option(names = "--progress-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often a progress line goes to stderr. Default: 5 s.")
    private Duration progressInterval = Duration.ofSeconds(5);

    @Option(names = "--dry-run", description = "Generate without Kafka: only the ground truth is output.")
    private boolean dryRun;

    GeneratorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command with the given streams and returns its exit code (0 ok, 1 failure, 2 bad options). */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new GeneratorCommand(out, err)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        // A bad option: its message and a hint, not the whole usage text.
        cli.setParameterExceptionHandler((e, badArgs) -> {
            err.println("generate: " + e.getMessage());
            err.println("Try 'generate --help' (options are described in docs/generator.md).");
            return CommandLine.ExitCode.USAGE;
        });
        // A failure while running (Kafka, registry): one line, exit code 1.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("generate: failed: " + e.getMessage()
                    + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause() + ")" : ""));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        GeneratorSettings settings = settings();
        Generator generator = Generator.create(settings);
        if (dryRun) {
            generator.forEachRemaining(r -> { });
        } else {
            java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
            try (KafkaEventWriter writer = writer()) {
                KafkaEventWriter.Summary summary = writeStoppingOnShutdown(writer, generator, finished);
                if (!summary.complete()) {
                    err.println("generate: stopped after " + summary.records() + " records (all of them flushed); "
                            + "no ground truth, the run did not finish");
                    err.flush();
                    return 0;
                }
            } finally {
                // Only now may a shutdown hook let the JVM exit: the summary line above is written.
                finished.countDown();
            }
        }
        GroundTruth truth = generator.groundTruth();
        if (groundTruthFile != null) {
            truth.write(groundTruthFile);
            err.println("ground truth: " + groundTruthFile.toAbsolutePath() + " (" + truth.scenarios().size()
                    + " scenarios, " + truth.badRecords().size() + " bad records, " + truth.totalRecords()
                    + " records)");
        } else {
            out.println(truth.toJson());
        }
        return 0;
    }

    /**
     * SIGTERM (bin/stack down) or Ctrl-C: the writer stops before its next record and flushes what it sent; the
     * hook waits until {@code finished} (the caller has closed the writer and said how many records it sent), so
     * the JVM exits neither with records in the producer's buffer nor before that line is written.
     */
    private static KafkaEventWriter.Summary writeStoppingOnShutdown(KafkaEventWriter writer, Generator generator,
                                                                     java.util.concurrent.CountDownLatch finished) {
        Thread hook = new Thread(() -> {
            writer.stop();
            try {
                finished.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return writer.write(generator);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is what stopped us.
            }
        }
    }

    private KafkaEventWriter writer() {
        if (bootstrapServers == null) {
            throw new ParameterException(spec.commandLine(), "--bootstrap-servers is required (or use --dry-run)");
        }
        if (registryUrl == null) {
            throw new ParameterException(spec.commandLine(), "--registry-url is required (or use --dry-run)");
        }
        try {
            return KafkaEventWriter.builder()
                    .bootstrapServers(bootstrapServers)
                    .registryUrl(registryUrl)
                    .registryProperties(registryProperties)
                    .kafkaProperties(kafkaProperties)
                    .topicNames(TopicNames.of(topics))
                    .clock(clock)
                    .rate(clock == ClockMode.SIMULATED && rate != null ? rate : 0)
                    .progress(err, progressInterval)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private GeneratorSettings settings() {
        try {
            if (count != null && duration != null) {
                throw new IllegalArgumentException("--count and --duration: expected one of them, got both");
            }
            GeneratorSettings.Builder b = GeneratorSettings.builder()
                    .seed(seed).users(users).cards(cards).clock(clock).start(start).tail(tail)
                    .atoMinAmount(atoMinAmount).lateProfileFraction(lateProfileFraction);
            if (count != null) {
                b.count(count);
            }
            if (duration != null) {
                b.duration(duration);
            }
            if (clock == ClockMode.LIVE) {
                if (eventRate != null) {
                    throw new IllegalArgumentException("--event-rate: applies to --clock SIMULATED only; with LIVE, "
                            + "--rate sets the pace");
                }
                if (rate != null && !(rate > 0)) {
                    throw new IllegalArgumentException("--rate: expected background events per second > 0 with "
                            + "--clock LIVE (as fast as possible only exists for SIMULATED), got " + rate);
                }
                b.eventRate(rate == null ? 10.0 : rate);
            } else if (eventRate != null) {
                b.eventRate(eventRate);
            }
            if (backgroundOnly) {
                b.backgroundOnly();
            } else {
                every(b, ScenarioKind.CARD_TESTING, cardTestingEvery);
                every(b, ScenarioKind.ACCOUNT_TAKEOVER, accountTakeoverEvery);
                every(b, ScenarioKind.UNPAID_ORDER, unpaidOrderEvery);
                every(b, BadRecordKind.GARBAGE, garbageEvery);
                every(b, BadRecordKind.UNKNOWN_SCHEMA_ID, unknownSchemaIdEvery);
                every(b, BadRecordKind.TRUNCATED_AVRO, truncatedAvroEvery);
                every(b, BadRecordKind.MISSING_ID, missingIdEvery);
                every(b, BadRecordKind.NEGATIVE_AMOUNT, negativeAmountEvery);
                every(b, BadRecordKind.UNKNOWN_CURRENCY, unknownCurrencyEvery);
                every(b, BadRecordKind.FUTURE_TIMESTAMP, futureTimestampEvery);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void every(GeneratorSettings.Builder b, ScenarioKind kind, Long n) {
        if (n != null) {
            b.every(kind, n);
        }
    }

    private static void every(GeneratorSettings.Builder b, BadRecordKind kind, Long n) {
        if (n != null) {
            b.every(kind, n);
        }
    }

    /** The version in the jar's manifest (unknown when run from classes, e.g. in the IDE). */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GeneratorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"generate (InfoMetis Streams) " + (version == null ? "unknown version" : version)};
        }
    }

    /** Durations are written as everywhere in the project: {@code 30 s}, {@code 10 min}, {@code 2 h}, {@code 500 ms}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return TimeUtils.parseDuration(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "expected a duration such as '30 s', '10 min', '2 h', got '" + value + "'");
            }
        }
    }
}
