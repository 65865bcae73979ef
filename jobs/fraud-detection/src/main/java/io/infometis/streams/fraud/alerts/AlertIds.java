package io.infometis.streams.fraud.alerts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic alert ids: the same detection always gets the same id, whenever and however often it is computed
 * (a replay after a failure, a second run over the same data). That is what makes the Elasticsearch upsert and the
 * consumers' de-duplication work. The id never depends on the detection time.
 */
public final class AlertIds {

    private AlertIds() {}

    /** A pattern detection: the pattern name, the key it is about and the ids of the matched events, in order. */
    public static String forPattern(String patternName, String key, List<String> matchedEventIds) {
        Objects.requireNonNull(matchedEventIds, "matchedEventIds");
        if (matchedEventIds.isEmpty()) {
            throw new IllegalArgumentException("a pattern alert needs at least one matched event id");
        }
        Digest digest = new Digest().add("pattern").add(patternName).add(key);
        matchedEventIds.forEach(digest::add);
        return digest.hex();
    }

    /** A rule detection: rule id and version, the group value and the event-time window [start, end). */
    public static String forRuleWindow(String ruleId, int ruleVersion, String groupValue, long windowStart, long windowEnd) {
        if (windowEnd <= windowStart) {
            throw new IllegalArgumentException("window end " + windowEnd + " must be after its start " + windowStart);
        }
        return new Digest().add("rule").add(ruleId).add(Integer.toString(ruleVersion)).add(groupValue)
                .add(Long.toString(windowStart)).add(Long.toString(windowEnd)).hex();
    }

    /** SHA-256 over length-prefixed parts, so ("ab","c") and ("a","bc") never collide; 128 bits kept. */
    private static final class Digest {
        private final MessageDigest sha256;

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        Digest add(String part) {
            byte[] bytes = Objects.requireNonNull(part, "alert id part").getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
            return this;
        }

        String hex() {
            byte[] hash = sha256.digest();
            return HexFormat.of().formatHex(hash, 0, 16);
        }
    }
}
