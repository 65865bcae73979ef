package io.infometis.streams.sinks.elasticsearch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses and IP addresses found in free text before it is indexed: Elasticsearch documents are
 * searchable by every Kibana user, the Kafka topics are not (docs/security.md, "PII in Elasticsearch").
 *
 * <ul>
 *   <li>an e-mail address becomes {@value #EMAIL_MASK};</li>
 *   <li>an IPv4 address keeps its /24 network ({@code 203.0.113.77} → {@code 203.0.113.0/24}), an IPv6 address
 *       its /48 ({@code 2001:db8:85a3::7} → {@code 2001:db8:85a3:0:0:0:0:0/48}): the host part, which names one
 *       subscriber, is gone; the network, which fraud triage groups by, stays.</li>
 * </ul>
 *
 * <p>Masking, not hashing: an unkeyed hash of an IPv4 address is reversed by trying all 2^32 of them, and a keyed
 * hash needs a secret the jobs do not have yet. Written by hand because no library finds addresses <em>inside</em>
 * text; parsing a found IPv6 candidate is left to the JDK ({@link InetAddress#getByName} does no DNS look-up for a
 * string with a colon: it is a literal or an error).
 */
public final class PiiMasking {

    public static final String EMAIL_MASK = "[email]";

    /** The practical shape of an address (RFC 5322 allows more, but nothing this platform produces or reads). */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /**
     * Four dot-separated numbers, not part of a longer dotted number (1.2.3.4.5 is no address) nor already masked
     * (a following {@code /}): masking masked text changes nothing.
     */
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?!\\d|\\.\\d|/)");
    /** Runs of hex digits, colons and dots with at least two colons: the JDK decides which are IPv6 literals. */
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9A-Za-z:/]|\\.\\d)");

    private PiiMasking() {}

    /** The text with every e-mail and IP address in it masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
        masked = replace(IPV6_CANDIDATE, masked, m -> maskIpv6(m.group()));
        return replace(IPV4, masked, PiiMasking::maskIpv4);
    }

    /** Each element masked, order kept. */
    public static List<String> mask(List<String> texts) {
        return texts.stream().map(PiiMasking::mask).toList();
    }

    /** True when the text holds an e-mail or IP address that {@link #mask(String)} would change. */
    public static boolean containsPii(String text) {
        return text != null && !text.equals(mask(text));
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskIpv4(Matcher m) {
        for (int octet = 1; octet <= 4; octet++) {
            if (Integer.parseInt(m.group(octet)) > 255) {
                return m.group(); // not an address, e.g. 1.2.3.999
            }
        }
        return m.group(1) + "." + m.group(2) + "." + m.group(3) + ".0/24";
    }

    private static String maskIpv6(String candidate) {
        if (candidate.chars().noneMatch(c -> Character.digit(c, 16) >= 0)) {
            return candidate; // "::" in prose (Foo::bar is excluded by the pattern already)
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(candidate);
        } catch (UnknownHostException | RuntimeException e) {
            return candidate; // a time such as 10:00:00, not an address
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) { // ::ffff:a.b.c.d, an IPv4 address in IPv6 form
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        for (int i = 6; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return Inet6Address.getByAddress(null, bytes).getHostAddress() + "/48";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
