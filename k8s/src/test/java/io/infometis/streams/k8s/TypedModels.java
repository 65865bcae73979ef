package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in kinds, the Prometheus operator's kinds and Strimzi's kinds parsed into their typed models (fabric8's,
 * and Strimzi's own, which follow fabric8's conventions). These models keep fields they do not know in each
 * object's additionalProperties instead of failing, so after parsing the whole object tree
 * is walked and any non-empty additionalProperties is reported with its path: that is an unknown (misspelt or
 * misplaced) field.
 */
public final class TypedModels {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            // Strimzi publishes the Java model of its CRDs (io.strimzi:api), built on fabric8 the same way.
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private TypedModels() {}

    public static Optional<Class<?>> modelOf(Manifest m) {
        return Optional.ofNullable(MODELS.get(m.apiVersion() + "/" + m.kind()));
    }

    public static <T> T parse(Manifest m, Class<T> type) {
        return JSON.convertValue(m.body(), type);
    }

    /** Problems of a resource that has a typed model: parse errors and unknown fields, by path. */
    public static List<String> problems(Manifest m) {
        Class<?> type = modelOf(m).orElseThrow(() -> new IllegalArgumentException("no typed model for " + m.describe()));
        Object parsed;
        try {
            parsed = JSON.convertValue(m.body(), type);
        } catch (IllegalArgumentException e) {
            return List.of(m.problem(pathOf(e), "does not parse as " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
        List<String> problems = new ArrayList<>();
        walk(parsed, "", m, problems);
        return problems;
    }

    private static String pathOf(IllegalArgumentException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jme) {
            StringBuilder path = new StringBuilder();
            for (var ref : jme.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        return "(root)";
    }

    private static void walk(Object value, String path, Manifest m, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", m, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, m, problems));
            return;
        }
        String className = value.getClass().getName();
        if (!className.startsWith("io.fabric8.") && !className.startsWith("io.strimzi.")) {
            return;
        }
        JavaType type = JSON.constructType(value.getClass());
        BeanDescription description = JSON.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object child;
            try {
                child = accessor.getValue(value);
            } catch (RuntimeException e) {
                continue;
            }
            walk(child, path.isEmpty() ? property.getName() : path + "." + property.getName(), m, problems);
        }
        Object extra = additionalProperties(value);
        if (extra instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
            for (Object key : unknown.keySet()) {
                problems.add(m.problem(path.isEmpty() ? String.valueOf(key) : path + "." + key,
                        "unknown field for " + value.getClass().getSimpleName()));
            }
        }
    }

    private static Object additionalProperties(Object value) {
        try {
            return value.getClass().getMethod("getAdditionalProperties").invoke(value);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
