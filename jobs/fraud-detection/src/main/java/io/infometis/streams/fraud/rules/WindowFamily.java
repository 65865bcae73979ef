package io.infometis.streams.fraud.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The part of a rule that decides which events land in which windows: its stream, filter, group-by field, the
 * input of its aggregate (events for {@code count}, else the field) and its window size and slide. Rules that agree
 * on all of these (they differ only in aggregate function, threshold, severity or description) put exactly the same
 * events into exactly the same windows, so they share one set of window buckets and each event becomes one hit per
 * family, not one per rule.
 *
 * <p>Why: a rule set typically holds many thresholds over few window shapes (severity tiers, per-segment limits
 * tuned over time). Per-rule windows made 1,000 such rules cost hundreds of keyed-state updates per event; per
 * family the cost follows the number of distinct shapes an event matches.
 *
 * <p>A family is named by its {@link #of canonical description} (readable, ~80 characters) and identified in hits
 * and keyed state by a 64-bit {@link #id(Rule) id} computed from it once per rule parse: the description in every
 * key made string hashing and serialization a sixth of the fraud job's time.
 */
public final class WindowFamily {

    /** The family id of no family: what {@link WindowSpec#familyId} reads as in state written before ids existed. */
    public static final long NONE = 0L;

    /** Length of {@link #keyPrefix}: 11 URL-safe Base64 characters for the 8 id bytes, then the separator. */
    static final int KEY_PREFIX_LENGTH = 12;

    /** Between the family id and the group value in a key; never in a Base64 id, so the two parts never blur. */
    static final char KEY_SEPARATOR = '\u001f';

    private WindowFamily() {}

    /** The family's canonical description: equal for rules that share windows, in every JVM. */
    public static String of(Rule rule) {
        List<String> filters = rule.filters().stream().map(FieldFilter::canonical).sorted().toList();
        String input = rule.aggregate().function() == Aggregate.Function.COUNT ? "events" : rule.aggregate().field();
        return rule.stream().ruleName() + " where " + String.join(" and ", filters) + " by " + rule.groupBy()
                + " of " + input + " in " + rule.windowSizeMillis() + "/" + rule.slideMillis() + " ms";
    }

    /**
     * The family id: the first 8 bytes of SHA-256 over {@link #of the canonical description}, so it is the same in
     * every JVM and after every restart (it is part of the keyed-state key). Why not {@code String.hashCode()}: 32
     * bits of a simple polynomial collide easily (by the birthday bound, likely among a few 10,000 descriptions, and
     * constructible at will), and two colliding families would silently share windows. 64 bits of SHA-256 make that
     * about 10^-16 for the 54 families of 1,000 rules. Never {@link #NONE} (that one value maps to 1).
     */
    public static long id(Rule rule) {
        return id(of(rule));
    }

    static long id(String canonical) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long id = ByteBuffer.wrap(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8))).getLong();
        return id == NONE ? 1L : id;
    }

    /**
     * What every evaluation key of the family starts with: the id in URL-safe Base64 (11 characters) and the
     * separator. Printable and short; the group value follows. Keys of the earlier build began with the canonical
     * description (which has spaces, never in Base64), so old and new keys never meet.
     */
    static String keyPrefix(long id) {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(id).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + KEY_SEPARATOR;
    }
}
