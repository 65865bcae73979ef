package io.infometis.streams.k8s.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns Flink 1.20's nested {@code config.yaml} into the flat {@code key: value} strings a FlinkDeployment's
 * {@code flinkConfiguration} holds: nested keys joined with dots, scalars as written, lists in Flink's
 * {@code a;b} list form. Hand-written because Flink's own YAML reader is in Flink 1.19+, and this module is held
 * to the operator's Flink 1.17 (whose reader only knows the legacy flat format).
 */
public final class FlinkConfFlattener {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FlinkConfFlattener() {}

    public static SortedMap<String, String> flatten(Path configYaml) {
        try {
            JsonNode root = YAML.readTree(configYaml.toFile());
            SortedMap<String, String> flat = new TreeMap<>();
            if (root != null && !root.isNull()) {
                if (!root.isObject()) {
                    throw new IllegalArgumentException(configYaml + ": expected a YAML mapping at the top");
                }
                flatten("", root, flat, configYaml);
            }
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configYaml, e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path source) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out, source);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(scalar(key, item, source)));
                out.put(key, String.join(";", items));
            } else {
                out.put(key, scalar(key, value, source));
            }
        }
    }

    private static String scalar(String key, JsonNode value, Path source) {
        if (value.isContainerNode() || value.isNull()) {
            throw new IllegalArgumentException(source + ": " + key + ": expected a scalar value, got " + value);
        }
        return value.asText();
    }
}
