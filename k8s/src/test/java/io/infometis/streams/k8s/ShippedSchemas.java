package io.infometis.streams.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas for the kinds whose CRDs are on no Maven repository (ECK, Traefik): small subsets of the
 * published CRDs, shipped in src/test/resources/crd-schemas (see the README there), applied strictly.
 */
public final class ShippedSchemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Optional<StrictSchema>> CACHE = new ConcurrentHashMap<>();

    private ShippedSchemas() {}

    public static Optional<StrictSchema> of(Manifest m) {
        String file = "/crd-schemas/" + m.apiVersion().replace('/', '_') + "_" + m.kind() + ".yaml";
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = ShippedSchemas.class.getResourceAsStream(f)) {
                return in == null ? Optional.empty() : Optional.of(StrictSchema.of(YAML.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
