package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;
import org.apache.flink.kubernetes.operator.config.KubernetesOperatorConfigOptions;
import org.junit.jupiter.api.Test;

/**
 * Flink and the operator ignore configuration keys they do not know, so a misspelt operator or Kubernetes key
 * would silently do nothing. Every kubernetes.* and high-availability.* key the FlinkDeployments set must be a
 * ConfigOption of the operator or of Flink's Kubernetes/HA options (as of the operator 1.7 / Flink 1.17 jars on
 * this classpath; newer keys would have to be added as known with a reason).
 */
class FlinkConfigurationKeysTest {

    @Test
    void everyKubernetesAndHighAvailabilityKeyIsOneFlinkOrTheOperatorKnows() throws IllegalAccessException {
        Set<String> known = new HashSet<>();
        for (Class<?> options : List.of(KubernetesOperatorConfigOptions.class, KubernetesConfigOptions.class,
                HighAvailabilityOptions.class)) {
            for (Field f : options.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    known.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        known.add(k.getKey());
                    }
                }
            }
        }
        assertThat(known).contains("kubernetes.entry.path", "high-availability.type");
        Problems problems = new Problems();
        Rendered.all("FlinkDeployment").forEach(m -> m.spec().path("flinkConfiguration").fieldNames().forEachRemaining(key -> {
            if (key.startsWith("kubernetes.") || key.startsWith("high-availability.")) {
                problems.check(known.contains(key), m.problem("spec.flinkConfiguration." + key,
                        "no such Flink or operator option"));
            }
        }));
        problems.assertNone("Kubernetes and HA keys");
    }
}
