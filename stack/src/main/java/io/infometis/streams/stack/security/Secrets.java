package io.infometis.streams.stack.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Random passwords and secret files readable by their owner only. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    // Letters and digits only: the values go into JAAS strings, YAML and command lines without quoting trouble.
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Secrets() {}

    public static String randomPassword() {
        char[] chars = new char[24];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** Writes the value to a file with mode 600 (what {@code ${file:...}} references read). */
    public static Path writeSecretFile(Path file, String value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write secret file " + file, e);
        }
    }
}
