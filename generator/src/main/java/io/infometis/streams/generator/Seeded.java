package io.infometis.streams.generator;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The run's only source of randomness. java.util.Random's algorithm is fixed by its specification, so one seed
 * gives the same sequence on every JVM; ids are drawn from it too (random UUIDs would break reproducibility).
 */
final class Seeded {

    private final Random random;

    Seeded(long seed) {
        this.random = new Random(seed);
    }

    /** A version-4-shaped UUID drawn from the seeded sequence. */
    String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    String hex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** Uniform in [min, max], both inclusive. */
    long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    int index(int size) {
        return random.nextInt(size);
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    double fraction() {
        return random.nextDouble();
    }
}
