package io.infometis.streams.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The per-resource checks every rendered resource goes through, by kind. */
public final class ManifestChecks {

    private static final Map<String, StrictSchema> FLINK = new ConcurrentHashMap<>();

    private ManifestChecks() {}

    /** Schema or typed-model problems of each resource; a kind nothing can check is itself a problem. */
    public static List<String> structure(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.group().equals("flink.apache.org")) {
                String version = m.apiVersion().substring(m.apiVersion().indexOf('/') + 1);
                StrictSchema schema = FLINK.computeIfAbsent(m.kind() + "/" + version,
                        k -> StrictSchema.of(FlinkCrds.schema(m.kind(), version)));
                problems.addAll(schema.validate(m));
            } else if (TypedModels.modelOf(m).isPresent()) {
                problems.addAll(TypedModels.problems(m));
            } else {
                ShippedSchemas.of(m).ifPresentOrElse(
                        schema -> problems.addAll(schema.validate(m)),
                        () -> problems.add(m.describe() + ": no CRD schema or typed model checks "
                                + m.apiVersion() + " " + m.kind() + " (add one to the k8s checks)"));
            }
        }
        return problems;
    }
}
