package io.infometis.streams.sinks.elasticsearch;

/** How a document is written; every mode is idempotent, so a replay after a failure leaves the same documents. */
public enum WriteMode {
    /** The fields are merged into the existing document, which is created when absent (update, doc_as_upsert). */
    UPSERT,
    /** The whole document is replaced (index). */
    REPLACE,
    /**
     * Indexed with {@code version_type=external_gte} and the document's version (e.g. its event time): an older
     * version than the stored one is ignored, so an out-of-order or replayed event never overwrites newer truth.
     */
    EXTERNAL_VERSION
}
