package io.infometis.streams.bench.latency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The state backend a job run uses and the Flink settings that select it over the job's deployed ones: empty for
 * the deployed backend (the job's own {@code flink-conf/jobs/<job>.yaml} already chooses it), or
 * {@code state.backend.type} with the managed-memory fraction that goes with it for the other one (RocksDB lives in
 * managed memory, the heap backend does not). One mechanism for the throughput run on the other backend and for the
 * enrichment latency runs on it.
 *
 * @param name          {@code hashmap} or {@code rocksdb}, as {@code state.backend.type} spells it (lower case)
 * @param flinkSettings the run's own Flink settings ({@code flink run -D key=value}); empty for the deployed backend
 */
public record JobStateBackend(String name, Map<String, String> flinkSettings) {

    public static final String TYPE_KEY = StateBackendOptions.STATE_BACKEND.key();
    public static final String MANAGED_FRACTION_KEY = TaskManagerOptions.MANAGED_MEMORY_FRACTION.key();
    /** The backends a job can be switched between, as {@code state.backend.type} names them. */
    public static final List<String> NAMES = List.of("hashmap", "rocksdb");

    public JobStateBackend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flinkSettings, "flinkSettings");
        name = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(TYPE_KEY + ": expected one of " + NAMES + ", got '" + name + "'");
        }
        String type = flinkSettings.get(TYPE_KEY);
        if (type != null && !type.trim().equalsIgnoreCase(name)) {
            throw new IllegalArgumentException(TYPE_KEY + ": expected '" + name + "' (the backend named), got '"
                    + type + "'");
        }
        String fraction = flinkSettings.get(MANAGED_FRACTION_KEY);
        if (fraction != null && !isFraction(fraction)) {
            throw new IllegalArgumentException(MANAGED_FRACTION_KEY + ": expected a number in [0, 1), got '"
                    + fraction + "'");
        }
        flinkSettings = Map.copyOf(flinkSettings);
    }

    /** The job's deployed backend: nothing to override. */
    public static JobStateBackend deployed(String name) {
        return new JobStateBackend(name, Map.of());
    }

    /** Another backend than the deployed one, with the managed-memory fraction a job on it is given. */
    public static JobStateBackend overridden(String name, String managedFraction) {
        Objects.requireNonNull(managedFraction, MANAGED_FRACTION_KEY);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(TYPE_KEY, name);
        settings.put(MANAGED_FRACTION_KEY, managedFraction);
        return new JobStateBackend(name, settings);
    }

    /** Whether this is the job's deployed backend (nothing overridden). */
    public boolean isDeployed() {
        return flinkSettings.isEmpty();
    }

    public Configuration flinkConfiguration() {
        return Configuration.fromMap(flinkSettings);
    }

    /**
     * Whether the backend a JobManager reports ({@code /jobs/<id>/checkpoints/config}'s {@code state_backend}, e.g.
     * {@code HashMapStateBackend}, {@code EmbeddedRocksDBStateBackend}) is this one.
     */
    public boolean isReportedAs(String reported) {
        String r = reported == null ? "" : reported.toLowerCase(Locale.ROOT);
        return r.contains(name);
    }

    private static boolean isFraction(String value) {
        try {
            double f = Double.parseDouble(value.trim());
            return f >= 0 && f < 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
