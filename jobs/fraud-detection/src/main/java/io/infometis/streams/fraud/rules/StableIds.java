package io.infometis.streams.fraud.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * 64-bit ids of canonical descriptions ({@link WindowFamily}, {@link WindowShape}) and the keyed-state key prefix
 * made of them. The ids are part of keyed state, so they must be the same in every JVM and after every restart.
 */
final class StableIds {

    /** The id of nothing: what an id field reads as in state written before the field existed. */
    static final long NONE = 0L;

    /** Length of {@link #keyPrefix}: 11 URL-safe Base64 characters for the 8 id bytes, then the separator. */
    static final int KEY_PREFIX_LENGTH = 12;

    /** Between the id and the group value in a key; never in Base64, so the two parts never blur. */
    static final char KEY_SEPARATOR = '\u001f';

    private StableIds() {}

    /**
     * The first 8 bytes of SHA-256 over the description. Why not {@code String.hashCode()}: 32 bits of a simple
     * polynomial collide easily (by the birthday bound, likely among a few 10,000 descriptions, and constructible at
     * will), and two colliding ids would silently share windows. 64 bits of SHA-256 make a collision among the
     * 54 families of 1,000 rules about 10^-16 likely. Never {@link #NONE} (that one value maps to 1).
     */
    static long of(String canonical) {
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
     * What every key of the id starts with: the id in URL-safe Base64 (11 characters) and the separator. Printable
     * and short; the group value follows. Keys of the build before ids began with a family description (which has
     * spaces, never in Base64), so old and new keys never meet.
     */
    static String keyPrefix(long id) {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(id).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + KEY_SEPARATOR;
    }
}
