package io.infometis.streams.sinks.elasticsearch;

import java.util.Objects;

/**
 * One write: the index, a deterministic id (the same input always gives the same id, which makes writes
 * idempotent), the JSON source, the mode and, for {@link WriteMode#EXTERNAL_VERSION}, the version.
 */
public record ElasticsearchDocument(String index, String id, String json, WriteMode mode, long version) {

    public ElasticsearchDocument {
        requireText(index, "index");
        requireText(id, "id");
        requireText(json, "json");
        Objects.requireNonNull(mode, "mode");
        if (!index.equals(index.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("Elasticsearch index names are lower case, got: " + index);
        }
        if (mode == WriteMode.EXTERNAL_VERSION && version < 0) {
            throw new IllegalArgumentException("an external version must be >= 0, got " + version + " for " + id);
        }
    }

    public static ElasticsearchDocument upsert(String index, String id, String json) {
        return new ElasticsearchDocument(index, id, json, WriteMode.UPSERT, 0);
    }

    public static ElasticsearchDocument replace(String index, String id, String json) {
        return new ElasticsearchDocument(index, id, json, WriteMode.REPLACE, 0);
    }

    public static ElasticsearchDocument versioned(String index, String id, String json, long version) {
        return new ElasticsearchDocument(index, id, json, WriteMode.EXTERNAL_VERSION, version);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("document " + name + " must not be blank");
        }
    }
}
